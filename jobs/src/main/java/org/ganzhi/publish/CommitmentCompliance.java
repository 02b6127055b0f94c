package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * gold.commitment_compliance: one row per commitment (service order type: activation, broadband
 * install, repair, reconnection, plan change) for the orders whose promised time falls in the
 * window (promised_at on one of its operator-local days). Article 001 tracks whether such
 * promises are kept; an order is judged by its promise, so an order created last month and due
 * this week is this week's commitment.
 *
 * <p>Completion is judged as of the end of the run date D: an order completed after D counts as
 * open, so a rerun of D reports what had happened by D. Caveat: the default feed delivers an
 * order once, when it is completed; orders still open then are not in silver yet, so
 * open_past_promise only counts open orders a feed does deliver, and within_promise_share is an
 * upper bound until the late completions arrive.
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers}, see {@link Redaction}):
 * <ul>
 *   <li>window_start, window_end (DATE), order_type</li>
 *   <li>orders_due: orders promised for a day of the window (count)</li>
 *   <li>subscribers: distinct subscribers with such orders (count, exact)</li>
 *   <li>completed_within_promise: completed at or before promised_at, by the end of D (count)</li>
 *   <li>completed_late: completed after promised_at, by the end of D (count)</li>
 *   <li>open_past_promise: not completed by the end of D, though promised by then (count)</li>
 *   <li>within_promise_share: completed_within_promise / orders_due (share, 0–1)</li>
 *   <li>late_hours_mean: mean completed_at − promised_at of the late orders (hours)</li>
 *   <li>redacted</li>
 * </ul>
 */
public final class CommitmentCompliance {
    private static final long HOUR = 3600L;

    private CommitmentCompliance() {
    }

    /**
     * @param orders silver.service_order rows (msisdn, order_type, created_at, promised_at,
     *               completed_at). Give every order that may be promised within the window: silver
     *               is partitioned by creation day, so read from before the window start by the
     *               longest promise (e.g. ganzhi.features.order-lookback-days).
     * @param date   the run date D, the window's last day
     */
    public static Dataset<Row> compute(Dataset<Row> orders, LocalDate date, PublishSettings s) {
        ReportWindow window = ReportWindow.of(date, s);
        Column promisedAt = col("promised_at").cast("long");
        Column completedAt = col("completed_at").cast("long");
        Column completed = col("completed_at").isNotNull().and(completedAt.lt(window.endSeconds()));
        Column late = completed.and(completedAt.gt(promisedAt));

        // Per subscriber first, so that the subscriber count of a group is an exact count of rows.
        Dataset<Row> groups = orders.where(window.containsInstant(col("promised_at")))
                .groupBy("order_type", "msisdn")
                .agg(count(lit(1)).as("orders_due"),
                        count(when(completed.and(not(late)), 1)).as("completed_within_promise"),
                        count(when(late, 1)).as("completed_late"),
                        // Promised within the window means promised before the end of D: open is overdue.
                        count(when(not(completed), 1)).as("open_past_promise"),
                        sum(when(late, completedAt.minus(promisedAt))).as("late_seconds"))
                .groupBy("order_type")
                .agg(sum("orders_due").as("orders_due"),
                        count(lit(1)).as("subscribers"),
                        sum("completed_within_promise").as("completed_within_promise"),
                        sum("completed_late").as("completed_late"),
                        sum("open_past_promise").as("open_past_promise"),
                        sum("late_seconds").as("late_seconds"));

        Dataset<Row> table = groups.select(col("order_type"), col("orders_due"), col("subscribers"),
                col("completed_within_promise"), col("completed_late"), col("open_past_promise"),
                ReportWindow.ratio(col("completed_within_promise"), col("orders_due")).as("within_promise_share"),
                ReportWindow.ratio(col("late_seconds"), col("completed_late").multiply(HOUR)).as("late_hours_mean"));
        return Redaction.redact(window.stamp(table), "subscribers", MEASURES, s.minSubscribers());
    }

    /** Every figure of a row, withheld together when the row has too few subscribers. */
    static final List<String> MEASURES = List.of("orders_due", "completed_within_promise", "completed_late",
            "open_past_promise", "within_promise_share", "late_hours_mean");
}
