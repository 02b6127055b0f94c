package org.ganzhi.text;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.catalog.DeltaTables;
import org.ganzhi.catalog.StageInputs;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.config.GanzhiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.*;

/**
 * The text stage for date D: reads the free text of silver.feedback into text.feedback, one row
 * per text with its language, terms, category and sentiment. It scores D, every event date that
 * delivery D brought texts for (late ones within features.recompute-days) and every date of the
 * last text.catch-up-days not scored yet, each date's partition replaced whole, so a rerun gives
 * the same table. The model is the lake's
 * newest text model; the first night trains version 1 (see {@link FeedbackModel}).
 */
public final class TextJob {
    private static final Logger LOG = LoggerFactory.getLogger(TextJob.class);
    private static final String FEEDBACK = Tables.silver("feedback");

    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate date;
    private final TextSettings settings;
    private final RunSummary summary;
    private final StageInputs inputs;
    private final TextAnalyzer analyzer;

    private TextJob(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        this.spark = spark;
        this.lake = lake;
        this.date = date;
        this.settings = TextSettings.from(config);
        this.summary = summary;
        this.inputs = new StageInputs(spark, lake, "text", date);
        this.analyzer = new TextAnalyzer(settings.lexicon());
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        new TextJob(spark, config, lake, date, summary).score();
    }

    private void score() {
        summary.startStage("text");
        Optional<Dataset<Row>> feedback = inputs.optional(FEEDBACK);
        if (feedback.isEmpty()) {
            summary.warn("no " + FEEDBACK + " in the lake: no customer texts to read (the feedback feed is optional)");
            summary.endStage("text");
            return;
        }
        List<LocalDate> days = daysToScore(feedback.get());
        FeedbackModel model = FeedbackModel.current(spark, lake).orElseGet(() -> {
            summary.warn("no text model in the lake yet: trained the first one on " + date);
            return train(feedback.get(), 1);
        });
        if (!model.categories().equals(settings.categories())) {
            throw new GanzhiException("the text categories in the configuration " + settings.categories() + " differ from those of "
                    + model.versionName() + " " + model.categories() + ": remove " + lake.root() + "/models/text to train anew");
        }
        summary.put("text_model", model.versionName());
        summary.put("text_spec", settings.spec());
        summary.put("text_days", days.stream().map(LocalDate::toString).collect(Collectors.joining(",")));
        Dataset<Row> texts = feedback.get().where(col("event_date").isin(days.stream().map(Date::valueOf).toArray()));
        Dataset<Row> scored = feedbackText(texts, model);
        String predicate = "event_date IN (" + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
        DeltaTables.Commit commit = DeltaTables.replace(spark, scored, lake.table(Tables.FEEDBACK_TEXT), predicate,
                List.of("event_date"));
        summary.table(Tables.FEEDBACK_TEXT, commit.version());
        summary.rows(Tables.FEEDBACK_TEXT, commit.rowsWritten());
        summary.endStage("text");
    }

    /** D, the event dates of late texts delivery D brought, and the catch-up window's dates not scored yet. */
    private List<LocalDate> daysToScore(Dataset<Row> feedback) {
        TreeSet<LocalDate> days = new TreeSet<>(List.of(date));
        Date today = Date.valueOf(date);
        Column late = col("delivery_date").equalTo(lit(today))
                .and(col("event_date").between(Date.valueOf(date.minusDays(settings.recomputeDays())), today));
        Dataset<Row> catchUp = feedback.where(col("event_date").between(Date.valueOf(date.minusDays(settings.catchUpDays() - 1L)), today))
                .select("event_date").distinct();
        Optional<Dataset<Row>> scored = inputs.optional(Tables.FEEDBACK_TEXT);
        if (scored.isPresent()) {
            catchUp = catchUp.except(scored.get().select("event_date").distinct());
        }
        // One query for both: each costs a Spark job even on a handful of rows.
        feedback.where(late).select("event_date").distinct().union(catchUp).distinct().collectAsList()
                .forEach(r -> days.add(r.getDate(0).toLocalDate()));
        return List.copyOf(days);
    }

    /** text.feedback rows of silver.feedback rows: read, classified, their sentiment combined. */
    Dataset<Row> feedbackText(Dataset<Row> feedback, FeedbackModel model) {
        Dataset<Row> read = FeedbackText.read(feedback, "text", analyzer);
        Dataset<Row> scored = FeedbackText.sentiment(model.transform(read), settings);
        // A category an agent gave is a person's reading of the text: it wins over the model's.
        Column category = coalesce(col("agent_category"), col(FeedbackModel.CATEGORY_PREDICTED));
        return scored.select(col("feedback_id"), col("msisdn"), col("ts"), col("channel"), col("product_id"),
                col("service_item"), col("rating"), col("language").as("declared_language"),
                col(FeedbackText.LANGUAGE).as("language"), col(FeedbackText.CLEAN_TEXT).as("text"), col(FeedbackText.TERMS),
                category.as("category"),
                when(col("agent_category").isNotNull(), lit("AGENT")).when(col(FeedbackModel.CATEGORY_PREDICTED).isNotNull(),
                        lit("MODEL")).as("category_source"),
                col(FeedbackModel.CATEGORY_PREDICTED), col(FeedbackModel.CATEGORY_PROBABILITY),
                col(FeedbackText.SENTIMENT_LEXICON), col(FeedbackModel.SENTIMENT_MODEL), col("sentiment"), col("sentiment_label"),
                lit(model.versionName()).as("model_version"), lit(settings.spec()).as("text_spec"), col("event_date"),
                col("delivery_date"));
    }

    /** Fits a model on the seed corpus, the operator's extra examples and the lake's labelled texts. */
    private FeedbackModel train(Dataset<Row> feedback, int version) {
        TrainingExamples examples = new TrainingExamples(spark, settings, analyzer);
        Dataset<Row> window = feedback.where(col("event_date")
                .between(Date.valueOf(date.minusDays(settings.trainingDays() - 1L)), Date.valueOf(date)));
        FeedbackModel model = FeedbackModel.fit(examples.categories(window), examples.sentiments(window), settings, version, date);
        model.save(spark, lake);
        summary.root().putObject("trained_text_model").put("model", model.versionName())
                .set("category_examples", model.info().get("category_examples"));
        LOG.info("Trained text model {}: {}", model.versionName(), model.info());
        return model;
    }
}
