package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;

import static org.ganzhi.publish.GoldTestRows.count;
import static org.ganzhi.publish.GoldTestRows.number;
import static org.ganzhi.publish.GoldTestRows.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gold.complaint_insight on a dozen tickets, run date 2026-11-10, 7-day window (local Nov 4..10 =
 * 2026-11-03 16:00 .. 2026-11-10 16:00 UTC), k = 2, complaint-repeat-days 7. Timestamps below are UTC.
 */
class ComplaintInsightTest extends SparkTestBase {
    private static final LocalDate D = LocalDate.of(2026, 11, 10);
    private Dataset<Row> insight;

    @BeforeAll
    void compute() {
        Dataset<Row> tickets = spark.sql("""
                SELECT ticket_id, msisdn, CAST(opened_at AS TIMESTAMP) opened_at, channel, category, status,
                       CAST(closed_at AS TIMESTAMP) closed_at, CAST(promised_hours AS INT) promised_hours,
                       CAST(satisfaction AS INT) satisfaction, was_escalated FROM VALUES
                  ('T0', 'B', '2026-11-03 15:59:00', 'HOTLINE', 'NETWORK_DATA', 'RESOLVED', '2026-11-04 01:00:00', 24, 1, false),
                  ('T1', 'A', '2026-11-04 02:00:00', 'HOTLINE', 'NETWORK_DATA', 'RESOLVED', '2026-11-05 08:00:00', 24, 2, true),
                  ('T2', 'A', '2026-11-06 00:00:00', 'HOTLINE', 'NETWORK_DATA', 'RESOLVED', '2026-11-06 10:00:00', 24, 4, false),
                  ('T3', 'B', '2026-11-08 00:00:00', 'HOTLINE', 'NETWORK_DATA', 'ESCALATED', NULL, 24, NULL, true),
                  ('T4', 'C', '2026-11-10 10:00:00', 'HOTLINE', 'NETWORK_DATA', 'OPEN', NULL, 48, NULL, false),
                  ('T5', 'B', '2026-11-09 00:00:00', 'HOTLINE', 'NETWORK_DATA', 'RESOLVED', '2026-11-11 00:00:00', 72, 5, false),
                  ('T6', 'C', '2026-11-03 16:00:00', 'HOTLINE', 'NETWORK_DATA', 'RESOLVED', '2026-11-03 20:00:00', NULL, NULL, false),
                  ('T7', 'E', '2026-11-05 00:00:00', 'APP', 'BILLING', 'RESOLVED', '2026-11-05 05:00:00', 24, 5, false),
                  ('T8', 'F', '2026-11-10 16:00:00', 'STORE', 'COVERAGE', 'OPEN', NULL, 24, NULL, false),
                  ('T9', 'A', '2026-10-01 00:00:00', 'HOTLINE', 'NETWORK_DATA', 'RESOLVED', '2026-10-01 05:00:00', 24, NULL, false),
                  ('T10', 'A', '2026-11-03 00:00:00', 'HOTLINE', 'BILLING', 'RESOLVED', '2026-11-03 02:00:00', 24, NULL, false),
                  ('T11', 'F', '2026-11-07 00:00:00', 'STORE', 'COVERAGE', 'OPEN', NULL, 24, NULL, false)
                AS t(ticket_id, msisdn, opened_at, channel, category, status, closed_at, promised_hours, satisfaction,
                     was_escalated)""");
        // A moved North -> South before D and to East after D; F has no snapshot at all.
        Dataset<Row> subscribers = spark.sql("""
                SELECT msisdn, DATE(snapshot_date) snapshot_date, region, age_band FROM VALUES
                  ('A', '2026-11-01', 'North', '25-34'), ('A', '2026-11-09', 'South', '25-34'),
                  ('A', '2026-11-12', 'East', '25-34'), ('B', '2026-11-05', 'South', '35-44'),
                  ('C', '2026-11-10', 'South', '45-54'), ('E', '2026-11-01', 'North', '18-24')
                AS t(msisdn, snapshot_date, region, age_band)""");
        insight = ComplaintInsight.compute(tickets, subscribers, D, GoldTestRows.settings()).cache();
    }

    @Test
    void onlyTicketsOpenedOnTheWindowsLocalDaysAreCounted() {
        // T0 (23:59 local on Nov 3), T9, T10 (before the window) and T8 (00:00 local on Nov 11) are out.
        assertEquals(3, insight.count());
        Row g = only(insight, "category = 'NETWORK_DATA' AND channel = 'HOTLINE'");
        assertEquals(Date.valueOf("2026-11-04"), g.getAs("window_start"));
        assertEquals(Date.valueOf("2026-11-10"), g.getAs("window_end"));
        assertEquals("South", g.getAs("region"), "A's region is its latest snapshot on or before D");
        assertEquals(6L, count(g, "tickets"), "T1..T6");
        assertEquals(3L, count(g, "subscribers"), "A, B, C");
    }

    @Test
    void resolutionAndPromisesAsOfTheEndOfD() {
        Row g = only(insight, "category = 'NETWORK_DATA' AND channel = 'HOTLINE'");
        // T5 closed on Nov 11 (after D): open as of D. Resolved: T1 30 h, T2 10 h, T6 4 h.
        assertEquals(3L, count(g, "resolved_tickets"));
        assertEquals(44.0 / 3, number(g, "resolution_hours_mean"), 1e-9);
        assertEquals(1L, count(g, "resolved_late_tickets"), "T1 took 30 h of 24 promised; T6 had no promise");
        assertEquals(1.0 / 3, number(g, "resolved_late_share"), 1e-9);
        // T3 was due Nov 9 00:00; T4 (48 h) and T5 (72 h) are open but not due before the end of D.
        assertEquals(1L, count(g, "open_overdue_tickets"));
        assertEquals(1.0 / 6, number(g, "open_overdue_share"), 1e-9);
        assertEquals(2L, count(g, "escalated_tickets"), "T1 and T3");
        assertEquals(1.0 / 3, number(g, "escalated_share"), 1e-9);
        assertEquals(2L, count(g, "satisfaction_answers"), "T5's answer came after D");
        assertEquals(3.0, number(g, "satisfaction_mean"), 1e-9);
    }

    @Test
    void repeatsLookBackBeforeTheWindowWithinRepeatDays() {
        Row g = only(insight, "category = 'NETWORK_DATA' AND channel = 'HOTLINE'");
        // Resolved, then back within 7 days: T2 after T1 (16 h); T3 and T5 after T0 (resolved before
        // the window; T3, still open, does not count for T5); T4 after T6 (6.6 days).
        // T1 is not: T9 was resolved 34 days earlier and T10 is another category. T6 is C's first.
        assertEquals(4L, count(g, "repeat_tickets"));
        assertEquals(4.0 / 6, number(g, "repeat_rate"), 1e-9);
        assertFalse(g.<Boolean>getAs("redacted"));
    }

    @Test
    void groupsOfOneSubscriberAreRedacted() {
        Row billing = only(insight, "category = 'BILLING'");
        assertEquals("North", billing.getAs("region"));
        assertTrue(billing.<Boolean>getAs("redacted"));
        assertNull(billing.getAs("tickets"));
        assertNull(billing.getAs("subscribers"));
        assertNull(billing.getAs("resolution_hours_mean"));
        assertNull(billing.getAs("satisfaction_mean"));

        Row coverage = only(insight, "category = 'COVERAGE'");
        assertEquals("UNKNOWN", coverage.getAs("region"), "F has no snapshot");
        assertTrue(coverage.<Boolean>getAs("redacted"));
        assertNull(coverage.getAs("open_overdue_tickets"));
    }
}
