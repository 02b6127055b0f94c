package org.ganzhi.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.hadoop.fs.Path;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.NaiveBayes;
import org.apache.spark.ml.classification.NaiveBayesModel;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.IDF;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.ModelStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.ml.functions.vector_to_array;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_max;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

/**
 * The text model, versioned under {@code <lake>/models/text/vNNNN/}: the term weighting
 * ({@code terms/}: hashed term frequencies × inverse document frequency over every training
 * text), a naive Bayes model of the category ({@code category/}) and one of the sentiment
 * ({@code sentiment/}), and {@code model.json} with the categories and what the model learnt
 * from (examples per source and class). Nightly scores with the newest version, so a category
 * does not move because the night's texts moved.
 */
public final class FeedbackModel {
    /** Training columns: the terms and the index of the label among the categories or sentiments. */
    public static final String LABEL = "label";
    public static final String CATEGORY_PREDICTED = "category_predicted";
    public static final String CATEGORY_PROBABILITY = "category_probability";
    /** P(positive) − P(negative) of the learned sentiment model, −1..1. */
    public static final String SENTIMENT_MODEL = "sentiment_model";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TF = "_tf";
    private static final String WEIGHTED = "_tfidf";

    private final int version;
    private final PipelineModel terms;
    private final NaiveBayesModel category;
    private final NaiveBayesModel sentiment;
    private final ObjectNode info;

    private FeedbackModel(int version, PipelineModel terms, NaiveBayesModel category, NaiveBayesModel sentiment,
                          ObjectNode info) {
        this.version = version;
        this.terms = terms;
        this.category = category;
        this.sentiment = sentiment;
        this.info = info;
    }

    public int version() {
        return version;
    }

    public String versionName() {
        return String.format("text-v%04d", version);
    }

    public ObjectNode info() {
        return info;
    }

    public List<String> categories() {
        List<String> names = new ArrayList<>();
        info.get("categories").forEach(n -> names.add(n.asText()));
        return names;
    }

    /**
     * Fits the weighting on every example text and the two classifiers on theirs. Both example
     * sets have {@value FeedbackText#TERMS}, {@value #LABEL} and {@code source} (seed, extra,
     * agent, rating), counted into model.json.
     */
    public static FeedbackModel fit(Dataset<Row> categoryExamples, Dataset<Row> sentimentExamples, TextSettings s,
                                    int version, LocalDate trainedFor) {
        Dataset<Row> categories = categoryExamples.where(size(col(FeedbackText.TERMS)).gt(0)).cache();
        Dataset<Row> sentiments = sentimentExamples.where(size(col(FeedbackText.TERMS)).gt(0)).cache();
        try {
            ObjectNode info = JSON.createObjectNode();
            info.put("version", version);
            info.put("trained_for", trainedFor.toString());
            info.put("trained_at", Instant.now().toString());
            info.put("text_spec", s.spec());
            ArrayNode names = info.putArray("categories");
            s.categories().forEach(names::add);
            info.set("category_examples", counts(categories, s.categories()));
            info.set("sentiment_examples", counts(sentiments, LabelledText.SENTIMENTS));
            requireEveryClass(info.get("category_examples"), s.categories(), "category");
            requireEveryClass(info.get("sentiment_examples"), LabelledText.SENTIMENTS, "sentiment");

            Dataset<Row> allTexts = categories.select(FeedbackText.TERMS).union(sentiments.select(FeedbackText.TERMS));
            PipelineModel weighting = new Pipeline().setStages(new PipelineStage[]{
                    new HashingTF().setInputCol(FeedbackText.TERMS).setOutputCol(TF).setNumFeatures(s.numFeatures()),
                    new IDF().setInputCol(TF).setOutputCol(WEIGHTED)}).fit(allTexts);
            NaiveBayesModel category = naiveBayes(s).fit(weighting.transform(categories));
            NaiveBayesModel sentiment = naiveBayes(s).fit(weighting.transform(sentiments));
            return new FeedbackModel(version, weighting, category, sentiment, info);
        } finally {
            categories.unpersist();
            sentiments.unpersist();
        }
    }

