package org.ganzhi.publish;

import com.typesafe.config.Config;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.*;

/**
 * gold.product_perception: how each product is perceived on the eight validation dimensions of
 * article 000, before launch (the mandatory experience validation) and after it, with a launch
 * gate for every product still in validation. One row per product × phase × dimension from the
 * evaluations of the last {@code validation-days} (silver.product_validation).
 *
 * <p>After launch the customers' own voice is joined per product: texts naming it in the publish
 * window (text.feedback) with their negative share, and the product's adoption (gold.adoption_funnel:
 * subscribers who reached ACCEPTANCE and their share of those made AWARE).
 *
 * <p>The launch gate of a PRE_LAUNCH product is BLOCK when any dimension with at least
 * {@code gate.min-evaluations} evaluations has a mean below {@code gate.min-mean} or more than
 * {@code gate.max-low-share} of its scores at or below {@code low-score}, or when its predicted
 * negative-feedback share is more than {@code gate.max-predicted-excess} above the launched
 * products' mean share; NOT_ENOUGH_EVIDENCE when no dimension has enough evaluations; PASS
 * otherwise. The prediction is a least-squares line through the launched products (negative share
 * of the texts naming them against their mean post-launch score), evaluated at the product's mean
 * pre-launch score: how launched products that scored alike are talked about. It is judged against
 * the market the operator has, not an absolute share: how negatively customers write depends on
 * the operator and the channel as much as on the product. It needs
 * {@code gate.min-launched-products} launched products with at least {@code gate.min-texts} texts
 * each, and a falling line (a better score, fewer negative texts); otherwise the scores do not
 * predict the texts on this lake, the prediction is null and gates nothing.
 *
 * <p>Evaluators are staff and testers, not subscribers: the evaluation figures are not redacted.
 * The feedback figures of a product with fewer than {@code min-subscribers} distinct writers are
 * withheld (null).
 */
public final class ProductPerception {
    /** The eight dimensions, as the contract's score columns name them. */
    public static final List<String> DIMENSIONS = List.of("conciseness", "accuracy", "consistency", "operability",
            "convenience", "speed", "interactivity", "attention");
    static final String PRE_LAUNCH = "PRE_LAUNCH";

    private ProductPerception() {
    }

    /** ganzhi.publish.product-perception; see the class comment. */
    public record Settings(int validationDays, double target, int lowScore, double minMean, double maxLowShare,
                           long minEvaluations, double maxPredictedExcess, int minLaunchedProducts, long minTexts,
                           int weakest) implements Serializable {
        public static Settings from(GanzhiConfig config) {
            Config c = config.raw().getConfig("ganzhi.publish.product-perception");
            Settings s = new Settings(c.getInt("validation-days"), c.getDouble("target"), c.getInt("low-score"),
                    c.getDouble("gate.min-mean"), c.getDouble("gate.max-low-share"), c.getLong("gate.min-evaluations"),
                    c.getDouble("gate.max-predicted-excess"), c.getInt("gate.min-launched-products"),
                    c.getLong("gate.min-texts"), c.getInt("weakest"));
            if (s.validationDays < 1 || s.minEvaluations < 1 || s.minLaunchedProducts < 2 || s.weakest < 1
                    || s.maxPredictedExcess < 0) {
                throw new ConfigError("ganzhi.publish.product-perception: validation-days, gate.min-evaluations and weakest "
                        + "must be at least 1, gate.min-launched-products at least 2 (a line needs two points) and "
                        + "gate.max-predicted-excess 0 or more; got " + s);
            }
            return s;
        }

        public LocalDate validationStart(LocalDate date) {
            return date.minusDays(validationDays - 1L);
        }
    }

