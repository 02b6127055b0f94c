package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.when;

/**
 * gold.adoption_funnel: one row per product × funnel stage for the product events in the window
 * (event_date on one of its days). Article 000 follows how a product is taken up: AWARENESS (a
 * campaign contact) → INTEREST (an inquiry) → TRIAL (a trial start) → ACCEPTANCE (a
 * subscription) → USE (use after subscribing); the table shows how many subscribers got how far
 * and where they were lost.
 *
 * <p>A subscriber reaches a stage when they have an event of that stage <em>or of a later one</em>
 * in the window: later stages do not require the earlier events. Feeds miss steps (a walk-in
 * subscription has no recorded campaign contact) and a journey may have begun before the window;
 * counting "at least this stage" keeps the funnel monotone (each stage has at most the
 * subscribers of the one before, so conversions are at most 1) and makes redaction run down the
 * funnel: once a stage is below the minimum, every later stage is too. Events with a stage
 * outside the five are ignored. A stage no subscriber reached has no row.
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers}, see {@link Redaction}):
 * <ul>
 *   <li>window_start, window_end (DATE), product_id, stage</li>
 *   <li>stage_order: 1 (AWARENESS) .. 5 (USE), the stage's place in the funnel</li>
 *   <li>subscribers: distinct subscribers who reached at least this stage with the product in the
 *       window (count, exact)</li>
 *   <li>conversion_from_previous: subscribers / subscribers of the stage before (share, 0–1; null at
 *       AWARENESS)</li>
 *   <li>conversion_from_awareness: subscribers / subscribers of AWARENESS (share, 0–1; 1 at
 *       AWARENESS)</li>
 *   <li>events: events of exactly this stage in the window (count; a subscriber may use a product
 *       many times, or be contacted twice)</li>
 *   <li>redacted</li>
 * </ul>
 */
public final class AdoptionFunnel {
    /** The funnel's stages in order (codes of the product_event contract's stage column). */
    public static final List<String> STAGES = List.of("AWARENESS", "INTEREST", "TRIAL", "ACCEPTANCE", "USE");

    private AdoptionFunnel() {
    }

    /**
     * @param events silver.product_event rows (msisdn, event_date, product_id, stage); rows outside
     *               the window are ignored
     * @param date   the run date D, the window's last day
     */
    public static Dataset<Row> compute(Dataset<Row> events, LocalDate date, PublishSettings s) {
        ReportWindow window = ReportWindow.of(date, s);
        Dataset<Row> inWindow = events.where(window.containsDate(col("event_date")))
                .withColumn("stage_order", stageOrder(col("stage")))
                .where(col("stage_order").isNotNull());

        // Per subscriber first: the deepest stage each reached with each product, then one row per
        // stage up to it, so that the subscriber count of a stage is an exact count of rows.
        Dataset<Row> reached = inWindow.groupBy("product_id", "msisdn")
                .agg(max("stage_order").as("deepest"))
                .withColumn("stage_order", explode(sequence(lit(1), col("deepest"))))
                .groupBy("product_id", "stage_order")
                .agg(count(lit(1)).as("subscribers"));
        Dataset<Row> eventCounts = inWindow.groupBy("product_id", "stage_order").agg(count(lit(1)).as("events"));

        WindowSpec funnel = Window.partitionBy("product_id").orderBy("stage_order");
        // Every subscriber reached AWARENESS, so the product's largest stage count is AWARENESS's.
        Column aware = max("subscribers").over(Window.partitionBy("product_id"));
        Dataset<Row> table = reached.join(eventCounts, new String[]{"product_id", "stage_order"}, "left")
                .select(col("product_id"),
                        element_at(array(STAGES.stream().map(stage -> lit(stage)).toArray(Column[]::new)),
                                col("stage_order")).as("stage"),
                        col("stage_order"),
                        col("subscribers"),
                        // Stages are contiguous from 1 (a subscriber at a stage is at every earlier
                        // one), so the row before is the stage before.
                        ReportWindow.ratio(col("subscribers"), lag("subscribers", 1).over(funnel))
                                .as("conversion_from_previous"),
                        ReportWindow.ratio(col("subscribers"), aware).as("conversion_from_awareness"),
                        coalesce(col("events"), lit(0L)).as("events"));
        return Redaction.redact(window.stamp(table), "subscribers", MEASURES, s.minSubscribers());
    }

    /** Every figure of a row, withheld together when the row has too few subscribers. */
    static final List<String> MEASURES = List.of("conversion_from_previous", "conversion_from_awareness", "events");

    /** 1..5 for the funnel's stages, null for any other code. */
    private static Column stageOrder(Column stage) {
        Column order = when(stage.equalTo(STAGES.get(0)), 1);
        for (int i = 1; i < STAGES.size(); i++) {
            order = order.when(stage.equalTo(STAGES.get(i)), i + 1);
        }
        return order;
    }
}
