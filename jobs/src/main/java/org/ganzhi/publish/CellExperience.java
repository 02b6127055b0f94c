package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * gold.cell_experience: one row per cell, the network KPIs of the window (features.cell_daily of
 * its days) next to the complaints pointing at the cell and the poor-experience subscribers whose
 * home cell it is on the run date D (article 002: compare network test data with complaint
 * statistics), with the cells that need an engineer first ranked as hot spots. A cell is in the
 * table when it is in the latest silver.cell snapshot on or before D or has cell_daily rows in the
 * window; site, region, position, RAT and band come from that snapshot (region UNKNOWN and the
 * rest null for a cell without one).
 *
 * <p><b>Hot spots.</b> Cells are ranked by their call drop rate over the window, the KPI that a
 * failing cell moves most and a subscriber feels most (a cut call), worst first. Only cells with
 * at least {@code hot-spot.min-calls} connected calls and at least {@code hot-spot.min-drops}
 * dropped calls are eligible: a rate alone would put a cell with 1 drop in 4 calls (25 %) above
 * every real fault, and both guards together keep a quiet cell's chance drops out of the list
 * however the rate falls. An eligible cell is a hot spot when its drop rate is at least
 * {@code hot-spot.min-drop-rate}, or when it is one of the {@code hot-spot.top} worst (a work
 * list even on a network without faults; 0 by default, so that a hot spot is always a cell that
 * is clearly failing). In the generated network the default 4 % lies between healthy cells
 * (0.5–1 %) and the cells next to a faulty one, which carry its calls at the edge of their
 * coverage during its outages (about 2–3 %, estimated from the generator's rates), on one side,
 * and faulty cells (8–15 %) on the other. The other KPIs are published for the engineer's
 * diagnosis but do not rank: a data failure or throughput threshold would have to hold for every
 * RAT at once, and setup failures rise more than drops on a neighbour carrying an outage.
 *
 * <p><b>Redaction.</b> A row describes a cell, not people: its network KPIs are counts of radio
 * events that identify no one, and an engineer needs them for every cell, so they are never
 * withheld. The measures about subscribers (home_subscribers, poor_subscribers, poor_share and
 * the complaint counts) are withheld when the cell is home to fewer than {@code min-subscribers}
 * subscribers, since a handful of people at one site can be singled out; {@code redacted} then
 * says so (see {@link Redaction}).
 *
 * <p>Columns (sums and rates over the window's days; a rate is null when its denominator is 0):
 * <ul>
 *   <li>window_start, window_end (DATE), cell_id, site_id, region, lat, lon (degrees), rat, band</li>
 *   <li>reported_days: days of the window with a cell_daily row (count)</li>
 *   <li>call_attempts, calls_connected, calls_dropped (count); drop_rate: calls_dropped /
 *       calls_connected (share, 0–1)</li>
 *   <li>calls_setup_failed (count); setup_failure_rate: / call_attempts (share)</li>
 *   <li>mos_mean (1–5), mos_samples (count)</li>
 *   <li>sessions, sessions_failed (count); data_failure_rate: sessions_failed / sessions (share)</li>
 *   <li>throughput_kbps_mean (kbit/s, successful sessions), throughput_samples (count),
 *       low_throughput_sessions (count), low_throughput_share (of throughput_samples)</li>
 *   <li>rtt_ms_mean (ms), rtt_samples (count)</li>
 *   <li>outages: out-of-service periods (count; one that spans midnight counts on each day);
 *       outage_minutes (minutes); outage_minutes_per_day: / reported_days</li>
 *   <li>complaints_naming_cell: tickets opened in the window that name the cell;
 *       network_complaints_home_subscribers: network tickets of subscribers whose home cell it was
 *       that day (count each; a ticket can be in both)</li>
 *   <li>home_subscribers: subscribers scored on D whose home cell it is (count, exact)</li>
 *   <li>poor_subscribers: of those, at a level of {@code poor-levels} (count); poor_share: of
 *       those with an experience level (share)</li>
 *   <li>hot_spot_eligible (boolean), hot_spot_rank (1 = worst drop rate; equal rates by more
 *       drops, then cell_id; null for an ineligible cell), hot_spot (boolean)</li>
 *   <li>redacted: the subscriber measures above are withheld</li>
 * </ul>
 */
public final class CellExperience {
    private CellExperience() {
    }

    /**
     * @param cellDaily features.cell_daily rows; days outside the window are ignored
     * @param scores    perception.subscriber_score rows (msisdn, date, home_cell, experience_level);
     *                  rows of other dates than D are ignored
     * @param cells     silver.cell snapshot rows (cell_id, snapshot_date, site_id, region, lat, lon,
     *                  rat, band) up to D
     * @param date      the run date D, the window's last day
     */
    public static Dataset<Row> compute(Dataset<Row> cellDaily, Dataset<Row> scores, Dataset<Row> cells, LocalDate date,
                                       PublishSettings s) {
        ReportWindow window = ReportWindow.of(date, s);
        List<Column> sums = new ArrayList<>();
        for (String c : SUMMED) {
            sums.add(coalesce(sum(col(c)), lit(0L)).as(c));
        }
        for (String c : List.of("mos_sum", "throughput_kbps_sum", "rtt_ms_sum", "outage_minutes")) {
            sums.add(sum(col(c)).as(c));
        }
        Dataset<Row> network = cellDaily.where(window.containsDate(col("date")))
                .groupBy("cell_id").agg(count(lit(1)).as("reported_days"), sums.toArray(Column[]::new));

        Dataset<Row> homes = scores.where(col("date").equalTo(lit(Date.valueOf(date))).and(col("home_cell").isNotNull()))
                .groupBy(col("home_cell").as("cell_id"))
                // One row per subscriber and date, so counting rows counts distinct subscribers.
                .agg(count(lit(1)).as("home_subscribers"),
                        count(col("experience_level")).as("home_subscribers_with_level"),
                        count(when(col("experience_level").isin(s.poorLevels().toArray()), 1)).as("poor_subscribers"));

        // A cell with traffic that no snapshot up to D lists has no site or region to report: left
        // out unless include-unknown-cells (features.cell_daily flags and counts it).
        Dataset<Row> joined = latestCells(cells, date).join(network, new String[]{"cell_id"},
                        s.includeUnknownCells() ? "full" : "left")
                .join(homes, new String[]{"cell_id"}, "left");
        for (String c : SUMMED) {
            joined = joined.withColumn(c, coalesce(col(c), lit(0L)));
        }
        joined = joined.withColumn("reported_days", coalesce(col("reported_days"), lit(0L)))
                .withColumn("home_subscribers", coalesce(col("home_subscribers"), lit(0L)))
                .withColumn("poor_subscribers", coalesce(col("poor_subscribers"), lit(0L)))
                .withColumn("outage_minutes", coalesce(col("outage_minutes"), lit(0.0)));

        Dataset<Row> kpis = joined.select(col("cell_id"), col("site_id"), ReportWindow.known("region").as("region"),
                col("lat"), col("lon"), col("rat"), col("band"), col("reported_days"),
                col("call_attempts"), col("calls_connected"), col("calls_dropped"),
                ReportWindow.ratio(col("calls_dropped"), col("calls_connected")).as("drop_rate"),
                col("calls_setup_failed"),
                ReportWindow.ratio(col("calls_setup_failed"), col("call_attempts")).as("setup_failure_rate"),
                ReportWindow.ratio(col("mos_sum"), col("mos_samples")).as("mos_mean"), col("mos_samples"),
                col("sessions"), col("sessions_failed"),
                ReportWindow.ratio(col("sessions_failed"), col("sessions")).as("data_failure_rate"),
                ReportWindow.ratio(col("throughput_kbps_sum"), col("throughput_samples")).as("throughput_kbps_mean"),
                col("throughput_samples"), col("low_throughput_sessions"),
                ReportWindow.ratio(col("low_throughput_sessions"), col("throughput_samples")).as("low_throughput_share"),
                ReportWindow.ratio(col("rtt_ms_sum"), col("rtt_samples")).as("rtt_ms_mean"), col("rtt_samples"),
                col("outages"), col("outage_minutes"),
                ReportWindow.ratio(col("outage_minutes"), col("reported_days")).as("outage_minutes_per_day"),
                col("complaints_naming_cell"), col("network_complaints_home_subscribers"),
                col("home_subscribers"), col("poor_subscribers"),
                ReportWindow.ratio(col("poor_subscribers"), col("home_subscribers_with_level")).as("poor_share"));

        PublishSettings.HotSpot rule = s.hotSpot();
        Column eligible = col("calls_connected").geq(rule.minCalls()).and(col("calls_dropped").geq(rule.minDrops()));
        // Cells number thousands at most: one partition ranks them all.
        Column rank = when(col("hot_spot_eligible"), row_number().over(Window.partitionBy(col("hot_spot_eligible"))
                .orderBy(col("drop_rate").desc(), col("calls_dropped").desc(), col("cell_id").asc())));
        Dataset<Row> ranked = kpis.withColumn("hot_spot_eligible", eligible)
                .withColumn("hot_spot_rank", rank)
                .withColumn("hot_spot", col("hot_spot_eligible").and(col("drop_rate").geq(rule.minDropRate())
                        .or(col("hot_spot_rank").leq(rule.top()))));
        return Redaction.redact(window.stamp(ranked), "home_subscribers", SUBSCRIBER_MEASURES, s.minSubscribers());
    }

    /** cell_daily counts summed over the window; a cell without rows has 0 of each. */
    static final List<String> SUMMED = List.of("call_attempts", "calls_connected", "calls_dropped", "calls_setup_failed",
            "mos_samples", "sessions", "sessions_failed", "throughput_samples", "low_throughput_sessions", "rtt_samples",
            "outages", "complaints_naming_cell", "network_complaints_home_subscribers");

    /** What a row says about the people at the cell, withheld below min-subscribers home subscribers. */
    static final List<String> SUBSCRIBER_MEASURES = List.of("poor_subscribers", "poor_share", "complaints_naming_cell",
            "network_complaints_home_subscribers");

    /**
     * Each cell's attributes from its latest snapshot on or before D: a later snapshot would
     * place the cell where it was not yet. Columns: cell_id, site_id, region, lat, lon, rat, band.
     */
    static Dataset<Row> latestCells(Dataset<Row> cells, LocalDate date) {
        return cells.where(col("snapshot_date").leq(lit(Date.valueOf(date))))
                .groupBy("cell_id")
                .agg(max(struct(col("snapshot_date"), col("site_id"), col("region"), col("lat"), col("lon"), col("rat"),
                        col("band"))).as("c"))
                .select(col("cell_id"), col("c.site_id").as("site_id"), col("c.region").as("region"),
                        col("c.lat").as("lat"), col("c.lon").as("lon"), col("c.rat").as("rat"), col("c.band").as("band"));
    }
}
