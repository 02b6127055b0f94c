package org.ganzhi.features;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
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
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.*;

/**
 * The feature stage for run date D. Reads silver as delivered up to D (so a rerun of D gives the
 * same tables whatever arrived later), recomputes subscriber_daily and cell_daily for every event
 * date that delivery D touched (late rows included) and for days of the longest window that have
 * no daily rows yet, then writes the windows as of D.
 */
public final class FeaturesJob {
    private static final Logger LOG = LoggerFactory.getLogger(FeaturesJob.class);
    /** Event sources whose late rows change a day's features. */
    private static final List<String> EVENT_SOURCES = List.of("voice_cdr", "data_session", "service_interaction",
            "complaint", "survey");
    /** Bills of the last three months make the ARPU. */
    private static final int ARPU_DAYS = 92;

    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate date;
    private final FeatureSettings settings;
    private final GanzhiConfig config;
    private final RunSummary summary;
    private final StageInputs inputs;
    /** Optional feeds found missing, warned about once each. */
    private final java.util.Set<String> saidAbsent = new java.util.HashSet<>();

    private FeaturesJob(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        this.spark = spark;
        this.lake = lake;
        this.date = date;
        this.settings = FeatureSettings.from(config);
        this.config = config;
        this.summary = summary;
        this.inputs = new StageInputs(spark, lake, "features", date);
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        new FeaturesJob(spark, config, lake, date, summary).run();
    }

    private void run() {
        summary.startStage("features");
        inputs.require(Tables.silver("voice_cdr"), Tables.silver("data_session"), Tables.silver("subscriber"));
        List<LocalDate> days = daysToCompute();
        summary.root().putArray("feature_days").addAll(days.stream()
                .map(d -> summary.root().textNode(d.toString())).toList());
        LOG.info("Features for {}: daily rows of {}", date, days);

        Dataset<Row> daily = subscriberDaily(days);
        write(Tables.SUBSCRIBER_DAILY, daily, "date", days);
        write(Tables.CELL_DAILY, cellDaily(days, inputs.read(Tables.SUBSCRIBER_DAILY)), "date", days);

        Dataset<Row> windows = SubscriberWindow.build(
                SubscriberWindow.usage(inputs.read(Tables.SUBSCRIBER_DAILY), date, settings),
                SubscriberWindow.attributes(silver("subscriber", settings.longestWindow()),
                        silver("plan", settings.longestWindow()), bills(ARPU_DAYS), date, ARPU_DAYS));
        write(Tables.SUBSCRIBER_WINDOW, windows, "as_of_date", List.of(date));
        countUnknownReferences();
        summary.endStage("features");
    }

    /** Delivery D's event dates (late rows) and the window's days not computed yet, oldest first. */
    private List<LocalDate> daysToCompute() {
        TreeSet<LocalDate> days = new TreeSet<>();
        days.add(date);
        Date earliest = Date.valueOf(date.minusDays(settings.recomputeDays()));
        // One query over every event source: a query per source costs about a second even on a tiny lake.
        EVENT_SOURCES.stream().map(source -> inputs.optional(Tables.silver(source))).flatMap(java.util.Optional::stream)
                .map(events -> events
                        .where(col("event_date").geq(lit(earliest)).and(col("event_date").leq(lit(Date.valueOf(date))))
                                .and(col("delivery_date").equalTo(lit(Date.valueOf(date)))))
                        .select("event_date"))
                .reduce(Dataset::union)
                .ifPresent(dates -> dates.distinct().collectAsList().forEach(r -> days.add(r.getDate(0).toLocalDate())));
        LocalDate windowStart = date.minusDays(settings.longestWindow() - 1L);
        TreeSet<LocalDate> known = new TreeSet<>();
        inputs.read(Tables.silver("subscriber"))
                .where(col("snapshot_date").between(Date.valueOf(windowStart), Date.valueOf(date)))
                .select("snapshot_date").distinct().collectAsList().forEach(r -> known.add(r.getDate(0).toLocalDate()));
        inputs.optional(Tables.SUBSCRIBER_DAILY).ifPresent(daily -> daily
                .where(col("date").between(Date.valueOf(windowStart), Date.valueOf(date)))
                .select("date").distinct().collectAsList().forEach(r -> known.remove(r.getDate(0).toLocalDate())));
        days.addAll(known.headSet(date, true));
        return List.copyOf(days);
    }

