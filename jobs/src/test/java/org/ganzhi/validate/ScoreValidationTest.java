package org.ganzhi.validate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Validation of hand-made scores: 10 subscribers, the 3 lowest-index ones left; a risk that ranks
 * them exactly backwards; a driver that only half the subscribers have; a driver that is 100 for nine
 * in ten; one unlabelled row.
 */
class ScoreValidationTest extends SparkTestBase {
    @Test
    void aucLiftAndCoverageInTheScoresRiskDirection() {
        Dataset<Row> labelled = spark.sql("""
                SELECT CAST(idx AS DOUBLE) perception_index, CAST(risk AS DOUBLE) churn_risk,
                       CAST(drv AS DOUBLE) call_drop_rate_score, CAST(tied AS DOUBLE) usage_retention_score,
                       CAST(churn AS INT) churn_next_7d FROM VALUES
                  (10, 0.0, 5, 40, 1), (20, 0.1, NULL, 100, 1), (30, 0.2, 5, 100, 1), (40, 0.3, NULL, 100, 0),
                  (50, 0.4, 5, 100, 0), (60, 0.5, NULL, 100, 0), (70, 0.6, 5, 100, 0), (80, 0.7, NULL, 100, 0),
                  (90, 0.8, 5, 100, 0), (95, 0.9, NULL, 100, 0), (99, 0.95, 5, 100, NULL)
                AS t(idx, risk, drv, tied, churn)""");
        List<ScoreValidation.Metric> metrics = ScoreValidation.evaluate(labelled, List.of(
                new ScoreValidation.Score("perception_index", false), new ScoreValidation.Score("churn_risk", true),
                new ScoreValidation.Score("call_drop_rate_score", false), new ScoreValidation.Score("usage_retention_score", false)),
                List.of("churn_next_7d"));
        ScoreValidation.Metric index = metrics.get(0);
        assertEquals(10, index.examples(), "the unlabelled row is left out");
        assertEquals(3, index.positives());
        assertEquals(1.0, index.auc(), 1e-9, "a low index ranks every leaver first");
        assertEquals(1.0 / 0.3, index.topDecileLift(), 1e-9, "the riskiest rows are all leavers, against a 30 % rate");
        assertEquals(0.0, metrics.get(1).auc(), 1e-9, "a risk that ranks them last");
        ScoreValidation.Metric driver = metrics.get(2);
        assertEquals(0.5, driver.coverage(), 1e-9, "half the labelled subscribers have the driver");
        assertEquals(0.5, driver.auc(), 1e-9, "a constant driver carries no signal");
        assertEquals(1.0 / 0.3, metrics.get(3).topDecileLift(), 1e-9,
                "nine in ten tie at 100: the riskiest are the ones below it, here one leaver");
    }
}
