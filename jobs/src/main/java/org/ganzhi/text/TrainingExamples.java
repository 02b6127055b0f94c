package org.ganzhi.text;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.GanzhiException;

import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * The labelled texts a text model learns from, each with its {@code terms}, {@code label} (index
 * of its class) and {@code source}: {@code seed} (Ganzhi's corpus), {@code extra} (the operator's
 * file, same layout), {@code agent} (a transcript an agent categorised) and {@code rating} (a
 * text with stars, for sentiment only).
 */
final class TrainingExamples {
    private static final StructType LABELLED = new StructType().add("category", DataTypes.StringType)
            .add("sentiment", DataTypes.StringType).add("text", DataTypes.StringType).add("source", DataTypes.StringType);

    private final SparkSession spark;
    private final TextSettings settings;
    private final TextAnalyzer analyzer;

    TrainingExamples(SparkSession spark, TextSettings settings, TextAnalyzer analyzer) {
        this.spark = spark;
        this.settings = settings;
        this.analyzer = analyzer;
    }

    /** Texts with a category, from the corpora and the agents' labels in {@code feedback}. */
    Dataset<Row> categories(Dataset<Row> feedback) {
        Dataset<Row> agents = feedback.where(col("agent_category").isNotNull())
                .select(col("agent_category").as("category"), lit(null).cast("string").as("sentiment"), col("text"),
                        lit("agent").as("source"));
        return labelled(corpora().union(agents), "category", settings.categories());
    }

    /**
     * Texts with a sentiment: the corpora's, and the lake's rated texts (1-2 stars NEGATIVE, 3
     * NEUTRAL, 4-5 POSITIVE), at most max-rated-per-class of each, drawn by a hash of the id.
     */
    Dataset<Row> sentiments(Dataset<Row> feedback) {
        Column stars = col("rating");
        Dataset<Row> rated = feedback.where(stars.isNotNull())
                .select(lit(null).cast("string").as("category"),
                        when(stars.leq(2), lit("NEGATIVE")).when(stars.equalTo(3), lit("NEUTRAL")).otherwise(lit("POSITIVE"))
                                .as("sentiment"), col("text"), lit("rating").as("source"), col("feedback_id"))
                .withColumn("_draw", row_number().over(Window.partitionBy("sentiment").orderBy(xxhash64(col("feedback_id")))))
                .where(col("_draw").leq(settings.maxRatedPerClass()))
                .drop("_draw", "feedback_id");
        return labelled(corpora().union(rated), "sentiment", LabelledText.SENTIMENTS);
    }

    private Dataset<Row> labelled(Dataset<Row> texts, String labelColumn, List<String> classes) {
        Column index = array_position(array(classes.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new)),
                col(labelColumn));
        Dataset<Row> known = texts.where(col(labelColumn).isin(classes.toArray()));
        return FeedbackText.read(known, "text", analyzer)
                .select(col(FeedbackText.TERMS), index.minus(1).cast("double").as(FeedbackModel.LABEL), col("source"));
    }

    private Dataset<Row> corpora() {
        Dataset<Row> none = spark.createDataFrame(List.of(), LABELLED);
        Dataset<Row> seed = settings.seedExamples()
                ? spark.createDataFrame(LabelledText.seedExamples().stream()
                .map(e -> RowFactory.create(e.category(), e.sentiment(), e.text(), "seed")).toList(), LABELLED)
                : none;
        if (settings.extraExamples().isBlank()) {
            return seed;
        }
        Dataset<Row> extra;
        try {
            extra = spark.read().option("header", true).option("sep", "\t").csv(settings.extraExamples());
        } catch (RuntimeException e) {
            throw new GanzhiException("cannot read ganzhi.text.model.extra-examples " + settings.extraExamples() + ": "
                    + e.getMessage(), e);
        }
        List<String> missing = List.of("category", "sentiment", "text").stream()
                .filter(c -> !List.of(extra.columns()).contains(c)).toList();
        if (!missing.isEmpty()) {
            throw new GanzhiException("ganzhi.text.model.extra-examples " + settings.extraExamples() + " has no column " + missing
                    + ": it needs a header line with category, sentiment and text, tab-separated");
        }
        return seed.union(extra.select(upper(trim(col("category"))).as("category"), upper(trim(col("sentiment"))).as("sentiment"),
                col("text"), lit("extra").as("source")));
    }
}
