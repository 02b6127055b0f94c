package org.ganzhi.perception;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Row;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Perception, calibration and the gold tables against the planted truth of the shared generated
 * lake ({@link GeneratedLake}, 8 000 subscribers x 28 days, scored as of Nov 21): good experience
 * reads as good, a planted cause is the dimension that lost most,
 * planted bad cells are the hot spots, and the risk models rank later complaints and leavers.
 */
class PerceptionLakeTest extends SparkTestBase {
    private static final String NIGHT = "DATE'2026-11-21'";

    private String lake;

    @BeforeAll
    void views() throws Exception {
        lake = GeneratedLake.accuracyLake();
        spark.read().format("delta").load(lake + "/gold/subscriber_perception").createOrReplaceTempView("perception");
        spark.read().format("delta").load(lake + "/gold/cell_experience").createOrReplaceTempView("cells");
        spark.read().format("delta").load(lake + "/calibration/report").createOrReplaceTempView("report");
        spark.read().format("delta").load(lake + "/features/subscriber_window").createOrReplaceTempView("window");
        spark.read().parquet(lake + "/truth/subscriber").createOrReplaceTempView("truth");
        spark.read().parquet(lake + "/truth/bad_cell").createOrReplaceTempView("bad_cell");
    }

    @Test
    void plantedGoodExperienceSitsInMediumOrHigh() {
        Row r = spark.sql("""
                SELECT count(*), avg(CASE WHEN p.experience_level IN ('MEDIUM', 'HIGH') THEN 1.0 ELSE 0.0 END)
                FROM perception p JOIN truth t ON t.msisdn_pseudonym = p.msisdn
                WHERE p.date = %s AND t.experience_cause = 'NONE'""".formatted(NIGHT)).first();
        assertTrue(r.getLong(0) > GeneratedLake.SUBSCRIBERS / 2, "most subscribers have a good experience: " + r);
        assertTrue(r.getDecimal(1).doubleValue() >= 0.90, "good experience in MEDIUM/HIGH: " + r);
    }

    @Test
    void thePlantedCauseIsTheTopDetractorDimension() {
        String byCause = """
                SELECT t.experience_cause, count(*) n,
                       avg(CASE WHEN get(p.detractor_dimensions, 0).dimension = t.experience_cause THEN 1.0 ELSE 0.0 END) named
                FROM perception p JOIN truth t ON t.msisdn_pseudonym = p.msisdn
                WHERE p.date = %s AND t.experience_cause <> 'NONE' GROUP BY ROLLUP(1) ORDER BY 1""".formatted(NIGHT);
        java.util.List<Row> rows = sql(byCause);
        System.out.println("top detractor dimension = planted cause: " + rows);
        Row all = rows.stream().filter(r -> r.isNullAt(0)).findFirst().orElseThrow();
        assertTrue(all.getLong(1) > GeneratedLake.SUBSCRIBERS * 3 / 40, "planted causes: " + rows);
        assertTrue(all.getDecimal(2).doubleValue() >= 0.90, "planted cause named by the top detractor dimension: " + rows);
    }

    @Test
    void hotSpotsAreThePlantedBadCells() {
        Row r = spark.sql("""
                SELECT count(CASE WHEN c.hot_spot AND b.cell_id IS NOT NULL THEN 1 END) found,
                       count(CASE WHEN c.hot_spot THEN 1 END) flagged,
                       (SELECT count(*) FROM bad_cell) planted
                FROM cells c LEFT JOIN bad_cell b ON b.cell_id = c.cell_id WHERE c.date = %s""".formatted(NIGHT)).first();
        double precision = (double) r.getLong(0) / r.getLong(1);
        double recall = (double) r.getLong(0) / r.getLong(2);
        System.out.printf("hot spots: precision %.3f, recall %.3f (%s)%n", precision, recall, r);
        assertTrue(r.getLong(2) >= 2, r.toString());
        assertTrue(precision >= 0.9, "precision " + precision + ": " + r);
        assertTrue(recall >= 0.9, "recall " + recall + ": " + r);
        assertEquals(0L, scalarLong("SELECT count(*) FROM cells WHERE date = " + NIGHT
                + " AND hot_spot_rank IS NOT NULL AND calls_connected < 200"), "a cell with few calls is never ranked");
    }

    @Test
    void complaintRiskRanksLaterComplaints() {
        Row complaint = spark.sql("SELECT auc, top_decile_lift, test_positives, model_version FROM report "
                + "WHERE outcome = 'complaint'").first();
        System.out.println("complaint risk on held-out Nov 14 (outcomes Nov 15..21): " + complaint);
        assertTrue(complaint.getDouble(0) >= 0.75, "AUC " + complaint);
        assertTrue(complaint.getDouble(1) > 2, "top-decile lift " + complaint);
        assertEquals(0L, scalarLong("SELECT count(*) FROM perception WHERE date = " + NIGHT
                + " AND (complaint_risk IS NULL OR complaint_model_version <> '" + complaint.getString(3) + "')"),
                "publish applied the model to every subscriber");
    }

