package org.ganzhi.features;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.DeltaTables;
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
    private final RunSummary summary;

    private FeaturesJob(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        this.spark = spark;
        this.lake = lake;
        this.date = date;
        this.settings = FeatureSettings.from(config);
        this.summary = summary;
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        new FeaturesJob(spark, config, lake, date, summary).run();
    }

    private void run() {
        summary.startStage("features");
        requireSilver("voice_cdr", "data_session", "subscriber");
        List<LocalDate> days = daysToCompute();
        summary.root().putArray("feature_days").addAll(days.stream()
                .map(d -> summary.root().textNode(d.toString())).toList());
        LOG.info("Features for {}: daily rows of {}", date, days);

        Dataset<Row> daily = subscriberDaily(days);
        write(Tables.SUBSCRIBER_DAILY, daily, "date", days);
        write(Tables.CELL_DAILY, cellDaily(days, table(Tables.SUBSCRIBER_DAILY)), "date", days);

        Dataset<Row> windows = SubscriberWindow.build(
                SubscriberWindow.usage(table(Tables.SUBSCRIBER_DAILY), date, settings),
                SubscriberWindow.attributes(silver("subscriber", settings.longestWindow()),
                        silver("plan", settings.longestWindow()), bills(ARPU_DAYS), date, ARPU_DAYS));
        write(Tables.SUBSCRIBER_WINDOW, windows, "as_of_date", List.of(date));
        summary.endStage("features");
    }

    /** Delivery D's event dates (late rows) and the window's days not computed yet, oldest first. */
    private List<LocalDate> daysToCompute() {
        TreeSet<LocalDate> days = new TreeSet<>();
        days.add(date);
        Date earliest = Date.valueOf(date.minusDays(settings.recomputeDays()));
        for (String source : EVENT_SOURCES) {
            String path = lake.table(Tables.silver(source));
            if (DeltaTables.exists(spark, path)) {
                spark.read().format("delta").load(path)
                        .where(col("event_date").geq(lit(earliest)).and(col("event_date").leq(lit(Date.valueOf(date))))
                                .and(col("delivery_date").equalTo(lit(Date.valueOf(date)))))
                        .select("event_date").distinct().collectAsList()
                        .forEach(r -> days.add(r.getDate(0).toLocalDate()));
            }
        }
        LocalDate windowStart = date.minusDays(settings.longestWindow() - 1L);
        TreeSet<LocalDate> known = new TreeSet<>();
        spark.read().format("delta").load(lake.table(Tables.silver("subscriber")))
                .where(col("snapshot_date").between(Date.valueOf(windowStart), Date.valueOf(date)))
                .select("snapshot_date").distinct().collectAsList().forEach(r -> known.add(r.getDate(0).toLocalDate()));
        if (DeltaTables.exists(spark, lake.table(Tables.SUBSCRIBER_DAILY))) {
            table(Tables.SUBSCRIBER_DAILY).where(col("date").between(Date.valueOf(windowStart), Date.valueOf(date)))
                    .select("date").distinct().collectAsList().forEach(r -> known.remove(r.getDate(0).toLocalDate()));
        }
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
        optional("service_interaction").ifPresent(x -> parts.add(SubscriberDaily.service(events("service_interaction", days))));
        optional("survey").ifPresent(x -> parts.add(SubscriberDaily.surveys(events("survey", days))));
        for (LocalDate day : days) {
            optional("complaint").ifPresent(x -> parts.add(SubscriberDaily.complaints(
                    history("complaint", day, settings.complaintLookbackDays()), day, settings)));
            optional("service_order").ifPresent(x -> parts.add(SubscriberDaily.orders(
                    latestOrders(day), day, settings)));
            optional("billing").ifPresent(x -> parts.add(SubscriberDaily.latestBill(bills(settings.latestLookbackDays()), day)));
        }
        return SubscriberDaily.combine(parts);
    }

    private Dataset<Row> cellDaily(List<LocalDate> days, Dataset<Row> daily) {
        Dataset<Row> traffic = CellDaily.traffic(events("voice_cdr", days), events("data_session", days), settings);
        List<Dataset<Row>> cells = new ArrayList<>();
        List<Dataset<Row>> outages = new ArrayList<>();
        List<Dataset<Row>> complaints = new ArrayList<>();
        for (LocalDate day : days) {
            cells.add(latestSnapshot("cell", "cell_id", day));
            optional("cell_outage").ifPresent(x -> outages.add(CellDaily.outages(latestOutages(day), day, settings)));
            optional("complaint").ifPresent(x -> complaints.add(CellDaily.complaints(
                    history("complaint", day, 0), daily, day, settings)));
        }
        return CellDaily.combine(union(cells), traffic,
                outages.isEmpty() ? CellDaily.noOutages(spark) : union(outages),
                complaints.isEmpty() ? CellDaily.noComplaints(spark) : union(complaints));
    }

    // ---- reading silver as delivered up to D ----------------------------------------------------

    private Dataset<Row> silverAsDelivered(String source) {
        return table(Tables.silver(source)).where(col("delivery_date").leq(lit(Date.valueOf(date))));
    }

    private Dataset<Row> events(String source, List<LocalDate> days) {
        return silverAsDelivered(source).where(col("event_date").isin(days.stream().map(Date::valueOf).toArray()));
    }

    /** Rows of the {@code lookbackDays} before {@code day} and the day itself. */
    private Dataset<Row> history(String source, LocalDate day, int lookbackDays) {
        return silverAsDelivered(source).where(col("event_date")
                .between(Date.valueOf(day.minusDays(lookbackDays)), Date.valueOf(day)));
    }

    private Dataset<Row> silver(String source, int lookbackDays) {
        return silverAsDelivered(source).where(col("snapshot_date")
                .between(Date.valueOf(date.minusDays(lookbackDays)), Date.valueOf(date)));
    }

    private Dataset<Row> snapshots(String source, List<LocalDate> days) {
        return silverAsDelivered(source).where(col("snapshot_date").isin(days.stream().map(Date::valueOf).toArray()));
    }

    /** Each record's copy from its latest delivery: a later delivery may complete or correct it. */
    private Dataset<Row> latestOrders(LocalDate day) {
        Dataset<Row> orders = history("service_order", day, settings.orderLookbackDays());
        return orders.groupBy("order_id").agg(max(struct(col("delivery_date"), col("msisdn"), col("created_at"),
                col("promised_at"), col("completed_at"))).as("o")).select("o.*");
    }

    private Dataset<Row> latestOutages(LocalDate day) {
        return history("cell_outage", day, settings.recomputeDays())
                .groupBy("cell_id", "start_time").agg(max(struct(col("delivery_date"), col("end_time"))).as("o"))
                .select(col("cell_id"), col("start_time"), col("o.end_time").as("end_time"));
    }

    private Dataset<Row> bills(int lookbackDays) {
        return silverAsDelivered("billing").where(col("event_date")
                .between(Date.valueOf(date.minusDays(lookbackDays)), Date.valueOf(date)));
    }

    /** The latest snapshot row per key on or before the day, dated the day. */
    private Dataset<Row> latestSnapshot(String source, String key, LocalDate day) {
        Dataset<Row> rows = silverAsDelivered(source).where(col("snapshot_date")
                .between(Date.valueOf(day.minusDays(settings.recomputeDays())), Date.valueOf(day)));
        return rows.withColumn("rank", max("snapshot_date").over(org.apache.spark.sql.expressions.Window.partitionBy(key)))
                .where(col("snapshot_date").equalTo(col("rank"))).drop("rank")
                .withColumn("snapshot_date", lit(Date.valueOf(day)));
    }

    private java.util.Optional<String> optional(String source) {
        return DeltaTables.exists(spark, lake.table(Tables.silver(source))) ? java.util.Optional.of(source) : java.util.Optional.empty();
    }

    private void requireSilver(String... sources) {
        for (String source : sources) {
            if (!DeltaTables.exists(spark, lake.table(Tables.silver(source)))) {
                throw new GanzhiException("features need " + Tables.silver(source) + ", which does not exist in " + lake.root()
                        + ". Run 'ganzhi ingest --lake " + lake.root() + " --date " + date + "' first.");
            }
        }
    }

    private Dataset<Row> table(String name) {
        return spark.read().format("delta").load(lake.table(name));
    }

    private static Dataset<Row> union(List<Dataset<Row>> parts) {
        return parts.stream().reduce(Dataset::unionByName).orElseThrow();
    }

    private void write(String name, Dataset<Row> rows, String partition, List<LocalDate> days) {
        String predicate = partition + " IN (" + days.stream().map(d -> "DATE'" + d + "'").collect(Collectors.joining(", ")) + ")";
        DeltaTables.Commit commit = DeltaTables.replace(spark, rows, lake.table(name), predicate, List.of(partition));
        summary.table(name, commit.version());
        summary.rows(name, commit.rowsWritten());
        LOG.info("{}: {} rows for {}", name, commit.rowsWritten(), predicate);
    }
}
