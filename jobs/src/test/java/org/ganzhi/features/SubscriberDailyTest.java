package org.ganzhi.features;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Hand-computed subscriber-day and cell-day features on a few rows (operator zone Asia/Shanghai, UTC+8). */
class SubscriberDailyTest extends SparkTestBase {
    private FeatureSettings settings;
    private Dataset<Row> calls;
    private Dataset<Row> sessions;

    @BeforeAll
    void data() {
        settings = FeatureSettings.from(GanzhiConfig.defaults());
        calls = spark.sql("""
                SELECT msisdn, other_party, direction, CAST(start_time AS TIMESTAMP) start_time, duration_s, cell_id, end_cause,
                       CAST(mos AS DOUBLE) mos, roaming, DATE'2026-11-02' event_date FROM VALUES
                  ('A', 'B', 'MO', '2026-11-02 02:00:00', 120, 'c1', 'NORMAL', 4.0, false),
                  ('A', 'B', 'MT', '2026-11-02 03:00:00', 60, 'c1', 'DROPPED', 3.0, false),
                  ('A', 'C', 'MO', '2026-11-01 16:30:00', 0, 'c2', 'SETUP_FAILED', NULL, false),
                  ('A', NULL, 'MO', '2026-11-02 05:00:00', 30, 'c1', 'NORMAL', NULL, true),
                  ('B', 'A', 'MT', '2026-11-02 02:00:00', 120, 'c1', 'NORMAL', 4.2, false)
                AS t(msisdn, other_party, direction, start_time, duration_s, cell_id, end_cause, mos, roaming)""");
        sessions = spark.sql("""
                SELECT msisdn, CAST(bytes_up AS BIGINT) bytes_up, CAST(bytes_down AS BIGINT) bytes_down, cell_id, app_category,
                       CAST(throughput_kbps AS DOUBLE) throughput_kbps, CAST(rtt_ms AS DOUBLE) rtt_ms, failed,
                       DATE'2026-11-02' event_date FROM VALUES
                  ('A', 1048576, 1048576, 'c2', 'VIDEO', 5000.0, 40.0, false),
                  ('A', 100, 200, 'c2', 'GAMING', 10.0, 900.0, true),
                  ('A', 0, 1048576, 'c2', 'SOCIAL', 800.0, 200.0, false)
                AS t(msisdn, bytes_up, bytes_down, cell_id, app_category, throughput_kbps, rtt_ms, failed)""");
    }

    @Test
    void voiceDataAndMobilityOfOneDay() {
        Dataset<Row> daily = SubscriberDaily.combine(List.of(SubscriberDaily.voice(calls, settings),
                SubscriberDaily.data(sessions, settings), SubscriberDaily.mobility(calls, sessions)));
        Row a = daily.where("msisdn = 'A'").first();
        assertEquals(3L, (long) a.getAs("calls_mo"));
        assertEquals(1L, (long) a.getAs("calls_mt"));
        assertEquals(4L, (long) a.getAs("calls"));
        assertEquals(2.5, a.<Double>getAs("minutes_mo"), 1e-9);
        assertEquals(1.0, a.<Double>getAs("minutes_mt"), 1e-9);
        assertEquals(3L, (long) a.getAs("calls_connected"));
        assertEquals(210L, (long) a.getAs("call_seconds_connected"));
        assertEquals(1L, (long) a.getAs("calls_dropped"));
        assertEquals(1.0 / 3, a.<Double>getAs("drop_rate"), 1e-6);
        assertEquals(0.25, a.<Double>getAs("setup_failure_rate"), 1e-9);
        assertEquals(1L, (long) a.getAs("night_calls"), "00:30 local on Nov 2 is night");
        assertEquals(1L, (long) a.getAs("roaming_calls"));
        assertEquals(3.5, a.<Double>getAs("mos_mean"), 1e-9);
        assertEquals(2L, (long) a.getAs("mos_samples"));
        assertEquals(2L, (long) a.getAs("distinct_contacts"), "B and C; a withheld number is no contact");

        assertEquals(3L, (long) a.getAs("sessions"));
        assertEquals(1L, (long) a.getAs("sessions_failed"));
        assertEquals(1.0 / 3, a.<Double>getAs("data_failure_rate"), 1e-6);
        assertEquals(2.0, a.<Double>getAs("mb_video"), 1e-6);
        assertEquals(1L, (long) a.getAs("sessions_gaming"));
        assertEquals(2900.0, a.<Double>getAs("throughput_kbps_mean"), 1e-9, "failed sessions do not count");
        assertEquals(1L, (long) a.getAs("low_throughput_sessions"));
        assertEquals(1L, (long) a.getAs("high_latency_sessions"));

        assertEquals(2L, (long) a.getAs("distinct_cells"));
        assertEquals("c2", a.getAs("home_cell"), "c2 has 4 events, c1 has 3");

        Row b = daily.where("msisdn = 'B'").first();
        assertEquals(0L, (long) b.getAs("sessions"), "no session is 0 sessions");
        assertNull(b.getAs("data_failure_rate"), "a rate of nothing is unknown, not 0");
        assertEquals(0L, (long) b.getAs("calls_dropped"));
        assertEquals(0.0, b.<Double>getAs("drop_rate"), 1e-9);
    }

