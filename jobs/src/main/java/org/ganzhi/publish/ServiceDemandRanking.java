package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * gold.service_demand_ranking: one row per service class (HANDLING, REMINDER, QUERY) and service
 * item with interactions in the window (event_date on one of its days). Article 001 chose its
 * key service items by how many subscribers need them (attention) and how often they are used
 * (frequency); both rankings are within the class.
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers}, see {@link Redaction}):
 * <ul>
 *   <li>window_start, window_end (DATE), service_class, service_item</li>
 *   <li>interactions: interactions about the item (count)</li>
 *   <li>subscribers: distinct subscribers who had them (count, exact)</li>
 *   <li>rank_by_attention: 1 = most subscribers in the class; equal counts are ranked by item
 *       code, so ranks are unique and stable across reruns</li>
 *   <li>rank_by_frequency: 1 = most interactions in the class; ties by item code</li>
 *   <li>class_interaction_share: interactions / all interactions of the class (share, 0–1)</li>
 *   <li>failed_interactions, failed_share: outcome FAILED (count; share of interactions)</li>
 *   <li>handle_time_s_mean, handle_time_samples: mean handle time of interactions that have one
 *       (seconds), and how many have one</li>
 *   <li>redacted</li>
 * </ul>
 * Ranks and shares are computed over all items before redaction; a redacted item keeps its place
 * (the next item is not moved up) but its rank is withheld.
 */
public final class ServiceDemandRanking {
    private ServiceDemandRanking() {
    }

    /**
     * @param interactions silver.service_interaction rows (msisdn, event_date, service_item,
     *                     service_class, outcome, handle_time_s); rows outside the window are ignored
     * @param date         the run date D, the window's last day
     */
    public static Dataset<Row> compute(Dataset<Row> interactions, LocalDate date, PublishSettings s) {
        ReportWindow window = ReportWindow.of(date, s);
        // Per subscriber first, so that the subscriber count of an item is an exact count of rows.
        Dataset<Row> items = interactions.where(window.containsDate(col("event_date")))
                .groupBy("service_class", "service_item", "msisdn")
                .agg(count(lit(1)).as("interactions"),
                        count(when(col("outcome").equalTo("FAILED"), 1)).as("failed_interactions"),
                        sum(col("handle_time_s").cast("long")).as("handle_time_s_sum"),
                        count(col("handle_time_s")).as("handle_time_samples"))
                .groupBy("service_class", "service_item")
                .agg(sum("interactions").as("interactions"),
                        count(lit(1)).as("subscribers"),
                        sum("failed_interactions").as("failed_interactions"),
                        sum("handle_time_s_sum").as("handle_time_s_sum"),
                        sum("handle_time_samples").as("handle_time_samples"));

        WindowSpec wholeClass = Window.partitionBy("service_class");
        Dataset<Row> ranked = items.select(col("service_class"), col("service_item"), col("interactions"), col("subscribers"),
                row_number().over(wholeClass.orderBy(col("subscribers").desc(), col("service_item").asc()))
                        .as("rank_by_attention"),
                row_number().over(wholeClass.orderBy(col("interactions").desc(), col("service_item").asc()))
                        .as("rank_by_frequency"),
                ReportWindow.ratio(col("interactions"), sum("interactions").over(wholeClass)).as("class_interaction_share"),
                col("failed_interactions"),
                ReportWindow.ratio(col("failed_interactions"), col("interactions")).as("failed_share"),
                ReportWindow.ratio(col("handle_time_s_sum"), col("handle_time_samples")).as("handle_time_s_mean"),
                col("handle_time_samples"));
        return Redaction.redact(window.stamp(ranked), "subscribers", MEASURES, s.minSubscribers());
    }

    /** Every figure of a row, ranks included, withheld together when the row has too few subscribers. */
    static final List<String> MEASURES = List.of("interactions", "rank_by_attention", "rank_by_frequency",
            "class_interaction_share", "failed_interactions", "failed_share", "handle_time_s_mean", "handle_time_samples");
}
