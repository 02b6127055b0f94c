package org.ganzhi.calibrate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Labels of hand-built tickets, surveys and snapshots. Operator zone Asia/Shanghai (UTC+8),
 * horizon 7 days, low survey = score at most 6. For the scoring date 2026-11-10 the horizon is the
 * local days Nov 11..17 = 2026-11-10 16:00 .. 2026-11-17 16:00 UTC. Timestamps below are UTC.
 */
class OutcomesTest extends SparkTestBase {
    private Map<String, Integer[]> labels;

    @BeforeAll
    void label() {
        CalibrateSettings s = CalibrateSettings.from(GanzhiConfig.defaults().with(Map.of("ganzhi.operator.timezone", "Asia/Shanghai",
                "ganzhi.calibrate.horizon-days", 7, "ganzhi.calibrate.low-survey-score-max", 6)));
        Dataset<Row> population = spark.sql("""
                SELECT msisdn, DATE(date) date FROM VALUES
                  ('A', '2026-11-09'), ('A', '2026-11-10'), ('B', '2026-11-10'), ('C', '2026-11-10'), ('D', '2026-11-10'),
                  ('E', '2026-11-10'), ('F', '2026-11-10'), ('G', '2026-11-10'), ('H', '2026-11-10'), ('I', '2026-11-10')
                AS t(msisdn, date)""");
        Dataset<Row> tickets = spark.sql("""
                SELECT ticket_id, msisdn, CAST(opened_at AS TIMESTAMP) opened_at, category FROM VALUES
                  ('T1', 'A', '2026-11-10 15:59:00', 'BILLING'),
                  ('T2', 'B', '2026-11-10 16:00:00', 'NETWORK_DATA'),
                  ('T3', 'B', '2026-11-12 09:00:00', 'COVERAGE'),
                  ('T4', 'C', '2026-11-17 15:59:00', 'OTHER'),
                  ('T5', 'D', '2026-11-17 16:00:00', 'BILLING'),
                  ('T6', 'Z', '2026-11-12 00:00:00', 'BILLING')
                AS t(ticket_id, msisdn, opened_at, category)""");
        Dataset<Row> surveys = spark.sql("""
                SELECT msisdn, CAST(ts AS TIMESTAMP) ts, touchpoint, CAST(score AS INT) score FROM VALUES
                  ('B', '2026-11-12 03:00:00', 'AFTER_CALL', 6),
                  ('C', '2026-11-12 03:00:00', 'AFTER_CALL', 7),
                  ('D', '2026-11-11 03:00:00', 'RELATIONSHIP', 9),
                  ('D', '2026-11-16 03:00:00', 'AFTER_BILL', 3),
                  ('E', '2026-11-10 15:59:00', 'AFTER_CALL', 2),
                  ('F', '2026-11-17 16:00:00', 'AFTER_CALL', 1),
                  ('F', '2026-11-14 03:00:00', 'AFTER_REPAIR', 8)
                AS t(msisdn, ts, touchpoint, score)""");
        Dataset<Row> snapshots = spark.sql("""
                SELECT msisdn, DATE(snapshot_date) snapshot_date, status FROM VALUES
                  ('A', '2026-11-01', 'ACTIVE'), ('A', '2026-11-10', 'ACTIVE'), ('A', '2026-11-17', 'ACTIVE'),
                  ('B', '2026-11-10', 'ACTIVE'), ('B', '2026-11-16', 'ACTIVE'), ('B', '2026-11-17', 'CHURNED'),
                  ('C', '2026-11-10', 'SUSPENDED'), ('C', '2026-11-11', 'CHURNED'), ('C', '2026-11-20', 'CHURNED'),
                  ('D', '2026-11-09', 'CHURNED'), ('D', '2026-11-20', 'CHURNED'),
                  ('E', '2026-11-10', 'ACTIVE'), ('E', '2026-11-16', 'ACTIVE'),
                  ('F', '2026-11-10', 'ACTIVE'), ('F', '2026-11-18', 'CHURNED'),
                  ('G', '2026-11-11', 'ACTIVE'), ('G', '2026-11-20', 'ACTIVE'),
                  ('I', '2026-11-08', 'SUSPENDED'), ('I', '2026-11-20', 'ACTIVE')
                AS t(msisdn, snapshot_date, status)""");
        Dataset<Row> labelled = Outcomes.label(population, tickets, surveys, snapshots, s);
        labels = new HashMap<>();
        for (Row r : labelled.collectAsList()) {
            Integer[] values = {r.getAs("complaint_next_7d"), r.getAs("low_survey_next_7d"), r.getAs("churn_next_7d")};
            labels.put(r.getAs("msisdn") + "@" + r.getAs("date"), values);
        }
        assertEquals(10, labelled.count(), "one row per scored subscriber and date, however many tickets");
    }

    private List<Integer> of(String key) {
        return Arrays.asList(labels.get(key));
    }

    @Test
    void aComplaintCountsOnTheLocalDaysAfterTheScoringDateUpToTheHorizon() {
        assertEquals(0, of("A@2026-11-10").get(0), "T1 opened 23:59 local on the scoring date itself");
        assertEquals(1, of("A@2026-11-09").get(0), "the same ticket is on the first horizon day of Nov 9");
        assertEquals(1, of("B@2026-11-10").get(0), "T2 opened 00:00 local on Nov 11, the first horizon day");
        assertEquals(1, of("C@2026-11-10").get(0), "T4 opened 23:59 local on Nov 17, the last horizon day");
        assertEquals(0, of("D@2026-11-10").get(0), "T5 opened 00:00 local on Nov 18, a day too late");
        assertEquals(0, of("E@2026-11-10").get(0), "no ticket is a negative");
    }

    @Test
    void aLowSurveyIsTheLowestAnswerOfTheHorizonAndNoAnswerIsUnlabelled() {
        assertEquals(1, of("B@2026-11-10").get(1), "6 is at the threshold");
        assertEquals(0, of("C@2026-11-10").get(1), "7 is above it");
        assertEquals(1, of("D@2026-11-10").get(1), "the lower of 9 and 3");
        assertEquals(0, of("F@2026-11-10").get(1), "the 1 is on Nov 18 local, after the horizon; the 8 counts");
        assertEquals(null, of("E@2026-11-10").get(1), "answered on the scoring date only: unlabelled");
        assertEquals(null, of("A@2026-11-10").get(1), "never surveyed: unlabelled, not negative");
    }

    @Test
    void churnIsLabelledOnlyWhereTheSnapshotsTell() {
        assertEquals(0, of("A@2026-11-10").get(2), "still ACTIVE on the last horizon day");
        assertEquals(0, of("A@2026-11-09").get(2), "ACTIVE on Nov 17, after that date's horizon");
        assertEquals(1, of("B@2026-11-10").get(2), "CHURNED on the last horizon day");
        assertEquals(1, of("C@2026-11-10").get(2), "SUSPENDED at d, CHURNED on the first horizon day");
        assertEquals(null, of("D@2026-11-10").get(2), "already CHURNED at d");
        assertEquals(null, of("E@2026-11-10").get(2), "the snapshots end before the horizon does");
        assertEquals(null, of("F@2026-11-10").get(2), "the next snapshot after d is after the horizon and says CHURNED");
        assertEquals(null, of("G@2026-11-10").get(2), "first seen after d");
        assertEquals(null, of("H@2026-11-10").get(2), "no snapshot at all");
        assertEquals(0, of("I@2026-11-10").get(2), "SUSPENDED at d and not churned after the horizon, despite the gap");
    }
}