    @Test
    void complaintsAsOfEachDay() {
        // One ticket: opened Nov 1 10:00 local, escalated Nov 2 09:00, resolved Nov 3 12:00 (50 h > 24 h promised).
        Dataset<Row> history = spark.sql("""
                SELECT ticket_id, msisdn, CAST(opened_at AS TIMESTAMP) opened_at, category, status,
                       CAST(updated_at AS TIMESTAMP) updated_at, CAST(closed_at AS TIMESTAMP) closed_at, promised_hours,
                       satisfaction FROM VALUES
                  ('T1', 'A', '2026-11-01 02:00:00', 'NETWORK_DATA', 'OPEN', '2026-11-01 02:00:00', NULL, 24, NULL),
                  ('T1', 'A', '2026-11-01 02:00:00', 'NETWORK_DATA', 'ESCALATED', '2026-11-02 01:00:00', NULL, 24, NULL),
                  ('T1', 'A', '2026-11-01 02:00:00', 'NETWORK_DATA', 'RESOLVED', '2026-11-03 04:00:00', '2026-11-03 04:00:00', 24, 2),
                  ('T2', 'A', '2026-11-01 03:00:00', 'BILLING', 'OPEN', '2026-11-01 03:00:00', NULL, 24, NULL),
                  ('T3', 'A', '2026-11-01 04:00:00', 'REPAIR', 'OPEN', '2026-11-01 04:00:00', NULL, 48, NULL),
                  ('T2', 'A', '2026-11-01 03:00:00', 'BILLING', 'RESOLVED', '2026-11-02 03:00:00', '2026-11-02 03:00:00', 24, NULL),
                  ('T3', 'A', '2026-11-01 04:00:00', 'REPAIR', 'RESOLVED', '2026-11-02 04:00:00', '2026-11-02 04:00:00', 48, NULL)
                AS t(ticket_id, msisdn, opened_at, category, status, updated_at, closed_at, promised_hours, satisfaction)""");
        Row nov1 = SubscriberDaily.complaints(history, List.of(LocalDate.of(2026, 11, 1)), settings).first();
        assertEquals(3L, (long) nov1.getAs("complaints_opened"));
        assertEquals(1L, (long) nov1.getAs("complaints_opened_network"));
        assertEquals(1L, (long) nov1.getAs("complaints_about_billing"), "by the configured category groups");
        assertEquals(1L, (long) nov1.getAs("complaints_about_process"), "REPAIR is a process category");
        assertEquals(0L, (long) nov1.getAs("complaints_about_service"));
        assertEquals(3L, (long) nov1.getAs("complaints_open"));
        Row nov2 = SubscriberDaily.complaints(history, List.of(LocalDate.of(2026, 11, 2)), settings).first();
        assertEquals(0L, (long) nov2.getAs("complaints_opened"));
        assertEquals(1L, (long) nov2.getAs("complaints_open"));
        assertEquals(1L, (long) nov2.getAs("complaints_escalated"));
        assertEquals(0L, (long) nov2.getAs("complaints_about_billing"), "opened on Nov 1, not again on Nov 2");
        Row nov3 = SubscriberDaily.complaints(history, List.of(LocalDate.of(2026, 11, 3)), settings).first();
        assertEquals(0L, (long) nov3.getAs("complaints_open"));
        assertEquals(1L, (long) nov3.getAs("complaints_resolved"));
        assertEquals(1L, (long) nov3.getAs("complaints_resolved_late"));
        assertEquals(50.0, nov3.<Double>getAs("complaint_resolution_hours_sum"), 1e-9);
        assertEquals(2L, ((Number) nov3.getAs("complaint_satisfaction_sum")).longValue());
        assertEquals(0L, SubscriberDaily.complaints(history, List.of(LocalDate.of(2026, 11, 4)), settings).count(),
                "nothing happened on Nov 4 and nothing is open");
    }