    @Test
    void churnRiskRanksLaterLeaversForTheReasonsPlanted() {
        Row churn = spark.sql("SELECT auc, top_decile_lift, test_positives, model_version, size(reliability) FROM report "
                + "WHERE outcome = 'churn'").first();
        System.out.println("churn risk on held-out Nov 14 (outcomes Nov 15..21): " + churn);
        spark.sql("SELECT outcome, inline(reliability) FROM report ORDER BY outcome, bin").collectAsList()
                .forEach(r -> System.out.println("reliability " + r));
        assertTrue(churn.getDouble(0) >= 0.85, "AUC " + churn);
        assertTrue(churn.getDouble(1) > 3, "top-decile lift " + churn);
        assertEquals(10, churn.getInt(4), "a reliability curve of ten deciles");
        assertEquals(0L, scalarLong("SELECT count(*) FROM perception WHERE date = " + NIGHT
                + " AND (churn_risk IS NULL OR churn_model_version <> '" + churn.getString(3) + "')"),
                "publish applied the churn model to every subscriber");
        // Planted leavers use less and less before they go: the riskiest subscribers' first reason is their use.
        Row reasons = spark.sql("""
                WITH riskiest AS (SELECT churn_reasons[0].input first_reason FROM perception WHERE date = %s
                                  ORDER BY churn_risk DESC LIMIT 200)
                SELECT count(*), avg(CASE WHEN first_reason RLIKE 'usage|active|_per_day|_trend|calls|minutes|sessions|mb_'
                                          THEN 1.0 ELSE 0.0 END) FROM riskiest""".formatted(NIGHT)).first();
        System.out.println("riskiest 200 whose first churn reason is their use: " + reasons);
        assertTrue(reasons.getDecimal(1).doubleValue() >= 0.6, reasons.toString());
    }

    @Test
    void validateMeasuresEveryScoreAgainstTheSameOutcomes() throws Exception {
        // Nov 14 against Nov 15..21, labelled with the generated outcome feed beside the snapshots.
        JsonNode summary = GeneratedLake.run("validate", "--lake", lake, "--date", "2026-11-14");
        JsonNode churn = summary.get("validation").get("churn_next_7d");
        Row report = spark.sql("SELECT index_auc, test_positives FROM report WHERE outcome = 'churn'").first();
        System.out.println("validate, churn: index " + churn.get("perception_index") + ", level " + churn.get("experience_rank")
                + ", usage_retention driver " + churn.get("usage_retention_score"));
        assertTrue(summary.get("outcome_feed").asBoolean(), summary.toString());
        assertEquals(report.getLong(1), churn.get("perception_index").get("positives").asLong(),
                "the same labels as calibrate");
        assertEquals(report.getDouble(0), churn.get("perception_index").get("auc").asDouble(), 0.005);
        assertTrue(churn.get("experience_rank").get("auc").asDouble() > 0.6, churn.toString());
        assertEquals(1.0, churn.get("perception_index").get("coverage").asDouble(), 1e-9);
        assertTrue(summary.get("validation").get("complaint_next_7d").has("process_score"));
    }

    @Test
    void theIndexRanksPlantedLeaversAndComplainersFirst() {
        // calibrate scored Nov 14 against what happened Nov 15..21: the stored index alone, no model.
        Row churn = spark.sql("SELECT index_auc, test_positives FROM report WHERE outcome = 'churn'").first();
        Row complaint = spark.sql("SELECT index_auc, test_positives FROM report WHERE outcome = 'complaint'").first();
        System.out.println("perception index AUC: churn " + churn + ", complaint " + complaint);
        assertTrue(churn.getLong(1) >= GeneratedLake.SUBSCRIBERS / 400, "planted leavers in the week after Nov 14: " + churn);
        assertTrue(churn.getDouble(0) >= 0.70, "the index ranks later leavers first: " + churn);
        assertTrue(complaint.getDouble(0) >= 0.75, "the index ranks later complainers first: " + complaint);
    }

    @Test
    void noEvidenceIsNotGoodNews() {
        Row silent = spark.sql("""
                SELECT count(*), count(CASE WHEN p.experience_level = 'HIGH' THEN 1 END), avg(p.index_confidence),
                       (SELECT avg(index_confidence) FROM perception WHERE date = %1$s)
                FROM perception p JOIN window w ON w.msisdn = p.msisdn AND w.as_of_date = p.date AND w.window_days = 30
                WHERE p.date = %1$s AND w.calls = 0 AND w.sessions = 0 AND w.interactions = 0""".formatted(NIGHT)).first();
        System.out.println("subscribers without a call, session or contact in 30 days: " + silent);
        assertTrue(silent.getLong(0) > 0, "churned and suspended subscribers are silent: " + silent);
        assertEquals(0L, silent.getLong(1), "a subscriber without evidence is never HIGH: " + silent);
        assertTrue(silent.getDouble(2) < 0.5 * silent.getDouble(3), "and has low confidence: " + silent);
    }
}
