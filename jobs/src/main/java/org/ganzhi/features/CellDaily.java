package org.ganzhi.features;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * features.cell_daily: per cell and operator-local day, the network KPIs with the counts they are
 * rates of, outage minutes, the subscribers served, and the complaints that point at the cell —
 * either naming it or coming from subscribers whose home cell it is that day.
 */
public final class CellDaily {
    private static final long MINUTES_PER_DAY = 24 * 60;

    private CellDaily() {
    }

    /** Voice and data KPIs per (cell_id, date) from silver event rows. */
    public static Dataset<Row> traffic(Dataset<Row> calls, Dataset<Row> sessions, FeatureSettings s) {
        Column connected = col("end_cause").isin("NORMAL", "DROPPED");
        Dataset<Row> voice = calls.groupBy(col("cell_id"), col("event_date").as("date"), col("msisdn")).agg(
                count(lit(1)).as("call_attempts"),
                count(when(connected, 1)).as("calls_connected"),
                count(when(col("end_cause").equalTo("DROPPED"), 1)).as("calls_dropped"),
                count(when(col("end_cause").equalTo("SETUP_FAILED"), 1)).as("calls_setup_failed"),
                sum(col("mos")).as("mos_sum"),
                count(col("mos")).as("mos_samples"));
        Column ok = coalesce(col("failed"), lit(false)).equalTo(false);
        Dataset<Row> data = sessions.groupBy(col("cell_id"), col("event_date").as("date"), col("msisdn")).agg(
                count(lit(1)).as("sessions"),
                count(when(not(ok), 1)).as("sessions_failed"),
                sum(when(ok, col("throughput_kbps"))).as("throughput_kbps_sum"),
                count(when(ok, col("throughput_kbps"))).as("throughput_samples"),
                count(when(ok.and(col("throughput_kbps").lt(s.lowThroughputKbps())), 1)).as("low_throughput_sessions"),
                sum(when(ok, col("rtt_ms"))).as("rtt_ms_sum"),
                count(when(ok, col("rtt_ms"))).as("rtt_samples"));
        // Per (cell, day, subscriber) first: the distinct subscribers are then a plain count.
        Dataset<Row> perSubscriber = voice.unionByName(data, true)
                .groupBy("cell_id", "date", "msisdn").agg(
                        sum("call_attempts").as("call_attempts"), sum("calls_connected").as("calls_connected"),
                        sum("calls_dropped").as("calls_dropped"), sum("calls_setup_failed").as("calls_setup_failed"),
                        sum("mos_sum").as("mos_sum"), sum("mos_samples").as("mos_samples"),
                        sum("sessions").as("sessions"), sum("sessions_failed").as("sessions_failed"),
                        sum("throughput_kbps_sum").as("throughput_kbps_sum"), sum("throughput_samples").as("throughput_samples"),
                        sum("low_throughput_sessions").as("low_throughput_sessions"),
                        sum("rtt_ms_sum").as("rtt_ms_sum"), sum("rtt_samples").as("rtt_samples"));
        List<String> counts = List.of("call_attempts", "calls_connected", "calls_dropped", "calls_setup_failed", "mos_samples",
                "sessions", "sessions_failed", "throughput_samples", "low_throughput_sessions", "rtt_samples");
        Column[] aggs = new Column[counts.size() + 3];
        for (int i = 0; i < counts.size(); i++) {
            aggs[i] = coalesce(sum(counts.get(i)), lit(0L)).as(counts.get(i));
        }
        aggs[counts.size()] = sum("mos_sum").as("mos_sum");
        aggs[counts.size() + 1] = sum("throughput_kbps_sum").as("throughput_kbps_sum");
        aggs[counts.size() + 2] = sum("rtt_ms_sum").as("rtt_ms_sum");
        return perSubscriber.groupBy("cell_id", "date")
                .agg(count(lit(1)).as("subscribers"), aggs);
    }

    /**
     * Minutes of each day each cell was out of service, from outage windows (an outage still open
     * has no end: it counts to the end of the day). Overlapping alarms of one cell are merged first,
     * so no cell is out for more than the day.
     */
    public static Dataset<Row> outages(Dataset<Row> outages, List<LocalDate> days, FeatureSettings s) {
        Column dayStart = to_utc_timestamp(col("date").cast("timestamp"), s.timezone());
        Column dayEnd = to_utc_timestamp(date_add(col("date"), 1).cast("timestamp"), s.timezone());
        Dataset<Row> clipped = outages.crossJoin(broadcast(SubscriberDaily.dayTable(outages, days)))
                .select(col("cell_id"), col("date"), greatest(col("start_time"), dayStart).as("from"),
                        least(coalesce(col("end_time"), dayEnd), dayEnd).as("to"))
                .where(col("to").gt(col("from")));
        // Merge overlaps: in start order, a window starts a new group when it begins after all before it ended.
        WindowSpec byCell = Window.partitionBy("cell_id", "date").orderBy("from", "to");
        Dataset<Row> merged = clipped
                .withColumn("reach", max("to").over(byCell.rowsBetween(Long.MIN_VALUE, -1)))
                .withColumn("starts", when(col("reach").isNull().or(col("from").gt(col("reach"))), 1).otherwise(0))
                .withColumn("group", sum("starts").over(byCell.rowsBetween(Long.MIN_VALUE, 0)))
                .groupBy("cell_id", "date", "group").agg(min("from").as("from"), max("to").as("to"));
        return merged.groupBy("cell_id", "date").agg(
                count(lit(1)).as("outages"),
                least(lit(MINUTES_PER_DAY), round(sum(col("to").cast("long").minus(col("from").cast("long"))).divide(60.0), 1))
                        .as("outage_minutes"));
    }