    @Test
    void aComplaintIsARepeatWhenTheSameCategoryWasResolvedWithinTheRepeatDays() {
        // B's billing complaint T1 is resolved Nov 2; T2 (billing, Nov 5) comes back within 7 days,
        // T3 (repair, Nov 5) is another matter, T4 (billing, Nov 20) comes 15 days after T2 closed.
        Dataset<Row> history = spark.sql("""
                SELECT ticket_id, msisdn, CAST(opened_at AS TIMESTAMP) opened_at, category, status,
                       CAST(updated_at AS TIMESTAMP) updated_at, CAST(closed_at AS TIMESTAMP) closed_at, promised_hours,
                       satisfaction FROM VALUES
                  ('T1', 'B', '2026-11-01 02:00:00', 'BILLING', 'OPEN', '2026-11-01 02:00:00', NULL, 24, NULL),
                  ('T1', 'B', '2026-11-01 02:00:00', 'BILLING', 'RESOLVED', '2026-11-02 02:00:00', '2026-11-02 02:00:00', 24, NULL),
                  ('T2', 'B', '2026-11-05 02:00:00', 'BILLING', 'OPEN', '2026-11-05 02:00:00', NULL, 24, NULL),
                  ('T3', 'B', '2026-11-05 03:00:00', 'REPAIR', 'OPEN', '2026-11-05 03:00:00', NULL, 48, NULL),
                  ('T2', 'B', '2026-11-05 02:00:00', 'BILLING', 'RESOLVED', '2026-11-05 06:00:00', '2026-11-05 06:00:00', 24, NULL),
                  ('T3', 'B', '2026-11-05 03:00:00', 'REPAIR', 'RESOLVED', '2026-11-05 07:00:00', '2026-11-05 07:00:00', 48, NULL),
                  ('T4', 'B', '2026-11-20 02:00:00', 'BILLING', 'OPEN', '2026-11-20 02:00:00', NULL, 24, NULL)
                AS t(ticket_id, msisdn, opened_at, category, status, updated_at, closed_at, promised_hours, satisfaction)""");
        Row nov1 = SubscriberDaily.complaints(history, List.of(LocalDate.of(2026, 11, 1)), settings).first();
        assertEquals(0L, (long) nov1.getAs("complaints_repeat"), "the first complaint");
        Row nov5 = SubscriberDaily.complaints(history, List.of(LocalDate.of(2026, 11, 5)), settings).first();
        assertEquals(2L, (long) nov5.getAs("complaints_opened"));
        assertEquals(1L, (long) nov5.getAs("complaints_repeat"), "T2 only: T3 is about repairs");
        Row nov20 = SubscriberDaily.complaints(history, List.of(LocalDate.of(2026, 11, 20)), settings).first();
        assertEquals(1L, (long) nov20.getAs("complaints_opened"));
        assertEquals(0L, (long) nov20.getAs("complaints_repeat"), "T2 was resolved 15 days before T4, beyond 7");
    }

