package org.ganzhi.perception;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.ganzhi.catalog.DeltaTables;
import org.ganzhi.catalog.StageInputs;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.config.GanzhiConfig;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.*;

/**
 * The perception stage for date D: the drivers of every subscriber's window as of D (features),
 * shrunk toward their home cell's or segment's value, scored, combined into five dimensions, an
 * index and an experience level, explained by the top detractors and demarcated against peers,
 * into perception.subscriber_score. Negative texts of the window (text.feedback, when the lake
 * has it) cost their dimension like complaints. Needs features and personas of D.
 */
public final class PerceptionJob {
    /** The negative texts a subscriber's score names, newest first. */
    static final String NEGATIVE_FEEDBACK = "negative_feedback";
    private static final String EVIDENCE = "array<struct<feedback_id:string,dimension:string>>";

    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate date;
    private final PerceptionSettings settings;
    private final RunSummary summary;
    private final StageInputs inputs;

    private PerceptionJob(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        this.spark = spark;
        this.lake = lake;
        this.date = date;
        this.settings = PerceptionSettings.from(config);
        this.summary = summary;
        this.inputs = new StageInputs(spark, lake, "perception", date);
    }

    /**
     * The scoring plan has a few hundred derived columns, and Spark's constraint propagation
     * (inferring not-null and equality facts through every alias) spends minutes on it: the unit
     * tests took 395 s with it and 36 s without, on a handful of rows. Off for this stage only.
     */
    static final String CONSTRAINT_PROPAGATION = "spark.sql.constraintPropagation.enabled";

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        String before = spark.conf().get(CONSTRAINT_PROPAGATION, "true");
        spark.conf().set(CONSTRAINT_PROPAGATION, "false");
        try {
            new PerceptionJob(spark, config, lake, date, summary).score();
        } finally {
            spark.conf().set(CONSTRAINT_PROPAGATION, before);
        }
    }

    private void score() {
        summary.startStage("perception");
        summary.put("perception_spec", settings.specVersion());
        Dataset<Row> measured = DriverMeasures.measure(DriverMeasures.prepare(window(), inputs.read(Tables.CELL_DAILY),
                plans(), date, settings).join(personas(), new String[]{"msisdn"}, "left"), settings);
        // Local checkpoints cut the plan after each step: the scoring plan is wide, and planning
        // it again inside every later aggregate and join cost more than computing it.
        Dataset<Row> withPriors = PerceptionScores.priors(measured.localCheckpoint(), settings).localCheckpoint();
        Dataset<Row> drivers = PerceptionScores.drivers(withPriors, settings).localCheckpoint();
        Set<String> uninformative = PerceptionScores.uninformative(drivers, settings);
        if (!uninformative.isEmpty()) {
            summary.warn("drivers without information tonight (weight 0): " + uninformative);
        }
        uninformative.forEach(summary.root().putArray("uninformative_drivers")::add);
        // Dimensions and index are projections of the drivers: one checkpoint after them is enough.
        Dataset<Row> dimensions = PerceptionScores.dimensions(drivers, settings, uninformative);
        Dataset<Row> withTexts = negativeTexts().map(texts -> dimensions.join(texts, new String[]{"msisdn"}, "left"))
                .orElseGet(() -> dimensions.withColumn(NEGATIVE_FEEDBACK, lit(null).cast(EVIDENCE)));
        Dataset<Row> scored = Demarcation.apply(PerceptionScores.index(withTexts, settings).localCheckpoint(), settings);
        List<Column> out = new ArrayList<>(List.of(col("msisdn"), lit(Date.valueOf(date)).as("date"), col("persona"),
                col("segment"), col("lifecycle_stage"), col("value_tier"), col("region"), col("home_cell"), col("device_model"),
                col("perception_index"), col("experience_level"), col("index_confidence"), col("index_samples"),
                col("complaint_points"), col("feedback_points")));
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            out.addAll(List.of(col(p + "_score"), col(p + "_confidence"), col(p + "_samples")));
        }
        out.addAll(List.of(col("top_detractors"), col("detractor_dimensions"),
                coalesce(col(NEGATIVE_FEEDBACK), array().cast(EVIDENCE)).as(NEGATIVE_FEEDBACK), col("drivers_missing"), col("dimensions_missing"), col("demarcation"),
                col("demarcation_dimension"), col("peer_cell_subscribers"), col("peer_cell_poor_share"),
                col("peer_device_subscribers"), col("peer_device_poor_share"), col("population_poor_share"),
                col(PerceptionScores.VOICE_LEAN)));
        for (PerceptionSettings.Driver d : settings.drivers()) {
            out.addAll(List.of(col(d.name() + "_value"), col(d.name() + "_score"), col(d.name() + "_confidence"),
                    col(DriverMeasures.samples(d)).cast("long").as(d.name() + "_samples")));
        }
        out.add(col("perception_spec"));
        DeltaTables.Commit commit = DeltaTables.replace(spark, scored.select(out.toArray(Column[]::new)),
                lake.table(Tables.SUBSCRIBER_SCORE), "date = DATE'" + date + "'", List.of("date"));
        summary.table(Tables.SUBSCRIBER_SCORE, commit.version());
        summary.rows(Tables.SUBSCRIBER_SCORE, commit.rowsWritten());
        summary.endStage("perception");
    }

    /**
     * Per subscriber, the NEGATIVE texts of the window by the dimension of their category
     * ({@value PerceptionScores#FEEDBACK_PREFIX}&lt;dimension&gt;) and the newest texts' ids
     * ({@value #NEGATIVE_FEEDBACK}, feedback-cost.evidence of them): the evidence a reader can open.
     * Empty without text.feedback, with a warning; anonymous texts name no one and count for no one.
     */
    private Optional<Dataset<Row>> negativeTexts() {
        Optional<Dataset<Row>> texts = inputs.optional(Tables.FEEDBACK_TEXT);
        if (texts.isEmpty()) {
            summary.warn("no " + Tables.FEEDBACK_TEXT + ": perception reads no customer texts (run 'text' before perception)");
            return Optional.empty();
        }
        Dataset<Row> negative = texts.get().where(col("event_date").between(Date.valueOf(date.minusDays(settings.windowDays() - 1L)),
                        Date.valueOf(date)).and(col("msisdn").isNotNull()).and(col("sentiment_label").equalTo("NEGATIVE"))
                .and(col("category").isin(PerceptionSettings.DIMENSIONS.toArray())));
        List<Column> counts = new ArrayList<>();
        for (String dim : PerceptionSettings.DIMENSIONS) {
            counts.add(count(when(col("category").equalTo(dim), lit(1))).as(PerceptionScores.FEEDBACK_PREFIX + dim.toLowerCase()));
        }
        counts.add(slice(sort_array(collect_list(struct(col("ts"), col("feedback_id"), col("category").as("dimension"))), false),
                1, settings.feedback().evidence()).as("_newest"));
        return Optional.of(negative.groupBy("msisdn").agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new))
                .withColumn(NEGATIVE_FEEDBACK, expr("transform(_newest, x -> named_struct('feedback_id', x.feedback_id, "
                        + "'dimension', x.dimension))").cast(EVIDENCE))
                .drop("_newest"));
    }

    private Dataset<Row> window() {
        Dataset<Row> window = inputs.read(Tables.SUBSCRIBER_WINDOW)
                .where(col("as_of_date").equalTo(lit(Date.valueOf(date))).and(col("window_days").equalTo(settings.windowDays())));
        return inputs.requireRows(Tables.SUBSCRIBER_WINDOW, window, settings.windowDays() + "-day rows as of " + date);
    }

    /** Persona, segment, lifecycle and tier of D, and the voice lean for personal weighting. */
    private Dataset<Row> personas() {
        Dataset<Row> profiles = inputs.requireRows(Tables.SUBSCRIBER_PROFILE,
                inputs.read(Tables.SUBSCRIBER_PROFILE).where(col("date").equalTo(lit(Date.valueOf(date)))));
        Column voiceAndData = col("affinity_voice").plus(col("affinity_data"));
        return profiles.select(col("msisdn"), col("persona"), col("segment_id"), col("segment"), col("lifecycle_stage"),
                col("value_tier"), when(voiceAndData.gt(0), col("affinity_voice").divide(voiceAndData))
                        .as(PerceptionScores.VOICE_LEAN));
    }

    /** Each plan's latest snapshot delivered up to D (plan names say whether a plan needs 5G). */
    private Dataset<Row> plans() {
        Optional<Dataset<Row>> plans = inputs.optional(Tables.silver("plan"));
        if (plans.isEmpty()) {
            summary.warn("no silver.plan: device_plan_mismatch has no data");
            return spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
                    .add("plan_id", "string").add("plan_name", "string"));
        }
        return plans.get().where(col("snapshot_date").leq(lit(Date.valueOf(date))))
                .withColumn("latest", max("snapshot_date").over(Window.partitionBy("plan_id")))
                .where(col("snapshot_date").equalTo(col("latest"))).select("plan_id", "plan_name").dropDuplicates("plan_id");
    }
}
