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
import java.util.Optional;

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
        Dataset<Row> labelled = Outcomes.label(population, tickets, surveys, snapshots, Optional.empty(), s);
        labels = collect(labelled);
        assertEquals(10, labelled.count(), "one row per scored subscriber and date, however many tickets");
        // The operator's outcome feed: E ported out on Nov 12, G churned on Nov 20 (after the horizon), H
        // complained and answered a low survey on Nov 13 outside the feeds, I churned on Nov 5 (before d).
        Dataset<Row> reported = spark.sql("""
                SELECT msisdn, DATE(outcome_date) outcome_date, outcome_type FROM VALUES
                  ('E', '2026-11-12', 'PORT_OUT'), ('G', '2026-11-20', 'CHURN'), ('H', '2026-11-13', 'COMPLAINT'),
                  ('H', '2026-11-13', 'LOW_SURVEY'), ('A', '2026-11-10', 'LOW_SURVEY')
                AS t(msisdn, outcome_date, outcome_type)""");
        Dataset<Row> withSnapshotOfH = snapshots.unionByName(spark.sql(
                "SELECT 'H' msisdn, DATE'2026-11-01' snapshot_date, 'ACTIVE' status"));
        withFeed = collect(Outcomes.label(population, tickets, surveys, withSnapshotOfH, Optional.of(reported), s));
    }

    private Map<String, Integer[]> withFeed;

    private static Map<String, Integer[]> collect(Dataset<Row> labelled) {
        Map<String, Integer[]> byKey = new HashMap<>();
        for (Row r : labelled.collectAsList()) {
            Integer[] values = {r.getAs("complaint_next_7d"), r.getAs("low_survey_next_7d"), r.getAs("churn_next_7d")};
            byKey.put(r.getAs("msisdn") + "@" + r.getAs("date"), values);
        }
        return byKey;
    }

    @Test
    void theOperatorsOutcomeFeedLabelsWhatTheLakeCannotTell() {
        List<Integer> e = Arrays.asList(withFeed.get("E@2026-11-10"));
        assertEquals(1, e.get(2), "a port-out on Nov 12 is a churn, though the snapshots end before the horizon");
        List<Integer> g = Arrays.asList(withFeed.get("G@2026-11-10"));
        assertEquals(null, g.get(2), "G was first seen after d, feed or not");
        List<Integer> h = Arrays.asList(withFeed.get("H@2026-11-10"));
        assertEquals(List.of(1, 1, 0), h, "a reported complaint and low survey; no churn reported, so H stayed");
        assertEquals(1, withFeed.get("A@2026-11-09")[1], "a reported low survey on Nov 10 is in the horizon of Nov 9");
        assertEquals(null, withFeed.get("A@2026-11-10")[1], "but not of Nov 10");
        assertEquals(0, withFeed.get("A@2026-11-10")[2], "A is still there");
        assertEquals(null, withFeed.get("D@2026-11-10")[2], "already CHURNED at d by the snapshots");
        assertEquals(0, withFeed.get("F@2026-11-10")[2], "the feed reports no churn in the horizon: the Nov 18 one is after it");
        for (String key : labels.keySet()) {
            if (!key.startsWith("E@") && !key.startsWith("H@") && !key.startsWith("F@") && !key.startsWith("A@")) {
                assertEquals(Arrays.asList(labels.get(key)).subList(0, 2), Arrays.asList(withFeed.get(key)).subList(0, 2), key);
            }
        }
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