    @Test
    void ordersAndLatestBill() {
        Dataset<Row> orders = spark.sql("""
                SELECT msisdn, CAST(created_at AS TIMESTAMP) created_at, CAST(promised_at AS TIMESTAMP) promised_at,
                       CAST(completed_at AS TIMESTAMP) completed_at FROM VALUES
                  ('A', '2026-11-01 02:00:00', '2026-11-02 02:00:00', '2026-11-02 08:00:00'),
                  ('A', '2026-11-02 02:00:00', '2026-11-04 02:00:00', '2026-11-02 06:00:00'),
                  ('A', '2026-10-30 02:00:00', '2026-10-31 02:00:00', NULL)
                AS t(msisdn, created_at, promised_at, completed_at)""");
        Row a = SubscriberDaily.orders(orders, List.of(LocalDate.of(2026, 11, 2)), settings).first();
        assertEquals(1L, (long) a.getAs("orders_created"));
        assertEquals(2L, (long) a.getAs("orders_completed"));
        assertEquals(1L, (long) a.getAs("orders_completed_late"));
        assertEquals(1L, (long) a.getAs("orders_overdue_open"));

        Dataset<Row> bills = spark.sql("""
                SELECT msisdn, bill_id, DATE(issue_date) issue_date, DATE(due_date) due_date, DATE(paid_date) paid_date,
                       CAST(total_due AS DOUBLE) total_due, CAST(overage_charge AS DOUBLE) overage_charge,
                       CAST(vas_charge AS DOUBLE) vas_charge, CAST(discount AS DOUBLE) discount, disputed FROM VALUES
                  ('A', 'b1', '2026-09-20', '2026-10-05', '2026-10-09', 50.0, 0.0, 5.0, 0.0, false),
                  ('A', 'b2', '2026-10-20', '2026-11-04', NULL, 80.0, 30.0, 5.0, 2.0, true),
                  ('A', 'b3', '2026-11-20', '2026-12-05', NULL, 99.0, 0.0, 5.0, 0.0, false)
                AS t(msisdn, bill_id, issue_date, due_date, paid_date, total_due, overage_charge, vas_charge, discount, disputed)""");
        Row nov10 = SubscriberDaily.latestBill(bills, List.of(LocalDate.of(2026, 11, 10)), settings).first();
        assertEquals(LocalDate.of(2026, 10, 20), nov10.<java.sql.Date>getAs("bill_issue_date").toLocalDate());
        assertEquals(80.0, nov10.<Double>getAs("bill_total_due"), 1e-9);
        assertEquals(true, nov10.getAs("bill_disputed"));
        assertEquals(6, (int) nov10.getAs("bill_payment_delay_days"), "unpaid, due Nov 4: 6 days overdue on Nov 10");
        Row oct30 = SubscriberDaily.latestBill(bills, List.of(LocalDate.of(2026, 10, 30)), settings).first();
        assertEquals(0, (int) oct30.getAs("bill_payment_delay_days"), "b2 is not due yet");
        Row oct15 = SubscriberDaily.latestBill(bills, List.of(LocalDate.of(2026, 10, 15)), settings).first();
        assertEquals(4, (int) oct15.getAs("bill_payment_delay_days"), "b1 was paid 4 days after its due date");
    }

    @Test
    void cellDayCountsSubscribersOnceAndMergesOverlappingOutages() {
        Dataset<Row> traffic = CellDaily.traffic(calls, sessions, settings);
        Row c1 = traffic.where("cell_id = 'c1'").first();
        assertEquals(2L, (long) c1.getAs("subscribers"));
        assertEquals(4L, (long) c1.getAs("call_attempts"));
        assertEquals(1L, (long) c1.getAs("calls_dropped"));
        Row c2 = traffic.where("cell_id = 'c2'").first();
        assertEquals(1L, (long) c2.getAs("subscribers"));
        assertEquals(3L, (long) c2.getAs("sessions"));
        assertEquals(1L, (long) c2.getAs("calls_setup_failed"));

        // Local Nov 2 is 2026-11-01 16:00 .. 2026-11-02 16:00 UTC. c1: 60 + (overlapping 30 of 90) = 120 minutes.
        Dataset<Row> outages = spark.sql("""
                SELECT cell_id, CAST(start_time AS TIMESTAMP) start_time, CAST(end_time AS TIMESTAMP) end_time FROM VALUES
                  ('c1', '2026-11-02 01:00:00', '2026-11-02 02:00:00'),
                  ('c1', '2026-11-02 01:30:00', '2026-11-02 03:00:00'),
                  ('c2', '2026-11-01 15:00:00', '2026-11-01 16:30:00'),
                  ('c3', '2026-11-02 15:00:00', NULL)
                AS t(cell_id, start_time, end_time)""");
        List<Row> minutes = CellDaily.outages(outages, List.of(LocalDate.of(2026, 11, 2)), settings).orderBy("cell_id").collectAsList();
        assertEquals(120.0, minutes.get(0).<Double>getAs("outage_minutes"), 1e-9);
        assertEquals(30.0, minutes.get(1).<Double>getAs("outage_minutes"), 1e-9, "clipped to the local day");
        assertEquals(60.0, minutes.get(2).<Double>getAs("outage_minutes"), 1e-9, "an open outage lasts to the end of the day");
    }