    private static NaiveBayes naiveBayes(TextSettings s) {
        return new NaiveBayes().setFeaturesCol(WEIGHTED).setLabelCol(LABEL).setModelType("multinomial")
                .setSmoothing(s.smoothing());
    }

    /** Examples per source and class, e.g. {"BILLING": {"seed": 92, "agent": 40}}, from one small aggregation. */
    private static ObjectNode counts(Dataset<Row> examples, List<String> classes) {
        ObjectNode counts = JSON.createObjectNode();
        classes.forEach(counts::putObject);
        for (Row r : examples.groupBy(LABEL, "source").count().collectAsList()) {
            ((ObjectNode) counts.get(classes.get((int) r.getDouble(0)))).put(r.getString(1), r.getLong(2));
        }
        return counts;
    }

    private static void requireEveryClass(com.fasterxml.jackson.databind.JsonNode counts, List<String> classes, String what) {
        List<String> without = classes.stream().filter(c -> counts.get(c).isEmpty()).toList();
        if (!without.isEmpty()) {
            throw new GanzhiException("the text model has no " + what + " examples for " + without + ": keep "
                    + "ganzhi.text.model.seed-examples on, or give examples of them in ganzhi.text.model.extra-examples");
        }
    }

    /**
     * Adds {@value #CATEGORY_PREDICTED}, {@value #CATEGORY_PROBABILITY} and {@value #SENTIMENT_MODEL}
     * to texts read by {@link FeedbackText#read}; a text without a single term gets none of them.
     */
    public Dataset<Row> transform(Dataset<Row> read) {
        Dataset<Row> weighted = terms.transform(read);
        Dataset<Row> withCategory = category.copy(new org.apache.spark.ml.param.ParamMap())
                .setPredictionCol("_category").setProbabilityCol("_category_p").setRawPredictionCol("_category_raw")
                .transform(weighted);
        Dataset<Row> withSentiment = sentiment.copy(new org.apache.spark.ml.param.ParamMap())
                .setPredictionCol("_sentiment").setProbabilityCol("_sentiment_p").setRawPredictionCol("_sentiment_raw")
                .transform(withCategory);
        Column hasTerms = size(col(FeedbackText.TERMS)).gt(0);
        Column names = array(categories().stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
        Column sentimentP = vector_to_array(col("_sentiment_p"), "float64");
        return withSentiment
                .withColumn(CATEGORY_PREDICTED, when(hasTerms, element_at(names, col("_category").cast("int").plus(1))))
                .withColumn(CATEGORY_PROBABILITY, when(hasTerms, round(array_max(vector_to_array(col("_category_p"), "float64")), 4)))
                .withColumn(SENTIMENT_MODEL, when(hasTerms, round(element_at(sentimentP, 3).minus(element_at(sentimentP, 1)), 4)))
                .drop(TF, WEIGHTED, "_category", "_category_p", "_category_raw", "_sentiment", "_sentiment_p", "_sentiment_raw");
    }

    public static Optional<FeedbackModel> current(SparkSession spark, Lake lake) {
        ModelStore store = store(spark, lake);
        int latest = store.latestVersion();
        if (latest == 0) {
            return Optional.empty();
        }
        Path dir = store.version(latest);
        return Optional.of(new FeedbackModel(latest, PipelineModel.load(new Path(dir, "terms").toString()),
                NaiveBayesModel.load(new Path(dir, "category").toString()),
                NaiveBayesModel.load(new Path(dir, "sentiment").toString()), store.info(latest)));
    }

    public void save(SparkSession spark, Lake lake) {
        store(spark, lake).save(version, info, folder -> {
            terms.write().save(new Path(folder, "terms").toString());
            category.write().save(new Path(folder, "category").toString());
            sentiment.write().save(new Path(folder, "sentiment").toString());
        });
    }

    private static ModelStore store(SparkSession spark, Lake lake) {
        return new ModelStore(lake.root() + "/models/text", "text model", spark.sparkContext().hadoopConfiguration());
    }
}
