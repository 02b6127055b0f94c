package org.ganzhi.calibrate;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF3;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.*;

/**
 * The nightly risk of an outcome (complaint or churn): each scored subscriber's probability of it
 * in the next horizon days, from the newest model {@code calibrate} saved for that outcome, with
 * the reasons: the features that raise this subscriber's risk most against the average subscriber
 * of the training dates. A logistic regression's log-odds are the intercept plus Σ β·x, so
 * β·(x − training mean) is exactly how much a feature moves this subscriber away from the average
 * one; the reasons are the largest positive of these terms. Trees have no such sum: a reason is
 * then how much this subscriber's log-odds fall when one of the model's most important features
 * (reason-candidates) is set to its training mean, the others kept. Columns, for outcome o:
 * <ul>
 *   <li>{@code o_risk}: probability (0–1)</li>
 *   <li>{@code o_model_version}: e.g. churn-v0002 (models/risk/churn/v0002)</li>
 *   <li>{@code o_reasons}: array of (input, value, contribution): the input column (or
 *       {@code <input>_missing} when having no value is the reason), its value, and the log-odds
 *       it adds; most first</li>
 * </ul>
 */
public final class RiskScore {
    public static final StructType REASON = StructType.fromDDL("input STRING, value DOUBLE, contribution DOUBLE");

    private RiskScore() {
    }

    public static String risk(String outcome) {
        return outcome + "_risk";
    }

    public static String modelVersion(String outcome) {
        return outcome + "_model_version";
    }

    public static String reasons(String outcome) {
        return outcome + "_reasons";
    }

    /**
     * msisdn and the outcome's risk, model version and top reasons for each row of {@code inputs}
     * (one per msisdn): risk.reasons() of them; a tree model tries its risk.reasonCandidates() most
     * important features.
     */
    public static Dataset<Row> apply(Dataset<Row> inputs, RiskModel model, CalibrateSettings.Risk risk) {
        List<String> columns = Arrays.asList(inputs.columns());
        List<String> missing = model.inputs().stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new GanzhiException("risk model " + model.versionName() + " needs the inputs " + missing
                    + ", which this lake's scores and features do not have (the drivers or features changed?). Fit a model "
                    + "for the current ones with 'ganzhi calibrate'.");
        }
        String outcome = model.outcome();
        Dataset<Row> scored = model.algorithm().equals(Calibration.GBT)
                ? withTreeContributions(inputs, model, risk.reasonCandidates()) : withLinearContributions(model.pipeline().transform(inputs), model);
        Column mostFirst = array_sort(filter(col("_terms"), t -> t.getField("contribution").gt(0)),
                (a, b) -> signum(b.getField("contribution").minus(a.getField("contribution"))).cast("int"));
        return scored.select(col("msisdn"), col("_risk").as(risk(outcome)), lit(model.versionName()).as(modelVersion(outcome)),
                slice(mostFirst, 1, risk.reasons()).as(reasons(outcome)));
    }

    /** _risk and _terms: β·(x − mean) of every feature. */
    private static Dataset<Row> withLinearContributions(Dataset<Row> transformed, RiskModel model) {
        List<String> features = model.features();
        double[] beta = model.coefficients();
        double[] mean = model.featureMeans();
        Column assembled = vector_to_array(col(Calibration.FEATURES), "float64");
        Column[] terms = new Column[features.size()];
        for (int i = 0; i < features.size(); i++) {
            terms[i] = term(features.get(i), assembled.getItem(i).minus(mean[i]).multiply(beta[i]));
        }
        return transformed.withColumn("_risk", probability()).withColumn("_terms", array(terms));
    }

    /**
     * _risk and _terms of a tree model: every row once as it is and once per candidate feature set
     * to its training mean, scored in one pass; a term is the log-odds lost by the substitution.
     */
    private static Dataset<Row> withTreeContributions(Dataset<Row> inputs, RiskModel model, int candidates) {
        Transformer[] stages = model.pipeline().stages();
        Dataset<Row> prepared = inputs;
        for (int i = 0; i < stages.length - 1; i++) {
            prepared = stages[i].transform(prepared);
        }
        List<String> features = model.features();
        double[] importance = model.importances();
        double[] mean = model.featureMeans();
        List<Integer> order = IntStream.range(0, features.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -importance[i])).limit(candidates).toList();
        Dataset<Row> variants = prepared.withColumn("_variant", lit(-1));
        for (int i : order) {
            variants = variants.unionByName(prepared.withColumn(Calibration.FEATURES,
                    SET_FEATURE.apply(col(Calibration.FEATURES), lit(i), lit(mean[i]))).withColumn("_variant", lit(i)));
        }
        Column p = probability();
        Dataset<Row> scored = stages[stages.length - 1].transform(variants)
                .withColumn("_logit", log(p.divide(lit(1).minus(p))));
        Column[] terms = new Column[order.size()];
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(max(when(col("_variant").equalTo(-1), p)).as("_risk"));
        aggregates.add(max(when(col("_variant").equalTo(-1), col("_logit"))).as("_base"));
        for (int k = 0; k < order.size(); k++) {
            int i = order.get(k);
            aggregates.add(max(when(col("_variant").equalTo(i), col("_logit"))).as("_logit_" + i));
            aggregates.add(max(when(col("_variant").equalTo(-1), col(features.get(i)).cast("double"))).as("_value_" + i));
            terms[k] = struct(lit(features.get(i)).as("input"), col("_value_" + i).as("value"),
                    col("_base").minus(col("_logit_" + i)).as("contribution"));
        }
        return scored.groupBy("msisdn").agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .withColumn("_terms", array(terms));
    }

    private static Column term(String feature, Column contribution) {
        return struct(lit(feature).as("input"), col(feature).cast("double").as("value"), contribution.as("contribution"));
    }

    private static Column probability() {
        return vector_to_array(col(Calibration.PROBABILITY), "float64").getItem(1);
    }

    /** A copy of a feature vector with one element replaced: vector, index, value. */
    private static final UserDefinedFunction SET_FEATURE = udf((UDF3<Vector, Integer, Double, Vector>) (v, i, x) -> {
        double[] values = v.toArray().clone();
        values[i] = x;
        return Vectors.dense(values);
    }, SQLDataTypes.VectorType());

    /** The same columns, all null, for a lake without a model of the outcome yet. */
    public static Dataset<Row> withoutModel(Dataset<Row> inputs, String outcome) {
        return inputs.select(col("msisdn"), lit(null).cast("double").as(risk(outcome)),
                lit(null).cast("string").as(modelVersion(outcome)),
                lit(null).cast(org.apache.spark.sql.types.DataTypes.createArrayType(REASON)).as(reasons(outcome)));
    }

    /** The newest model of the outcome in the lake; empty when calibrate has never saved one. */
    public static Optional<RiskModel> latestModel(SparkSession spark, Lake lake, String outcome) {
        return RiskModel.current(spark, lake, outcome);
    }
}