    private Dataset<Row> subscriberDaily(List<LocalDate> days) {
        Dataset<Row> calls = events("voice_cdr", days);
        Dataset<Row> sessions = events("data_session", days);
        List<Dataset<Row>> parts = new ArrayList<>(List.of(
                SubscriberDaily.known(snapshots("subscriber", days)),
                SubscriberDaily.voice(calls, settings),
                SubscriberDaily.data(sessions, settings),
                SubscriberDaily.mobility(calls, sessions)));
        optional("service_interaction").ifPresent(x -> parts.add(SubscriberDaily.service(events("service_interaction", days), settings)));
        optional("survey").ifPresent(x -> parts.add(SubscriberDaily.surveys(events("survey", days))));
        LocalDate first = days.get(0);
        optional("complaint").ifPresent(x -> parts.add(SubscriberDaily.complaints(
                between("complaint", first.minusDays(settings.complaintLookbackDays()), date), days, settings)));
        optional("service_order").ifPresent(x -> parts.add(SubscriberDaily.orders(
                latestOrders(first.minusDays(settings.orderLookbackDays())), days, settings)));
        optional("billing").ifPresent(x -> parts.add(SubscriberDaily.latestBill(
                between("billing", first.minusDays(settings.latestLookbackDays()), date), days, settings)));
        return SubscriberDaily.combine(parts);
    }

    private Dataset<Row> cellDaily(List<LocalDate> days, Dataset<Row> daily) {
        Dataset<Row> traffic = CellDaily.traffic(events("voice_cdr", days), events("data_session", days), settings);
        Dataset<Row> outages = optional("cell_outage").isPresent()
                ? CellDaily.outages(latestOutages(days.get(0).minusDays(settings.recomputeDays())), days, settings)
                : CellDaily.noOutages(spark);
        Dataset<Row> complaints = optional("complaint").isPresent()
                ? CellDaily.complaints(between("complaint", days.get(0), date), daily, days, settings)
                : CellDaily.noComplaints(spark);
        Dataset<Row> cells = CellDaily.combine(latestSnapshots("cell", "cell_id", days), traffic, outages, complaints);
        // Without any cell snapshot there is nothing to check a cell against: unknown, not false.
        return optional("cell").isPresent() ? cells : cells.withColumn("known_cell", lit(null).cast("boolean"));
    }

    /**
     * The referential checks, counted: numbers with events in the window that no subscriber
     * snapshot lists, and cells with traffic on D that no cell snapshot lists. Gold leaves both out
     * (ganzhi.publish.include-unknown-*), so the summary says how many and a warning names it.
     */
    private void countUnknownReferences() {
        long subscribers = inputs.read(Tables.SUBSCRIBER_WINDOW).where(col("as_of_date").equalTo(lit(Date.valueOf(date)))
                .and(col("window_days").equalTo(settings.longestWindow())).and(not(col("known_subscriber")))).count();
        long cells = inputs.read(Tables.CELL_DAILY).where(col("date").equalTo(lit(Date.valueOf(date)))
                .and(col("known_cell").equalTo(false))).count();
        summary.root().put("unknown_subscribers", subscribers);
        summary.root().put("unknown_cells", cells);
        if (subscribers > 0) {
            summary.warn(subscribers + " subscriber(s) with events in the " + settings.longestWindow() + " days to " + date
                    + " are in no subscriber snapshot (features.subscriber_window.known_subscriber = false); gold leaves them out");
        }
        if (cells > 0) {
            summary.warn(cells + " cell(s) with traffic on " + date + " are in no cell snapshot "
                    + "(features.cell_daily.known_cell = false); gold leaves them out");
        }
    }

    // ---- reading silver as delivered up to D ----------------------------------------------------

    private Dataset<Row> silverAsDelivered(String source) {
        Dataset<Row> rows = inputs.optional(Tables.silver(source)).orElseGet(() -> neverArrived(source));
        return rows.where(col("delivery_date").leq(lit(Date.valueOf(date))));
    }

