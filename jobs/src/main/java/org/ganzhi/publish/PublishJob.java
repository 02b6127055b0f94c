package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.calibrate.CalibrateSettings;
import org.ganzhi.calibrate.Outcomes;
import org.ganzhi.calibrate.RiskInputs;
import org.ganzhi.calibrate.RiskModel;
import org.ganzhi.calibrate.RiskScore;
import org.ganzhi.catalog.DeltaTables;
import org.ganzhi.catalog.StageInputs;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.features.FeatureSettings;
import org.ganzhi.perception.PerceptionSettings;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The publish stage for date D: every gold reporting table from perception, features and silver,
 * each written as the partition date = D (replaced whole, so a rerun of D gives the same tables).
 * Needs perception of D; a source without a silver table leaves its gold table unwritten, with a
 * warning in the run summary.
 */
public final class PublishJob {
    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate date;
    private final PublishSettings settings;
    private final FeatureSettings features;
    private final FeedbackInsight.Settings insight;
    private final ProductPerception.Settings productPerception;
    private final PerceptionSettings perception;
    private final CalibrateSettings calibrate;
    private final RunSummary summary;
    private final StageInputs inputs;

    private PublishJob(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        this.spark = spark;
        this.lake = lake;
        this.date = date;
        this.settings = PublishSettings.from(config);
        this.insight = FeedbackInsight.Settings.from(config);
        this.productPerception = ProductPerception.Settings.from(config);
        this.features = FeatureSettings.from(config);
        this.perception = PerceptionSettings.from(config);
        this.calibrate = CalibrateSettings.from(config);
        this.summary = summary;
        this.inputs = new StageInputs(spark, lake, "publish", date);
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        new PublishJob(spark, config, lake, date, summary).publish();
    }

    private void publish() {
        summary.startStage("publish");
        Dataset<Row> scores = scores().cache();
        Date day = Date.valueOf(date);
        LocalDate windowStart = settings.windowStart(date);
        write(Tables.SUBSCRIBER_PERCEPTION, SubscriberPerception.compute(scores, risk(scores)));
        write(Tables.SEGMENT_SUMMARY, SegmentSummary.compute(scores, settings));
        write(Tables.REGION_SCORECARD, RegionScorecard.compute(scores, date, settings));
        silver("cell").ifPresent(cells -> write(Tables.CELL_EXPERIENCE,
                CellExperience.compute(inputs.read(Tables.CELL_DAILY), scores, cells, date, settings)));
        Optional<Dataset<Row>> subscribers = silver("subscriber").map(s -> s.where(col("snapshot_date").leq(lit(day))));
        // A window's ticket may repeat one resolved up to repeat-days before the window starts.
        Date ticketsFrom = Date.valueOf(windowStart.minusDays(settings.repeatDays()));
        inputs.optional(Tables.COMPLAINT_TICKET).ifPresent(tickets -> write(Tables.COMPLAINT_INSIGHT, ComplaintInsight.compute(
                tickets.where(col("opened_at").geq(lit(ticketsFrom)).or(col("closed_at").geq(lit(ticketsFrom)))),
                subscribers.orElseThrow(), date, settings)));
        silver("service_interaction").map(i -> i.where(col("event_date").between(Date.valueOf(windowStart), day)))
                .ifPresent(interactions -> {
                    write(Tables.SERVICE_DEMAND_RANKING, ServiceDemandRanking.compute(interactions, date, settings));
                    write(Tables.CHANNEL_EXPERIENCE,
                            ChannelExperience.compute(interactions, subscribers.orElseThrow(), date, settings));
                });
        // An order is judged by its promise: created up to order-lookback-days before the window.
        Date ordersFrom = Date.valueOf(windowStart.minusDays(features.orderLookbackDays()));
        silver("service_order").ifPresent(orders -> write(Tables.COMMITMENT_COMPLIANCE,
                CommitmentCompliance.compute(orders.where(col("event_date").geq(lit(ordersFrom))), date, settings)));
        // Cached: gold.product_perception reads the funnel again, and it aggregates a month of events.
        Optional<Dataset<Row>> funnel = silver("product_event").map(events ->
                AdoptionFunnel.compute(events.where(col("event_date").between(Date.valueOf(windowStart), day)), date, settings).cache());
        funnel.ifPresent(rows -> write(Tables.ADOPTION_FUNNEL, rows));
        Optional<Dataset<Row>> texts = inputs.optional(Tables.FEEDBACK_TEXT);
        if (texts.isEmpty()) {
            summary.warn("no " + Tables.FEEDBACK_TEXT + ": " + Tables.FEEDBACK_INSIGHT + " is not published");
        }
        texts.ifPresent(t -> write(Tables.FEEDBACK_INSIGHT, FeedbackInsight.compute(
                t.where(col("event_date").between(Date.valueOf(insight.readFrom(windowStart)), day)), date, settings, insight)));
        silver("product_validation").ifPresent(evaluations -> write(Tables.PRODUCT_PERCEPTION, ProductPerception.compute(spark,
                evaluations.where(col("event_date").between(Date.valueOf(productPerception.validationStart(date)), day)),
                texts.map(t -> t.where(col("event_date").between(Date.valueOf(windowStart), day))), funnel, date, settings,
                productPerception)));
        funnel.ifPresent(Dataset::unpersist);
        scores.unpersist();
        summary.endStage("publish");
    }