    /**
     * Complaints opened on each day that point at a cell: tickets naming it, and network tickets of
     * the subscribers whose home cell it is that day (subscriber_daily.home_cell).
     */
    public static Dataset<Row> complaints(Dataset<Row> tickets, Dataset<Row> daily, List<LocalDate> days, FeatureSettings s) {
        Object[] dates = days.stream().map(Date::valueOf).toArray();
        Column openedOn = to_date(from_utc_timestamp(col("opened_at"), s.timezone()));
        Dataset<Row> opened = tickets.where(openedOn.isin(dates))
                .groupBy("ticket_id").agg(first("msisdn").as("msisdn"), first(openedOn).as("date"),
                        max("cell_id").as("cell_id"), max("category").as("category"));
        Dataset<Row> naming = opened.where(col("cell_id").isNotNull())
                .groupBy("cell_id", "date").agg(count(lit(1)).as("complaints_naming_cell"));
        Dataset<Row> homes = daily.where(col("date").isin(dates).and(col("home_cell").isNotNull()))
                .select(col("msisdn"), col("date"), col("home_cell"));
        Dataset<Row> fromHome = opened.where(col("category").isin(s.networkComplaintCategories().toArray()))
                .join(homes, new String[]{"msisdn", "date"})
                .groupBy(col("home_cell").as("cell_id"), col("date"))
                .agg(count(lit(1)).as("network_complaints_home_subscribers"));
        Dataset<Row> homeSubscribers = homes.groupBy(col("home_cell").as("cell_id"), col("date"))
                .agg(count(lit(1)).as("home_subscribers"));
        return naming.join(fromHome, new String[]{"cell_id", "date"}, "full")
                .join(homeSubscribers, new String[]{"cell_id", "date"}, "full");
    }

    /** Outages of a lake without an outage feed: none. */
    public static Dataset<Row> noOutages(SparkSession spark) {
        return spark.createDataFrame(List.of(), new StructType().add("cell_id", "string").add("outages", "long")
                .add("outage_minutes", "double").add("date", "date"));
    }

    /** Complaints of a lake without a complaint feed: none. */
    public static Dataset<Row> noComplaints(SparkSession spark) {
        return spark.createDataFrame(List.of(), new StructType().add("cell_id", "string")
                .add("complaints_naming_cell", "long").add("network_complaints_home_subscribers", "long")
                .add("home_subscribers", "long").add("date", "date"));
    }

    /**
     * One row per cell of the day's cell snapshot (cells without traffic included) and per cell
     * with traffic (known_cell false when no snapshot lists it), with rates next to counts.
     */
    public static Dataset<Row> combine(Dataset<Row> cells, Dataset<Row> traffic, Dataset<Row> outages, Dataset<Row> complaints) {
        Dataset<Row> all = cells.select(col("cell_id"), col("snapshot_date").as("date"), col("site_id"), col("region"),
                        col("lat"), col("lon"), col("rat"), col("band"), lit(true).as("known_cell"))
                .join(traffic, new String[]{"cell_id", "date"}, "full")
                // A cell with traffic that no snapshot lists: flagged, and left out of gold.
                .withColumn("known_cell", coalesce(col("known_cell"), lit(false)))
                .join(outages, new String[]{"cell_id", "date"}, "left")
                .join(complaints, new String[]{"cell_id", "date"}, "left");
        for (String c : List.of("subscribers", "call_attempts", "calls_connected", "calls_dropped", "calls_setup_failed",
                "mos_samples", "sessions", "sessions_failed", "throughput_samples", "low_throughput_sessions", "rtt_samples",
                "outages", "complaints_naming_cell", "network_complaints_home_subscribers", "home_subscribers")) {
            all = all.withColumn(c, coalesce(col(c), lit(0L)).cast("long"));
        }
        return all.withColumn("outage_minutes", coalesce(col("outage_minutes"), lit(0.0)))
                .withColumn("drop_rate", SubscriberDaily.ratio(col("calls_dropped"), col("calls_connected")))
                .withColumn("setup_failure_rate", SubscriberDaily.ratio(col("calls_setup_failed"), col("call_attempts")))
                .withColumn("mos_mean", SubscriberDaily.ratio(col("mos_sum"), col("mos_samples")))
                .withColumn("data_failure_rate", SubscriberDaily.ratio(col("sessions_failed"), col("sessions")))
                .withColumn("throughput_kbps_mean", SubscriberDaily.ratio(col("throughput_kbps_sum"), col("throughput_samples")))
                .withColumn("low_throughput_share", SubscriberDaily.ratio(col("low_throughput_sessions"), col("throughput_samples")))
                .withColumn("rtt_ms_mean", SubscriberDaily.ratio(col("rtt_ms_sum"), col("rtt_samples")));
    }
}
