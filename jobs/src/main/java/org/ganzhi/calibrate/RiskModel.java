package org.ganzhi.calibrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.Lake;
import org.ganzhi.common.ModelStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A risk model of one outcome (complaint or churn), versioned under
 * {@code <lake>/models/risk/<outcome>/vNNNN/} like the persona model: {@code pipeline/}, the
 * spark.ml pipeline {@link Calibration} fitted (missing-value indicators, mean imputation,
 * assembly, logistic regression or gradient-boosted trees), and {@code model.json}: version, outcome and horizon, the dates
 * it was trained and tested on, the perception and calibration specs, the inputs it reads, the
 * imputed and feature means, intercept, coefficients and test metrics. {@link RiskScore} applies
 * the newest version of each outcome.
 */
public final class RiskModel {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String outcome;
    private final int version;
    private final PipelineModel pipeline;
    private final ObjectNode info;

    private RiskModel(String outcome, int version, PipelineModel pipeline, ObjectNode info) {
        this.outcome = outcome;
        this.version = version;
        this.pipeline = pipeline;
        this.info = info;
    }

    /** A new model version from one outcome's calibration (fitted, see {@link Calibration.Result#fitted()}). */
    public static RiskModel of(int version, Calibration.Result result, Calibration.Split split, LocalDate runDate,
                               String perceptionSpec, CalibrateSettings s) {
        if (!result.fitted()) {
            throw new IllegalArgumentException("outcome " + result.outcome() + " has no fit: " + result.note());
        }
        Calibration.Fit fit = result.fit();
        ObjectNode info = JSON.createObjectNode();
        info.put("version", version);
        info.put("outcome", result.outcome());
        info.put("label", result.labelColumn());
        info.put("horizon_days", s.horizonDays());
        info.put("trained_for", runDate.toString());
        info.put("trained_at", Instant.now().toString());
        info.put("train_from", split.trainFrom().toString());
        info.put("train_to", split.trainTo().toString());
        info.put("test_from", split.testFrom().toString());
        info.put("test_to", split.testTo().toString());
        info.put("training_rows", result.trainExamples());
        info.put("training_positives", result.trainPositives());
        info.put("perception_spec", perceptionSpec);
        info.put("calibrate_spec", s.specVersion());
        ArrayNode inputs = info.putArray("inputs");
        fit.inputs().forEach(inputs::add);
        ArrayNode features = info.putArray("features");
        fit.features().forEach(features::add);
        ObjectNode means = info.putObject("imputed_means");
        fit.imputedMeans().forEach(means::put);
        ObjectNode featureMeans = info.putObject("feature_means");
        fit.featureMeans().forEach(featureMeans::put);
        info.put("algorithm", fit.algorithm());
        if (fit.intercept() != null) {
            info.put("intercept", fit.intercept());
        }
        ObjectNode coefficients = info.putObject("coefficients");
        fit.coefficients().forEach(c -> coefficients.put(c.feature(), c.coefficient()));
        ObjectNode importances = info.putObject("importances");
        fit.importances().forEach(c -> importances.put(c.feature(), c.coefficient()));
        info.put("test_auc", result.evaluation().auc());
        info.put("test_top_decile_lift", result.evaluation().topDecileLift());
        return new RiskModel(result.outcome(), version, fit.model(), info);
    }

    public int version() {
        return version;
    }

    public String outcome() {
        return outcome;
    }

    /** e.g. churn-v0003 */
    public String versionName() {
        return String.format("%s-v%04d", outcome, version);
    }

    public ObjectNode info() {
        return info;
    }

    public PipelineModel pipeline() {
        return pipeline;
    }

    /** The input columns the model reads. */
    public List<String> inputs() {
        return texts("inputs");
    }

    /** The assembled features, in coefficient order. */
    public List<String> features() {
        return texts("features");
    }

    /** logistic or gbt ({@link Calibration#LOGISTIC}, {@link Calibration#GBT}). */
    public String algorithm() {
        return info.path("algorithm").asText(Calibration.LOGISTIC);
    }

    /** Each feature's coefficient (logistic), in feature order. */
    public double[] coefficients() {
        return values("coefficients");
    }

    /** Each feature's importance (gbt), in feature order. */
    public double[] importances() {
        return values("importances");
    }

    private double[] values(String field) {
        return features().stream().mapToDouble(f -> info.get(field).path(f).asDouble(0)).toArray();
    }

    /** Each feature's training mean, in feature order. */
    public double[] featureMeans() {
        return features().stream().mapToDouble(f -> info.get("feature_means").get(f).asDouble()).toArray();
    }

    private List<String> texts(String field) {
        List<String> names = new ArrayList<>();
        info.get(field).forEach(n -> names.add(n.asText()));
        return names;
    }

    /** perception_spec of the scores it was trained on: scores of another spec may be on other scales. */
    public String perceptionSpec() {
        return info.get("perception_spec").asText();
    }

    /** The newest model of the outcome in the lake, if any. */
    public static Optional<RiskModel> current(SparkSession spark, Lake lake, String outcome) {
        int latest = latestVersion(spark, lake, outcome);
        return latest == 0 ? Optional.empty() : Optional.of(load(spark, lake, outcome, latest));
    }

    public static RiskModel load(SparkSession spark, Lake lake, String outcome, int version) {
        ModelStore store = store(spark, lake, outcome);
        ObjectNode info = store.info(version);
        return new RiskModel(outcome, version, PipelineModel.load(new Path(store.version(version), "pipeline").toString()), info);
    }

    /** Highest version under models/risk/<outcome>, 0 when there is none. */
    public static int latestVersion(SparkSession spark, Lake lake, String outcome) {
        return store(spark, lake, outcome).latestVersion();
    }

    /** Saves this model as its version; returns the folder. */
    public String save(SparkSession spark, Lake lake) {
        return store(spark, lake, outcome).save(version, info,
                folder -> pipeline.write().save(new Path(folder, "pipeline").toString())).toString();
    }

    private static ModelStore store(SparkSession spark, Lake lake, String outcome) {
        return new ModelStore(lake.root() + "/models/risk/" + outcome, "risk model", spark.sparkContext().hadoopConfiguration());
    }
}
