package org.ganzhi.calibrate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.*;

/**
 * The nightly risk of an outcome (complaint or churn): each scored subscriber's probability of it
 * in the next horizon days, from the newest model {@code calibrate} saved for that outcome, with
 * the reasons: the features that raise this subscriber's risk most against the average subscriber
 * of the training dates. A logistic regression's log-odds are the intercept plus Σ β·x, so
 * β·(x − training mean) is exactly how much a feature moves this subscriber away from the average
 * one; the reasons are the largest positive of these terms. Columns, for outcome o:
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

    /** msisdn and the outcome's risk, model version and top {@code reasons} reasons for each row of {@code inputs}. */
    public static Dataset<Row> apply(Dataset<Row> inputs, RiskModel model, int reasons) {
        List<String> columns = Arrays.asList(inputs.columns());
        List<String> missing = model.inputs().stream().filter(c -> !columns.contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new GanzhiException("risk model " + model.versionName() + " needs the inputs " + missing
                    + ", which this lake's scores and features do not have (the drivers or features changed?). Fit a model "
                    + "for the current ones with 'ganzhi calibrate'.");
        }
        String outcome = model.outcome();
        List<String> features = model.features();
        double[] beta = model.coefficients();
        double[] mean = model.featureMeans();
        Column[] terms = new Column[features.size()];
        Column assembled = vector_to_array(col(Calibration.FEATURES), "float64");
        for (int i = 0; i < features.size(); i++) {
            String f = features.get(i);
            terms[i] = struct(lit(f).as("input"), col(f).cast("double").as("value"),
                    assembled.getItem(i).minus(mean[i]).multiply(beta[i]).as("contribution"));
        }
        Column raising = filter(array(terms), t -> t.getField("contribution").gt(0));
        Column mostFirst = array_sort(raising, (a, b) -> signum(b.getField("contribution").minus(a.getField("contribution")))
                .cast("int"));
        return model.pipeline().transform(inputs).select(col("msisdn"),
                vector_to_array(col(Calibration.PROBABILITY), "float64").getItem(1).as(risk(outcome)),
                lit(model.versionName()).as(modelVersion(outcome)),
                slice(mostFirst, 1, reasons).as(reasons(outcome)));
    }

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
