package org.ganzhi.personas;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.*;

/**
 * The persona stage for date D: scores features.subscriber_window as of D with the lake's current
 * persona model (training the first one if there is none) into personas.subscriber_profile and
 * personas.segment_profile. {@link #retrain} fits the next model version on D and reports how
 * many subscribers keep their persona and segment label under it.
 */
public final class PersonaJob {
    private static final Logger LOG = LoggerFactory.getLogger(PersonaJob.class);

    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate date;
    private final PersonaSettings settings;
    private final RunSummary summary;
    private final StageInputs stageInputs;

    private PersonaJob(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        this.spark = spark;
        this.lake = lake;
        this.date = date;
        this.settings = PersonaSettings.from(config);
        this.summary = summary;
        this.stageInputs = new StageInputs(spark, lake, "personas", date);
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        new PersonaJob(spark, config, lake, date, summary).score();
    }

    public static void retrain(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        new PersonaJob(spark, config, lake, date, summary).fitNext();
    }

    private void score() {
        summary.startStage("personas");
        Dataset<Row> inputs = inputs().cache();
        try {
            PersonaModel model = PersonaModel.current(spark, lake).orElseGet(() -> {
                summary.warn("no persona model in the lake yet: trained the first one on " + date);
                return train(inputs, 1, Optional.empty());
            });
            if (!model.features().equals(settings.featureNames())) {
                throw new GanzhiException("the persona features in the configuration differ from those of model "
                        + model.versionName() + " " + model.features() + ". Fit a model for the new features with "
                        + "'ganzhi retrain --lake " + lake.root() + " --date " + date + "'.");
            }
            summary.put("persona_model", model.versionName());
            summary.put("persona_spec", settings.specVersion());
            Dataset<Row> profiles = profile(inputs, model).cache();
            try {
                write(Tables.SUBSCRIBER_PROFILE, profiles);
                write(Tables.SEGMENT_PROFILE, SegmentProfile.of(profiles, settings, model));
            } finally {
                profiles.unpersist();
            }
        } finally {
            inputs.unpersist();
        }
        summary.endStage("personas");
    }

    private void fitNext() {
        summary.startStage("retrain");
        Dataset<Row> inputs = inputs().cache();
        try {
            Optional<PersonaModel> previous = PersonaModel.current(spark, lake);
            int version = previous.map(m -> m.version() + 1).orElse(1);
            PersonaModel next = train(inputs, version, previous);
            summary.put("persona_model", next.versionName());
            if (previous.isPresent() && previous.get().features().equals(settings.featureNames())) {
                Dataset<Row> before = Personas.assign(previous.get().transform(inputs), settings)
                        .select(col("msisdn"), col("persona").as("before_persona"),
                                segmentLabel(previous.get()).as("before_segment"));
                Dataset<Row> after = Personas.assign(next.transform(inputs), settings)
                        .select(col("msisdn"), col("persona"), segmentLabel(next).as("segment"));
                Row agreement = before.join(after, "msisdn").agg(count(lit(1)),
                        avg(when(col("before_persona").equalTo(col("persona")), 1.0).otherwise(0.0)),
                        avg(when(col("before_segment").equalTo(col("segment")), 1.0).otherwise(0.0))).first();
                summary.root().putObject("retrain_agreement")
                        .put("previous_model", previous.get().versionName())
                        .put("subscribers", agreement.getLong(0))
                        .put("same_persona", Math.round(agreement.getDouble(1) * 10000) / 10000.0)
                        .put("same_segment", Math.round(agreement.getDouble(2) * 10000) / 10000.0);
            }
        } finally {
            inputs.unpersist();
        }
        summary.endStage("retrain");
    }

    private PersonaModel train(Dataset<Row> inputs, int version, Optional<PersonaModel> previous) {
        PersonaModel model = PersonaModel.fit(inputs, settings, version, date, previous);
        model.save(spark, lake);
        summary.root().putObject("trained").put("model", model.versionName())
                .put("rows", model.info().get("training_rows").asLong());
        LOG.info("Trained persona model {} on {} subscribers", model.versionName(), model.info().get("training_rows"));
        if (!model.info().get("features_without_data").isEmpty()) {
            summary.warn("persona model " + model.versionName() + " trained without data for " + model.info().get("features_without_data")
                    + ": read as 0 for everyone, so they separate no one (an optional feed absent or empty)");
        }
        return model;
    }