    /**
     * @param evaluations silver.product_validation rows of the validation window
     * @param texts       text.feedback rows of the publish window, if the lake has them
     * @param funnel      gold.adoption_funnel rows of the run date, if the lake has product events
     */
    public static Dataset<Row> compute(SparkSession spark, Dataset<Row> evaluations, Optional<Dataset<Row>> texts,
                                       Optional<Dataset<Row>> funnel, LocalDate date, PublishSettings s, Settings p) {
        Dataset<Row> dimensions = dimensionScores(evaluations, p);
        Dataset<Row> voice = customerVoice(spark, texts, funnel, s);
        Dataset<Row> withVoice = dimensions.join(voice, new String[]{"product_id"}, "left")
                .withColumn("_launched", col("phase").notEqual(PRE_LAUNCH));
        Optional<Line> line = negativeShareLine(withVoice, p);
        Column predicted = line.map(l -> (Column) round(greatest(lit(0.0), least(lit(1.0),
                        lit(l.intercept()).plus(lit(l.slope()).multiply(col("_product_mean"))))), 4))
                .orElse(lit(null).cast("double"));
        Dataset<Row> gated = gate(withVoice.withColumn("predicted_negative_share", when(col("phase").equalTo(PRE_LAUNCH), predicted))
                .withColumn("_launched_share", lit(line.map(Line::launchedShare).orElse(null)).cast("double")), p);
        return gated.select(lit(Date.valueOf(p.validationStart(date))).as("validation_start"), lit(Date.valueOf(date)).as("validation_end"),
                col("product_id"), col("phase"), col("dimension"), col("evaluations"), col("customer_evaluations"),
                col("mean_score"), col("low_share"), lit(p.target()).as("target"), col("gap"), col("below_threshold"),
                col("weakest_dimensions"),
                when(col("_launched"), col("feedback_texts")).as("feedback_texts"),
                when(col("_launched"), col("negative_feedback_share")).as("negative_feedback_share"),
                when(col("_launched"), col("adopters")).as("adopters"),
                when(col("_launched"), col("adoption_conversion")).as("adoption_conversion"),
                col("predicted_negative_share"), col("launch_gate"), col("gate_reasons"));
    }

    /** Per product × phase × dimension: evaluations, mean, share of low scores, gap; the product-phase mean and weakest. */
    static Dataset<Row> dimensionScores(Dataset<Row> evaluations, Settings p) {
        Column[] stacked = DIMENSIONS.stream().map(d -> struct(lit(d).as("dimension"), col(d).cast("double").as("score")))
                .toArray(Column[]::new);
        Dataset<Row> scores = evaluations.select(col("product_id"), col("phase"), col("evaluator_kind"),
                        explode(array(stacked)).as("s"))
                .select(col("product_id"), col("phase"), col("evaluator_kind"), col("s.dimension").as("dimension"), col("s.score").as("score"))
                .where(col("score").isNotNull());
        Dataset<Row> perDimension = scores.groupBy("product_id", "phase", "dimension").agg(
                count(lit(1)).as("evaluations"),
                count(when(col("evaluator_kind").equalTo("CUSTOMER"), 1)).as("customer_evaluations"),
                round(avg("score"), 4).as("mean_score"),
                round(avg(when(col("score").leq(p.lowScore()), 1.0).otherwise(0.0)), 4).as("low_share"));
        Column enough = col("evaluations").geq(p.minEvaluations());
        Dataset<Row> judged = perDimension
                .withColumn("gap", round(col("mean_score").minus(p.target()), 4))
                .withColumn("below_threshold", when(enough, col("mean_score").lt(p.minMean()).or(col("low_share").gt(p.maxLowShare()))));
        Dataset<Row> perProduct = judged.groupBy("product_id", "phase").agg(
                avg("mean_score").as("_product_mean"),
                max(when(enough, 1).otherwise(0)).as("_any_enough"),
                slice(transform(sort_array(collect_list(when(col("mean_score").lt(p.target()),
                        struct(col("mean_score"), col("dimension"))))), x -> x.getField("dimension")), 1, p.weakest())
                        .as("weakest_dimensions"),
                sort_array(collect_list(when(col("below_threshold"), concat(col("dimension"), lit(" mean "),
                        format_number(col("mean_score"), 2), lit(", low scores "), format_number(col("low_share").multiply(100), 0),
                        lit(" %"))))).as("_dimension_reasons"));
        return judged.join(perProduct, new String[]{"product_id", "phase"});
    }

