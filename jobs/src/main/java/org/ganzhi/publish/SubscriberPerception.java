package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.calibrate.Outcomes;
import org.ganzhi.calibrate.RiskScore;
import org.ganzhi.perception.PerceptionSettings;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;

/**
 * gold.subscriber_perception: one row per pseudonymised subscriber scored on a date, the BI
 * table behind targeted care (article 004: anticipate perception instead of waiting for
 * complaints). It is perception.subscriber_score narrowed to what care and marketing act on,
 * with the complaint and churn risk of the risk models when calibrate has fitted them.
 *
 * <p>Not redacted: a row is one subscriber by design, identified only by the pseudonym, and the
 * table is for the teams that contact them; the aggregates are where minimum counts apply.
 *
 * <p>Columns:
 * <ul>
 *   <li>msisdn (pseudonym), date (DATE)</li>
 *   <li>persona, segment, lifecycle_stage, value_tier, region, home_cell, device_model</li>
 *   <li>network_score, network_confidence, network_samples, and the same for service, process,
 *       billing and product: dimension score (0–100), its confidence (0–1) and the samples
 *       behind it (count)</li>
 *   <li>perception_index (0–100), experience_level (NEGATIVE, NONE, LOW, MEDIUM, HIGH),
 *       index_confidence (0–1: how much of the index is the subscriber's own evidence),
 *       index_samples, complaint_points (index points the window's complaints cost)</li>
 *   <li>top_detractors: the drivers that cost the most index points (array of driver,
 *       dimension, value, score, points_lost)</li>
 *   <li>detractor_dimensions: the dimensions by index points lost, most first (array of
 *       dimension, points_lost); the first is where the experience hurts most</li>
 *   <li>demarcation (AREA, DEVICE, NETWORK_WIDE, SUBSCRIBER), demarcation_dimension: where a poor
 *       experience comes from, null for a subscriber who is not poor</li>
 *   <li>drivers_missing, dimensions_missing: what had no data (arrays of names)</li>
 *   <li>complaint_risk and churn_risk (probabilities, 0–1), their model versions and reasons
 *       (array of input, value, contribution: what raises this subscriber's risk most, see
 *       {@link org.ganzhi.calibrate.RiskScore}): null when no model scored the subscriber</li>
 *   <li>perception_spec: hash of the perception and features configuration that produced the scores</li>
 * </ul>
 */
public final class SubscriberPerception {
    private SubscriberPerception() {
    }

    /**
     * @param scores perception.subscriber_score rows, normally those of the run date
     * @param risk   msisdn and, per published outcome, its risk, model version and reasons
     *               ({@link org.ganzhi.calibrate.RiskScore}); at most one row per subscriber; may be empty
     */
    public static Dataset<Row> compute(Dataset<Row> scores, Dataset<Row> risk) {
        List<Column> out = new ArrayList<>();
        for (String c : List.of("msisdn", "date", "persona", "segment", "lifecycle_stage", "value_tier", "region",
                "home_cell", "device_model")) {
            out.add(col(c));
        }
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            out.addAll(List.of(col(p + "_score"), col(p + "_confidence"), col(p + "_samples")));
        }
        for (String c : List.of("perception_index", "experience_level", "index_confidence", "index_samples", "complaint_points",
                "top_detractors", "detractor_dimensions", "demarcation",
                "demarcation_dimension", "drivers_missing", "dimensions_missing")) {
            out.add(col(c));
        }
        List<Column> riskColumns = new ArrayList<>(List.of(col("msisdn")));
        for (String outcome : Outcomes.PUBLISHED) {
            for (String c : List.of(RiskScore.risk(outcome), RiskScore.modelVersion(outcome), RiskScore.reasons(outcome))) {
                out.add(col(c));
                riskColumns.add(col(c));
            }
        }
        out.add(col("perception_spec"));
        return scores.join(risk.select(riskColumns.toArray(Column[]::new)), new String[]{"msisdn"}, "left")
                .select(out.toArray(Column[]::new));
    }
}