    /** The scores of D, of known subscribers only unless include-unknown-subscribers. */
    private Dataset<Row> scores() {
        Dataset<Row> scores = inputs.requireRows(Tables.SUBSCRIBER_SCORE,
                inputs.read(Tables.SUBSCRIBER_SCORE).where(col("date").equalTo(lit(Date.valueOf(date)))));
        Optional<Dataset<Row>> unknown = inputs.optional(Tables.SUBSCRIBER_WINDOW).map(w -> w.where(col("as_of_date")
                .equalTo(lit(Date.valueOf(date))).and(col("known_subscriber").equalTo(false))).select("msisdn"));
        return settings.includeUnknownSubscribers() || unknown.isEmpty() ? scores
                : scores.join(unknown.get(), new String[]{"msisdn"}, "left_anti");
    }


    /**
     * The nightly complaint and churn risk of each subscriber of D, with reasons, from the newest
     * model of each outcome that 'calibrate' saved; null until one is trained. One row per msisdn.
     */
    private Dataset<Row> risk(Dataset<Row> scores) {
        Optional<Dataset<Row>> window = inputs.optional(Tables.SUBSCRIBER_WINDOW)
                .map(w -> w.where(col("as_of_date").equalTo(lit(Date.valueOf(date)))));
        Dataset<Row> riskInputs = RiskInputs.of(scores, window, perception.drivers(), calibrate.risk()).rows();
        String spec = scores.select("perception_spec").first().getString(0);
        Dataset<Row> risk = scores.select("msisdn");
        for (String outcome : Outcomes.PUBLISHED) {
            Optional<RiskModel> model = RiskScore.latestModel(spark, lake, outcome);
            Dataset<Row> one;
            if (model.isEmpty()) {
                summary.warn("no " + outcome + " risk model yet (run 'ganzhi calibrate'): " + RiskScore.risk(outcome) + " is null");
                one = RiskScore.withoutModel(scores, outcome);
            } else {
                if (!model.get().perceptionSpec().equals(spec)) {
                    summary.warn("risk model " + model.get().versionName() + " was fitted on perception spec "
                            + model.get().perceptionSpec() + ", the scores are " + spec + ": rerun 'ganzhi calibrate'");
                }
                summary.put(outcome + "_model", model.get().versionName());
                one = RiskScore.apply(riskInputs, model.get(), calibrate.risk());
            }
            risk = risk.join(one, "msisdn");
        }
        return risk;
    }

    /** Replaces partition date = D of a gold table; the date column is added where a table has none. */
    private void write(String table, Dataset<Row> rows) {
        Dataset<Row> dated = Arrays.asList(rows.columns()).contains("date") ? rows
                : rows.withColumn("date", lit(Date.valueOf(date)));
        DeltaTables.Commit commit = DeltaTables.replace(spark, dated, lake.table(table), "date = DATE'" + date + "'",
                List.of("date"));
        summary.table(table, commit.version());
        summary.rows(table, commit.rowsWritten());
    }

    private Optional<Dataset<Row>> silver(String source) {
        Optional<Dataset<Row>> rows = inputs.optional(Tables.silver(source));
        if (rows.isEmpty()) {
            summary.warn("no " + Tables.silver(source) + ": the gold tables built on it are not published");
        }
        return rows;
    }
}