    /** Per product: texts naming it, their negative share, adopters and conversion; figures of few writers withheld. */
    static Dataset<Row> customerVoice(SparkSession spark, Optional<Dataset<Row>> texts, Optional<Dataset<Row>> funnel,
                                      PublishSettings s) {
        Dataset<Row> voice = texts.map(t -> t.where(col("product_id").isNotNull()).groupBy("product_id").agg(
                        count(lit(1)).as("_texts"), countDistinct("msisdn").as("_writers"),
                        avg(when(col("sentiment_label").equalTo("NEGATIVE"), 1.0).otherwise(0.0)).as("_negative_share"))
                .select(col("product_id"), when(col("_writers").geq(s.minSubscribers()), col("_texts")).as("feedback_texts"),
                        when(col("_writers").geq(s.minSubscribers()), round(col("_negative_share"), 4)).as("negative_feedback_share")))
                .orElseGet(() -> spark.createDataFrame(List.of(), new StructType().add("product_id", "string")
                        .add("feedback_texts", "long").add("negative_feedback_share", "double")));
        Dataset<Row> adoption = funnel.map(f -> f.where(col("stage").equalTo("ACCEPTANCE"))
                        .select(col("product_id"), col("subscribers").as("adopters"),
                                col("conversion_from_awareness").as("adoption_conversion")))
                .orElseGet(() -> spark.createDataFrame(List.of(), new StructType().add("product_id", "string")
                        .add("adopters", "long").add("adoption_conversion", "double")));
        return voice.join(adoption, new String[]{"product_id"}, "full");
    }

    /** negative share = intercept + slope × mean score, fitted on launched products whose mean negative share is launchedShare. */
    record Line(double intercept, double slope, double launchedShare) {
    }

    /**
     * The least-squares line through the launched products with at least min-texts texts, or
     * empty with fewer than min-launched-products of them, no spread in their scores, or a line
     * that does not fall. One small collect: a row per product.
     */
    static Optional<Line> negativeShareLine(Dataset<Row> rows, Settings p) {
        List<Row> points = rows.where(col("_launched").and(col("feedback_texts").geq(p.minTexts()))
                        .and(col("negative_feedback_share").isNotNull()))
                .select("product_id", "_product_mean", "negative_feedback_share").distinct().collectAsList();
        if (points.size() < p.minLaunchedProducts()) {
            return Optional.empty();
        }
        double n = points.size();
        double mx = points.stream().mapToDouble(r -> r.getDouble(1)).sum() / n;
        double my = points.stream().mapToDouble(r -> r.getDouble(2)).sum() / n;
        double sxx = points.stream().mapToDouble(r -> (r.getDouble(1) - mx) * (r.getDouble(1) - mx)).sum();
        double sxy = points.stream().mapToDouble(r -> (r.getDouble(1) - mx) * (r.getDouble(2) - my)).sum();
        if (sxx < 1e-12 || sxy >= 0) {
            return Optional.empty();
        }
        double b = sxy / sxx;
        return Optional.of(new Line(my - b * mx, b, my));
    }

    /** launch_gate and gate_reasons of PRE_LAUNCH rows (null after launch). */
    static Dataset<Row> gate(Dataset<Row> rows, Settings p) {
        Column bound = col("_launched_share").plus(p.maxPredictedExcess());
        Column predictedTooHigh = coalesce(col("predicted_negative_share").gt(bound), lit(false));
        Column reasons = concat(col("_dimension_reasons"), when(predictedTooHigh, array(concat(lit("predicted negative feedback share "),
                format_number(col("predicted_negative_share").multiply(100), 0), lit(" % > launched products' "),
                format_number(col("_launched_share").multiply(100), 0), lit(" % + " + Math.round(p.maxPredictedExcess() * 100)
                        + " points")))).otherwise(array().cast("array<string>")));
        Column verdict = when(size(reasons).gt(0), lit("BLOCK")).when(col("_any_enough").equalTo(0), lit("NOT_ENOUGH_EVIDENCE"))
                .otherwise(lit("PASS"));
        Column pre = col("phase").equalTo(PRE_LAUNCH);
        return rows.withColumn("launch_gate", when(pre, verdict))
                .withColumn("gate_reasons", when(pre, when(col("launch_gate").equalTo("NOT_ENOUGH_EVIDENCE"),
                        array(lit("no dimension has " + p.minEvaluations() + " evaluations"))).otherwise(reasons)));
    }
}
