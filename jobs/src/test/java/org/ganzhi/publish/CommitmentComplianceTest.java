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
 * gold.commitment_compliance, run date 2026-11-10, 7-day window (promised local Nov 4..10 =
 * 2026-11-03 16:00 .. 2026-11-10 16:00 UTC), k = 2. Timestamps below are UTC.
 */
class CommitmentComplianceTest extends SparkTestBase {
    private Dataset<Row> compliance;

    @BeforeAll
    void compute() {
        Dataset<Row> orders = spark.sql("""
                SELECT order_id, msisdn, order_type, CAST(created_at AS TIMESTAMP) created_at,
                       CAST(promised_at AS TIMESTAMP) promised_at, CAST(completed_at AS TIMESTAMP) completed_at FROM VALUES
                  ('O1', 'A', 'REPAIR', '2026-11-01 00:00:00', '2026-11-05 00:00:00', '2026-11-04 00:00:00'),
                  ('O2', 'B', 'REPAIR', '2026-11-04 00:00:00', '2026-11-06 00:00:00', '2026-11-06 06:00:00'),
                  ('O3', 'C', 'REPAIR', '2026-11-05 00:00:00', '2026-11-07 00:00:00', '2026-11-07 12:00:00'),
                  ('O4', 'A', 'REPAIR', '2026-11-06 00:00:00', '2026-11-08 00:00:00', NULL),
                  ('O5', 'B', 'REPAIR', '2026-11-07 00:00:00', '2026-11-09 00:00:00', '2026-11-11 00:00:00'),
                  ('O6', 'C', 'REPAIR', '2026-11-08 00:00:00', '2026-11-10 15:59:59', '2026-11-10 15:59:59'),
                  ('O7', 'A', 'REPAIR', '2026-11-01 00:00:00', '2026-11-03 15:00:00', '2026-11-04 00:00:00'),
                  ('O8', 'A', 'REPAIR', '2026-11-09 00:00:00', '2026-11-10 16:00:00', NULL),
                  ('O9', 'E', 'RECONNECTION', '2026-11-05 00:00:00', '2026-11-05 04:00:00', '2026-11-05 03:00:00')
                AS t(order_id, msisdn, order_type, created_at, promised_at, completed_at)""");
        compliance = CommitmentCompliance.compute(orders, LocalDate.of(2026, 11, 10), GoldTestRows.settings()).cache();
    }

    @Test
    void ordersPromisedInTheWindowJudgedAsOfTheEndOfD() {
        assertEquals(2, compliance.count());
        Row repair = only(compliance, "order_type = 'REPAIR'");
        assertEquals(Date.valueOf("2026-11-04"), repair.getAs("window_start"));
        assertEquals(Date.valueOf("2026-11-10"), repair.getAs("window_end"));
        // O7 was promised for 23:00 local on Nov 3 and O8 for 00:00 local on Nov 11: not due in the window.
        assertEquals(6L, count(repair, "orders_due"));
        assertEquals(3L, count(repair, "subscribers"));
        assertEquals(2L, count(repair, "completed_within_promise"), "O1 early, O6 exactly on time");
        assertEquals(2L, count(repair, "completed_late"), "O2 6 h, O3 12 h");
        assertEquals(2L, count(repair, "open_past_promise"), "O4 never completed, O5 completed only after D");
        assertEquals(1.0 / 3, number(repair, "within_promise_share"), 1e-12);
        assertEquals(9.0, number(repair, "late_hours_mean"), 1e-12);
        assertFalse(repair.<Boolean>getAs("redacted"));
    }

    @Test
    void aCommitmentOfOneSubscriberIsRedacted() {
        Row reconnection = only(compliance, "order_type = 'RECONNECTION'");
        assertTrue(reconnection.<Boolean>getAs("redacted"));
        assertNull(reconnection.getAs("orders_due"));
        assertNull(reconnection.getAs("subscribers"));
        assertNull(reconnection.getAs("within_promise_share"));
        assertNull(reconnection.getAs("late_hours_mean"));
    }
}
