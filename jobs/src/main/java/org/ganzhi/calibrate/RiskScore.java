package org.ganzhi.calibrate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The nightly complaint risk: each scored subscriber's probability of opening a complaint ticket
 * in the next horizon days, from the newest model {@code calibrate} saved. In a nightly run after
 * perception:
 * <pre>
 *   Dataset&lt;Row&gt; scores = ...perception.subscriber_score of D...;
 *   Dataset&lt;Row&gt; risk = RiskScore.latestModel(spark, lake)
 *           .map(model -&gt; RiskScore.apply(scores, model))
 *           .orElseGet(() -&gt; RiskScore.withoutModel(scores));
 *   // msisdn, complaint_risk, risk_model_version: join on msisdn
 * </pre>
 * The model reads the {@code <driver>_score} columns it was trained on; when the perception spec
 * of the scores differs from {@link RiskModel#perceptionSpec()}, the driver scales may have
 * changed since training: worth a warning and a new {@code calibrate} run.
 */
public final class RiskScore {
    public static final String RISK = "complaint_risk";
    public static final String MODEL_VERSION = "risk_model_version";

    private RiskScore() {
    }

    /** msisdn, complaint_risk (probability of a complaint), risk_model_version for each row of {@code scores}. */
    public static Dataset<Row> apply(Dataset<Row> scores, RiskModel model) {
        List<String> columns = Arrays.asList(scores.columns());
        List<String> missing = model.drivers().stream().map(Calibration::score).filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new GanzhiException("risk model " + model.versionName() + " needs the driver scores " + missing
                    + ", which the perception scores do not have (the drivers changed?). Fit a model for the current drivers "
                    + "with 'ganzhi calibrate'.");
        }
        return model.pipeline().transform(scores).select(col("msisdn"),
                vector_to_array(col(Calibration.PROBABILITY), "float64").getItem(1).as(RISK), lit(model.versionName()).as(MODEL_VERSION));
    }

    /** The same columns with null risk and version, for a lake without a risk model yet. */
    public static Dataset<Row> withoutModel(Dataset<Row> scores) {
        return scores.select(col("msisdn"), lit(null).cast("double").as(RISK), lit(null).cast("string").as(MODEL_VERSION));
    }

    /** The newest risk model of the lake; empty when calibrate has never saved one. */
    public static Optional<RiskModel> latestModel(SparkSession spark, Lake lake) {
        return RiskModel.current(spark, lake);
    }

    /** {@link #latestModel(SparkSession, Lake)} with the active session. */
    public static Optional<RiskModel> latestModel(Lake lake) {
        return latestModel(SparkSession.active(), lake);
    }
}