    /**
     * An optional feed that never arrived (cells, plans, bills) is no rows, not a failed stage:
     * the features that need it stay null (unknown), which later stages treat as no evidence.
     */
    private Dataset<Row> neverArrived(String source) {
        sayAbsent(source);
        if (!config.sources().containsKey(source)) {
            throw new GanzhiException("features read " + Tables.silver(source) + ", but this configuration has no source '"
                    + source + "'. Keep it configured (required = false) even if the feed does not arrive.");
        }
        return spark.createDataFrame(List.of(), config.source(source).silverSchema());
    }

    private Dataset<Row> events(String source, List<LocalDate> days) {
        return silverAsDelivered(source).where(col("event_date").isin(days.stream().map(Date::valueOf).toArray()));
    }

    /** Event rows of the days from {@code from} to the run date. */
    private Dataset<Row> between(String source, LocalDate from, LocalDate to) {
        return silverAsDelivered(source).where(col("event_date").between(Date.valueOf(from), Date.valueOf(to)));
    }

    private Dataset<Row> silver(String source, int lookbackDays) {
        return silverAsDelivered(source).where(col("snapshot_date")
                .between(Date.valueOf(date.minusDays(lookbackDays)), Date.valueOf(date)));
    }

    private Dataset<Row> snapshots(String source, List<LocalDate> days) {
        return silverAsDelivered(source).where(col("snapshot_date").isin(days.stream().map(Date::valueOf).toArray()));
    }

    /** Each record's copy from its latest delivery: a later delivery may complete or correct it. */
    private Dataset<Row> latestOrders(LocalDate from) {
        return between("service_order", from, date)
                .groupBy("order_id").agg(max(struct(col("delivery_date"), col("msisdn"), col("created_at"),
                        col("promised_at"), col("completed_at"))).as("o")).select("o.*");
    }

    private Dataset<Row> latestOutages(LocalDate from) {
        return between("cell_outage", from, date)
                .groupBy("cell_id", "start_time").agg(max(struct(col("delivery_date"), col("end_time"))).as("o"))
                .select(col("cell_id"), col("start_time"), col("o.end_time").as("end_time"));
    }

    private Dataset<Row> bills(int lookbackDays) {
        return between("billing", date.minusDays(lookbackDays), date);
    }

    /** For each day, each key's row of the latest snapshot on or before it (within recompute-days), dated the day. */
    private Dataset<Row> latestSnapshots(String source, String key, List<LocalDate> days) {
        Dataset<Row> rows = silverAsDelivered(source).where(col("snapshot_date")
                .between(Date.valueOf(days.get(0).minusDays(settings.recomputeDays())), Date.valueOf(date)));
        Dataset<Row> perDay = rows.crossJoin(broadcast(SubscriberDaily.dayTable(rows, days)))
                .where(col("snapshot_date").leq(col("date")));
        return perDay.withColumn("latest", max("snapshot_date").over(Window.partitionBy(col(key), col("date"))))
                .where(col("snapshot_date").equalTo(col("latest"))).drop("latest", "snapshot_date")
                .withColumnRenamed("date", "snapshot_date");
    }

    /** The source if its silver table exists; else empty, and the summary says once that features go without it. */
    private java.util.Optional<String> optional(String source) {
        if (DeltaTables.exists(spark, lake.table(Tables.silver(source)))) {
            return java.util.Optional.of(source);
        }
        sayAbsent(source);
        return java.util.Optional.empty();
    }

    private void sayAbsent(String source) {
        if (saidAbsent.add(source)) {
            summary.warn("no " + Tables.silver(source) + " in the lake: features without it (the optional feed never arrived)");
        }
    }

    private void write(String name, Dataset<Row> rows, String partition, List<LocalDate> days) {
        String predicate = partition + " IN (" + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
        RunSummary.Clock clock = RunSummary.Clock.start();
        DeltaTables.Commit commit = DeltaTables.replace(spark, rows, lake.table(name), predicate, List.of(partition));
        summary.tableTime(name, clock);
        summary.table(name, commit.version());
        summary.rows(name, commit.rowsWritten());
    }
}