    /** The persona window as of D with the lifecycle inputs of the shorter window, prepared for the model. */
    private Dataset<Row> inputs() {
        Dataset<Row> windows = stageInputs.read(Tables.SUBSCRIBER_WINDOW).where(col("as_of_date").equalTo(lit(Date.valueOf(date))));
        Dataset<Row> persona = windows.where(col("window_days").equalTo(settings.windowDays()));
        Dataset<Row> recent = windows.where(col("window_days").equalTo(settings.resolvedWithinDays()))
                .select(col("msisdn"), col("complaints_resolved").as("recently_resolved_complaints"),
                        col("orders_completed").as("recently_completed_orders"));
        Dataset<Row> joined = stageInputs.requireRows(Tables.SUBSCRIBER_WINDOW, persona.join(recent, new String[]{"msisdn"}, "left"),
                settings.windowDays() + "-day rows as of " + date);
        return PersonaInputs.prepare(joined, settings);
    }

    private Dataset<Row> profile(Dataset<Row> inputs, PersonaModel model) {
        Dataset<Row> scored = model.transform(inputs).join(previousLabels(model), new String[]{"msisdn"}, "left");
        Dataset<Row> personas = SegmentStability.apply(Personas.assign(scored, settings), model, settings)
                .withColumn("segment", segmentLabel(model));
        Dataset<Row> staged = ValueTier.withArpu(Lifecycle.stage(personas, settings));
        double[] thresholds = ValueTier.thresholds(staged, settings);
        summary.root().putObject("value_tier").put("method", settings.tierMethod())
                .put("low_arpu", thresholds[0]).put("high_arpu", thresholds[1]);
        List<Column> out = new ArrayList<>(List.of(col("msisdn"), lit(Date.valueOf(date)).as("date"), col("persona"),
                col("persona_affinity")));
        settings.personas().forEach(p -> out.add(col(Personas.affinityColumn(p.code()))));
        out.addAll(List.of(col("why"), col("persona_kept"), col(PersonaModel.CLUSTER).as("segment_id"), col("segment"),
                col("segment_kept"),
                col("lifecycle_stage"), col("lifecycle_reason"), col("value_tier"), col("tier_arpu").as("arpu"),
                col("arpu_source"), col("tier_low_arpu"), col("tier_high_arpu"), col("tenure_days"), col("status"),
                col("region"), col("plan_id"), col("device_type"), col("age_band"), col("home_cell"),
                lit(model.versionName()).as("model_version"), lit(settings.specVersion()).as("persona_spec")));
        settings.featureNames().forEach(f -> {
            if (!List.of("status", "region", "plan_id", "device_type", "age_band", "home_cell", "tenure_days").contains(f)) {
                out.add(col(f).cast("double").as("feature_" + f));
            }
        });
        return ValueTier.assign(staged, thresholds).select(out.toArray(Column[]::new));
    }

    /** Labels of the latest earlier run with the same model (within a week), to keep border cases stable. */
    private Dataset<Row> previousLabels(PersonaModel model) {
        Dataset<Row> none = spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
                .add("msisdn", "string").add(Personas.PREVIOUS_PERSONA, "string").add(SegmentStability.PREVIOUS_SEGMENT, "int"));
        Optional<Dataset<Row>> profiles = stageInputs.optional(Tables.SUBSCRIBER_PROFILE);
        if (profiles.isEmpty()) {
            return none;
        }
        Dataset<Row> earlier = profiles.get()
                .where(col("date").lt(lit(Date.valueOf(date))).and(col("date").geq(lit(Date.valueOf(date.minusDays(7))))))
                .where(col("model_version").equalTo(model.versionName()));
        Row latest = earlier.agg(max("date")).first();
        if (latest.isNullAt(0)) {
            return none;
        }
        summary.put("labels_carried_from", latest.getDate(0).toString());
        return earlier.where(col("date").equalTo(lit(latest.getDate(0))))
                .select(col("msisdn"), col("persona").as(Personas.PREVIOUS_PERSONA),
                        col("segment_id").cast("int").as(SegmentStability.PREVIOUS_SEGMENT));
    }

    private static Column segmentLabel(PersonaModel model) {
        List<String> labels = model.labels();
        Column label = null;
        for (int k = 0; k < labels.size(); k++) {
            label = label == null ? when(col(PersonaModel.CLUSTER).equalTo(k), labels.get(k))
                    : label.when(col(PersonaModel.CLUSTER).equalTo(k), labels.get(k));
        }
        return label;
    }

    private void write(String table, Dataset<Row> rows) {
        DeltaTables.Commit commit = DeltaTables.replace(spark, rows, lake.table(table), "date = DATE'" + date + "'", List.of("date"));
        summary.table(table, commit.version());
        summary.rows(table, commit.rowsWritten());
    }
}