    @Test
    void disengagementAgainstTheSubscribersOwnHistory() {
        // F used 10 calls and sessions a day for two weeks, then 2 a day for five days, then nothing;
        // S used 10 every day of the three weeks. Both are known (snapshot rows) all 21 days.
        Dataset<Row> known = spark.sql("""
                SELECT msisdn, date, 'ACTIVE' status, 'P1' plan_id
                FROM VALUES ('F'), ('S') AS s(msisdn)
                CROSS JOIN (SELECT explode(sequence(DATE'2026-11-01', DATE'2026-11-21')) date)""");
        Dataset<Row> use = spark.sql("""
                SELECT msisdn, date, CAST(IF(msisdn = 'S' OR date <= DATE'2026-11-14', 4, 1) AS BIGINT) calls_mo,
                       CAST(IF(msisdn = 'S' OR date <= DATE'2026-11-14', 6, 1) AS BIGINT) sessions
                FROM VALUES ('F'), ('S') AS s(msisdn)
                CROSS JOIN (SELECT explode(sequence(DATE'2026-11-01', DATE'2026-11-21')) date)
                WHERE msisdn = 'S' OR date <= DATE'2026-11-19'""");
        Dataset<Row> windows = SubscriberWindow.usage(SubscriberDaily.combine(List.of(known, use)),
                LocalDate.parse("2026-11-21"), settings);
        Row f = windows.where("msisdn = 'F' AND window_days = 30").first();
        assertEquals(21L, (long) f.getAs("observed_days"));
        assertEquals(19L, (long) f.getAs("active_days"));
        assertEquals(5L, (long) f.getAs("recent_active_days"), "Nov 15..19 of the last seven days");
        assertEquals(2L, ((Number) f.getAs("days_since_active")).longValue(), "last active Nov 19");
        assertEquals(10L, (long) f.getAs("recent_usage_events"));
        assertEquals(70.0, f.<Double>getAs("expected_recent_usage"), 1e-9, "seven days at 140 / 14 a day");
        assertEquals(0.1429, f.<Double>getAs("usage_retention"), 1e-4);
        Row s = windows.where("msisdn = 'S' AND window_days = 30").first();
        assertEquals(1.0, s.<Double>getAs("usage_retention"), 1e-9);
        assertEquals(0L, ((Number) s.getAs("days_since_active")).longValue());
        assertNull(windows.where("msisdn = 'F' AND window_days = 7").first().getAs("usage_retention"),
                "a 7-day window has no earlier days to compare with");
        assertNull(f.getAs("active_days_trend"), "no previous 30 days");
    }

    @Test
    void numbersAndCellsThatNoSnapshotListsAreFlagged() {
        // K is in the subscriber snapshot, U only in the calls; c1 is in the cell snapshot, c2 is not.
        Dataset<Row> use = spark.sql("""
                SELECT msisdn, DATE'2026-11-02' date, 3L calls_mo FROM VALUES ('K'), ('U') AS t(msisdn)""");
        Dataset<Row> attributes = spark.sql("""
                SELECT 'K' msisdn, DATE'2026-11-02' attributes_as_of, CAST(NULL AS BIGINT) plan_data_allowance_mb,
                       CAST(NULL AS INT) plan_voice_allowance_min""");
        Dataset<Row> windows = SubscriberWindow.build(SubscriberWindow.usage(SubscriberDaily.combine(List.of(use)),
                LocalDate.parse("2026-11-02"), settings), attributes).where("window_days = 7");
        assertEquals(true, windows.where("msisdn = 'K'").first().getAs("known_subscriber"));
        assertEquals(false, windows.where("msisdn = 'U'").first().getAs("known_subscriber"));

        Dataset<Row> cells = spark.sql("""
                SELECT 'c1' cell_id, DATE'2026-11-02' snapshot_date, 'S1' site_id, 'North' region, 30.0D lat, 120.0D lon,
                       '4G' rat, 'B3' band""");
        Dataset<Row> day = CellDaily.combine(cells, CellDaily.traffic(calls, sessions, settings), CellDaily.noOutages(spark),
                CellDaily.noComplaints(spark));
        assertEquals(true, day.where("cell_id = 'c1'").first().getAs("known_cell"));
        Row c2 = day.where("cell_id = 'c2'").first();
        assertEquals(false, c2.getAs("known_cell"));
        assertEquals(3L, (long) c2.getAs("sessions"), "flagged, not dropped: its traffic still counts");
    }
}
