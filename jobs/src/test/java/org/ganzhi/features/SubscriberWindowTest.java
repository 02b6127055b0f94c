package org.ganzhi.features;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * features.subscriber_window on a few hand-made daily rows, as of Nov 30 2026: which days each
 * window sums, the previous window and trends, per-day figures over known days, means from sums,
 * states of the last day, and the attributes as of the date.
 */
class SubscriberWindowTest extends SparkTestBase {
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 30);
    private FeatureSettings settings;
    /** The default windows of every subscriber below but K, U and N, computed once: the wide window plan costs seconds. */
    private List<Row> windows;

    @BeforeAll
    void windows() {
        settings = FeatureSettings.from(GanzhiConfig.defaults());
        windows = collect(SubscriberWindow.usage(daily(POWERS, KNOWN_DAYS, QUIET_AND_BUSY_DAYS, SAMPLES, STATES, HOME_CELLS),
                AS_OF, settings));
    }

    /** Daily rows from parts whose rows give an age in days before Nov 30 (column age) instead of a date. */
    private Dataset<Row> daily(String... parts) {
        return SubscriberDaily.combine(java.util.Arrays.stream(parts)
                .map(sql -> spark.sql(sql).selectExpr("*", "date_sub(DATE'2026-11-30', age) date").drop("age")).toList());
    }

    /** The window rows, collected once (each query of the wide window plan costs a second), by msisdn and length. */
    private static List<Row> collect(Dataset<Row> windows) {
        return windows.orderBy("msisdn", "window_days").collectAsList();
    }

    private static Row window(List<Row> windows, String msisdn, int days) {
        List<Row> rows = windows.stream().filter(r -> msisdn.equals(r.getAs("msisdn")) && days == (int) r.getAs("window_days"))
                .toList();
        assertEquals(1, rows.size(), msisdn + " has one " + days + "-day row");
        return rows.get(0);
    }

    private static List<Integer> lengths(List<Row> windows, String msisdn) {
        return windows.stream().filter(r -> msisdn.equals(r.getAs("msisdn"))).map(r -> (int) r.getAs("window_days")).toList();
    }

    private static long number(Row row, String column) {
        return ((Number) row.getAs(column)).longValue();
    }

    // Calls 2^i on chosen days: each window's sum says exactly which days it took.
    private static final String POWERS = """
            SELECT 'A' msisdn, age, CAST(calls AS BIGINT) calls_mo FROM VALUES
              (-1, 1024), (0, 1), (6, 2), (7, 4), (13, 8), (29, 16), (30, 32), (89, 64), (90, 128), (179, 256), (180, 512)
            AS t(age, calls)""";

    // B is known all 7 last days and calls on two; C was activated 3 days ago; Z is known 5 days and never used
    // the line; Y was last seen 10 days ago.
    private static final String KNOWN_DAYS = """
            SELECT msisdn, age, 'ACTIVE' status FROM VALUES ('B', 6), ('C', 2), ('Z', 4) AS s(msisdn, last)
            LATERAL VIEW explode(sequence(0, last)) a AS age""";

    private static final String QUIET_AND_BUSY_DAYS = """
            SELECT msisdn, age, CAST(calls AS BIGINT) calls_mo, CAST(minutes AS DOUBLE) minutes_mo FROM VALUES
              ('B', 2, 3, 6.0), ('B', 5, 3, 6.0), ('C', 0, 9, 1.5), ('Y', 10, 1, 1.0)
            AS t(msisdn, age, calls, minutes)""";

    // E: two days whose daily means differ from the window's mean.
    private static final String SAMPLES = """
            SELECT 'E' msisdn, age, CAST(calls AS BIGINT) calls_mo, CAST(connected AS BIGINT) calls_connected,
                   CAST(dropped AS BIGINT) calls_dropped, CAST(mos_sum AS DOUBLE) mos_sum, CAST(mos_n AS BIGINT) mos_samples,
                   CAST(sessions AS BIGINT) sessions, CAST(tp_sum AS DOUBLE) throughput_kbps_sum,
                   CAST(sessions AS BIGINT) throughput_samples, CAST(video AS BIGINT) sessions_video FROM VALUES
              (1, 10, 10, 1, 8.0, 2, 1, 1000.0, 1),
              (0, 2, 2, 1, 3.0, 1, 4, 500.0, 0)
            AS t(age, calls, connected, dropped, mos_sum, mos_n, sessions, tp_sum, video)""";

    // F: states on three days, the last survey answer the day before the date.
    private static final String STATES = """
            SELECT 'F' msisdn, age, CAST(open AS BIGINT) complaints_open, CAST(opened AS BIGINT) complaints_opened,
                   CAST(due AS DOUBLE) bill_total_due, DATE(issued) bill_issue_date, CAST(score AS INT) survey_last_score,
                   CAST(surveys AS BIGINT) surveys, CAST(score AS DOUBLE) survey_score_sum FROM VALUES
              (3, 3, 1, 90.0, '2026-10-20', 9, 1),
              (1, 2, 0, 90.0, '2026-10-20', 3, 1),
              (0, 1, 1, 40.0, '2026-11-20', NULL, 0)
            AS t(age, open, opened, due, issued, score, surveys)""";

    private static final String HOME_CELLS = """
            SELECT msisdn, age, cell home_cell FROM VALUES
              ('G', 0, 'c2'), ('G', 1, 'c1'), ('G', 2, 'c2'), ('H', 0, 'c3'), ('H', 1, 'c1'), ('H', 2, NULL)
            AS t(msisdn, age, cell)""";

    @Test
    void eachConfiguredWindowSumsItsLastDaysAndComparesThemWithTheWindowBefore() {
        assertEquals(List.of(7, 30, 90), lengths(windows, "A"), "the default windows, one row each");
        assertEquals(List.of(Date.valueOf(AS_OF)), windows.stream().map(r -> r.getAs("as_of_date")).distinct().toList());

        Row w7 = window(windows, "A", 7);
        assertEquals(3L, number(w7, "calls"), "Nov 24..30 (ages 0..6); Dec 1 lies after the date");
        assertEquals(2L, number(w7, "observed_days"));
        assertEquals(1.5, w7.<Double>getAs("calls_per_day"), 1e-9);
        assertEquals(-0.75, w7.<Double>getAs("calls_trend"), 1e-9, "against ages 7..13: (3 - 12) / 12");
        assertEquals(0.0, w7.<Double>getAs("active_days_trend"), 1e-9, "two active days in both");

        Row w30 = window(windows, "A", 30);
        assertEquals(31L, number(w30, "calls"), "ages 0..29");
        assertEquals(5L, number(w30, "active_days"));
        assertEquals(6.2, w30.<Double>getAs("calls_per_day"), 1e-9);
        assertEquals(-0.0313, w30.<Double>getAs("calls_trend"), 1e-9, "against ages 30..59: (31 - 32) / 32, 4 decimals");

        Row w90 = window(windows, "A", 90);
        assertEquals(127L, number(w90, "calls"), "ages 0..89");
        assertEquals(18.142857, w90.<Double>getAs("calls_per_day"), 1e-9);
        assertEquals(-0.6693, w90.<Double>getAs("calls_trend"), 1e-9,
                "against ages 90..179 (384); age 180 is beyond two longest windows");
        assertNull(w90.getAs("minutes_trend"), "no minutes before: no trend, not an infinite one");
    }

    @Test
    void windowLengthsComeFromTheConfiguration() {
        FeatureSettings otherWindows = FeatureSettings.from(GanzhiConfig.defaults()
                .with(Map.of("ganzhi.features.window-days", List.of(14, 10))));
        List<Row> windows = collect(SubscriberWindow.usage(daily(POWERS), AS_OF, otherWindows));
        assertEquals(List.of(10, 14), lengths(windows, "A"), "only the configured windows");
        Row w10 = window(windows, "A", 10);
        assertEquals(7L, number(w10, "calls"), "ages 0..9");
        assertEquals(-0.125, w10.<Double>getAs("calls_trend"), 1e-9, "against ages 10..19: (7 - 8) / 8");
        Row w14 = window(windows, "A", 14);
        assertEquals(15L, number(w14, "calls"), "ages 0..13");
        assertNull(w14.getAs("calls_trend"), "nothing in ages 14..27: no previous window, no trend");
    }

    @Test
    void perDayFiguresDivideByTheDaysTheSubscriberWasKnownAndQuietDaysAreNotActive() {
        Row b = window(windows, "B", 7);
        assertEquals(7L, number(b, "observed_days"));
        assertEquals(2L, number(b, "active_days"));
        assertEquals(2L, number(b, "calling_days"));
        assertEquals(6L, number(b, "calls"));
        assertEquals(0.857143, b.<Double>getAs("calls_per_day"), 1e-9, "6 calls over 7 known days");
        assertEquals(1.714286, b.<Double>getAs("minutes_per_day"), 1e-9);
        assertEquals(2L, number(b, "days_since_active"), "last active Nov 28");
        assertEquals(0.857143, window(windows, "B", 90).<Double>getAs("calls_per_day"), 1e-9,
                "known 7 days: the 90-day window is not diluted by days before");

        Row c = window(windows, "C", 90);
        assertEquals(3L, number(c, "observed_days"));
        assertEquals(3.0, c.<Double>getAs("calls_per_day"), 1e-9, "activated 3 days ago: 9 calls over 3 days, not over 90");
        assertEquals(0L, number(c, "days_since_active"));

        Row z = window(windows, "Z", 30);
        assertEquals(5L, number(z, "observed_days"));
        assertEquals(0L, number(z, "active_days"));
        assertEquals(0.0, z.<Double>getAs("calls_per_day"), 1e-9, "known days without use are days of zero use");
        assertEquals(5L, number(z, "days_since_active"), "never active: all its known days");
        assertNull(z.getAs("drop_rate"), "no connected call: the rate is unknown, not 0");
        assertNull(z.getAs("mo_call_share"));

        assertEquals(List.of(30, 90), lengths(windows, "Y"), "no day of Y lies in the last 7: no 7-day row");
        assertEquals(10L, number(window(windows, "Y", 30), "days_since_active"));
    }

    @Test
    void meansAndRatesAreTakenFromTheWindowsSumsNotAveragedOverDays() {
        Row e = window(windows, "E", 7);
        assertEquals(3.666667, e.<Double>getAs("mos_mean"), 1e-9, "11 / 3 samples, not the mean 3.5 of the daily means");
        assertEquals(0.166667, e.<Double>getAs("drop_rate"), 1e-9, "2 dropped of 12 connected, not (0.1 + 0.5) / 2");
        assertEquals(300.0, e.<Double>getAs("throughput_kbps_mean"), 1e-9, "1500 kbps over 5 sessions");
        assertEquals(0.2, e.<Double>getAs("session_share_video"), 1e-9);
        assertEquals(12L, number(e, "calls_connected"));
    }

    @Test
    void statesAreTheWindowsLastDayAndTheLastSurveyAnswerNotSums() {
        Row f = window(windows, "F", 7);
        assertEquals(1L, number(f, "complaints_open"), "open on Nov 30, not the 6 summed nor the 3 at most");
        assertEquals(2L, number(f, "complaints_opened"), "openings are summed");
        assertEquals(40.0, f.<Double>getAs("bill_total_due"), 1e-9, "the latest bill, not the largest");
        assertEquals(Date.valueOf("2026-11-20"), f.getAs("bill_issue_date"));
        assertEquals(3, (int) f.getAs("survey_last_score"), "the last answer, on Nov 29; Nov 30 had none");
        assertEquals(6.0, f.<Double>getAs("survey_score_mean"), 1e-9, "(9 + 3) / 2 answers");
    }

    @Test
    void homeCellIsTheMostFrequentDailyHomeCellAndTiesGoToTheSmallest() {
        assertEquals("c2", window(windows, "G", 7).getAs("home_cell"), "two days of c2 beat the latest day's c1");
        assertEquals("c1", window(windows, "H", 7).getAs("home_cell"), "one day each: the smallest, so reruns agree");
    }

    @Test
    void attributesAreTheLatestSnapshotAndPlanTermsOnOrBeforeTheDateWithArpuOfRecentBills() {
        Dataset<Row> snapshots = spark.sql("""
                SELECT msisdn, DATE(snapshot_date) snapshot_date, status, DATE(activation_date) activation_date, plan_id,
                       'POSTPAID' plan_type, 'North' region, 'City' city, 'X1' device_model, device_type, '25-34' age_band,
                       false is_enterprise, CAST(NULL AS STRING) family_group_id FROM VALUES
                  ('K', '2026-11-20', 'ACTIVE', '2026-09-01', 'P1', 'SMARTPHONE_4G'),
                  ('K', '2026-11-29', 'SUSPENDED', '2026-09-01', 'P2', 'SMARTPHONE_5G'),
                  ('K', '2026-12-01', 'CHURNED', '2026-09-01', 'P3', 'SMARTPHONE_5G'),
                  ('N', '2026-11-30', 'ACTIVE', '2026-11-25', 'P1', 'FEATURE_PHONE')
                AS t(msisdn, snapshot_date, status, activation_date, plan_id, device_type)""");
        Dataset<Row> plans = spark.sql("""
                SELECT plan_id, DATE(snapshot_date) snapshot_date, CAST(fee AS DOUBLE) monthly_fee,
                       CAST(mb AS BIGINT) data_allowance_mb, CAST(minutes AS INT) voice_allowance_min FROM VALUES
                  ('P2', '2026-11-01', 50.0, 1000, 100), ('P2', '2026-11-25', 60.0, 6000, 600), ('P2', '2026-12-01', 70.0, 9000, 900),
                  ('P1', '2026-11-01', 20.0, 0, NULL)
                AS t(plan_id, snapshot_date, fee, mb, minutes)""");
        // 92 days to Nov 30 start on Aug 31.
        Dataset<Row> bills = spark.sql("""
                SELECT msisdn, DATE(issue_date) issue_date, CAST(total_due AS DOUBLE) total_due FROM VALUES
                  ('K', '2026-08-30', 100.0), ('K', '2026-08-31', 40.0), ('K', '2026-10-30', 60.0), ('K', '2026-12-01', 999.0)
                AS t(msisdn, issue_date, total_due)""");
        Dataset<Row> attributes = SubscriberWindow.attributes(snapshots, plans, bills, AS_OF, 92);
        List<Row> attributeRows = attributes.orderBy("msisdn").collectAsList();
        assertEquals(List.of("K", "N"), attributeRows.stream().map(r -> (String) r.getAs("msisdn")).toList(),
                "one row per subscriber of the snapshots");

        Row k = attributeRows.get(0);
        assertEquals(Date.valueOf("2026-11-29"), k.getAs("attributes_as_of"), "Dec 1's snapshot lies after the date");
        assertEquals("SUSPENDED", k.getAs("status"));
        assertEquals("P2", k.getAs("plan_id"));
        assertEquals("SMARTPHONE_5G", k.getAs("device_type"));
        assertEquals(60.0, k.<Double>getAs("plan_monthly_fee"), 1e-9, "the plan's terms of Nov 25, not Dec 1");
        assertEquals(90, (int) k.getAs("tenure_days"), "Sep 1 to Nov 30");
        assertEquals(50.0, k.<Double>getAs("arpu"), 1e-9, "the bills of Aug 31 and Oct 30; Aug 30 is 92 days back, Dec 1 ahead");
        assertEquals(2L, (long) k.getAs("arpu_bills"));
        Row n = attributeRows.get(1);
        assertNull(n.getAs("arpu"), "no bill: ARPU unknown, not 0");
        assertEquals(0L, (long) n.getAs("arpu_bills"));
        assertEquals(5, (int) n.getAs("tenure_days"));

        // K uses 100 MB and 20 minutes on each of its last 10 days; U has calls but is in no snapshot.
        Dataset<Row> usage = SubscriberWindow.usage(daily("""
                SELECT msisdn, age, 1L calls_mo, 20.0D minutes_mo, 1L sessions, 100.0D mb_down
                FROM VALUES ('K'), ('U'), ('N') AS s(msisdn) LATERAL VIEW explode(sequence(0, 9)) a AS age"""), AS_OF, settings);
        List<Row> windows = collect(SubscriberWindow.build(usage, attributes));
        Row k30 = window(windows, "K", 30);
        assertEquals(true, k30.getAs("known_subscriber"));
        assertEquals(0.5, k30.<Double>getAs("plan_data_use_ratio"), 1e-9, "100 MB a day is 3000 of 6000 MB a month");
        assertEquals(1.0, k30.<Double>getAs("plan_voice_use_ratio"), 1e-9, "20 minutes a day is 600 of 600");
        Row u30 = window(windows, "U", 30);
        assertEquals(false, u30.getAs("known_subscriber"), "events of a number no snapshot lists");
        assertNull(u30.getAs("plan_id"));
        assertEquals(10L, number(u30, "calls"), "flagged, not dropped");
        Row n30 = window(windows, "N", 30);
        assertNull(n30.getAs("plan_data_use_ratio"), "an allowance of 0 MB gives no ratio");
        assertNull(n30.getAs("plan_voice_use_ratio"), "nor does an unknown voice allowance");
    }
}
