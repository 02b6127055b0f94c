package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.perception.PerceptionSettings;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.when;

/**
 * gold.segment_summary: one row per date × persona × value tier × lifecycle stage × region of the
 * scored subscribers (perception.subscriber_score), with the distribution of their perception:
 * who is unhappy, and how unhappy the unhappiest tenth is, in each part of the base. A missing
 * attribute reads UNKNOWN, so that it is a visible group rather than a null key.
 *
 * <p>The grid is fine (six personas × three tiers × a few stages × the regions), so many small
 * groups are redacted. They are not merged into coarser ones: a merged row would describe a
 * different group on each date and could not be compared over time; the coarser views are
 * gold.region_scorecard and a BI tool's roll-up of the reported rows.
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers}, see {@link Redaction}):
 * <ul>
 *   <li>date (DATE), persona, value_tier, lifecycle_stage, region</li>
 *   <li>subscribers: subscribers scored on the date in the group (count, exact)</li>
 *   <li>scored_subscribers: of those, with a perception index (count)</li>
 *   <li>perception_index_mean, perception_index_p10 (0–100)</li>
 *   <li>network_score_mean, network_score_p10, and the same for service, process, billing and
 *       product (0–100; over the subscribers who have that dimension)</li>
 *   <li>negative_subscribers, negative_share, none_subscribers, none_share, low_subscribers,
 *       low_share, medium_subscribers, medium_share, high_subscribers, high_share: subscribers
 *       at each experience level (count; share of scored_subscribers, 0–1)</li>
 *   <li>redacted</li>
 * </ul>
 * p10 is the 10th percentile by {@code percentile_approx} with accuracy {@value #ACCURACY}: one
 * of the group's own values, whose rank is within n / {@value #ACCURACY} of the exact 10th
 * percentile's rank, so exact for groups of fewer than {@value #ACCURACY} subscribers.
 */
public final class SegmentSummary {
    /** percentile_approx accuracy: Spark's default, stated so the published accuracy cannot drift. */
    static final int ACCURACY = 10_000;

    static final List<String> KEYS = List.of("persona", "value_tier", "lifecycle_stage", "region");

    private SegmentSummary() {
    }

    /**
     * @param scores perception.subscriber_score rows (msisdn, date, persona, value_tier,
     *               lifecycle_stage, region, perception_index, experience_level, the five dimension
     *               scores), one row per subscriber and date; normally the rows of the run date
     */
    public static Dataset<Row> compute(Dataset<Row> scores, PublishSettings s) {
        List<String> measured = new ArrayList<>(List.of("perception_index"));
        for (String dim : PerceptionSettings.DIMENSIONS) {
            measured.add(dim.toLowerCase() + "_score");
        }
        List<Column> aggs = new ArrayList<>(List.of(count(col("perception_index")).as("scored_subscribers")));
        for (String m : measured) {
            aggs.add(avg(col(m)).as(m + "_mean"));
            aggs.add(percentile_approx(col(m), lit(0.1), lit(ACCURACY)).as(m + "_p10"));
        }
        for (String level : PerceptionSettings.LEVELS) {
            aggs.add(count(when(col("experience_level").equalTo(level), 1)).as(level.toLowerCase() + "_subscribers"));
        }
        List<Column> groups = new ArrayList<>(List.of(col("date")));
        KEYS.forEach(k -> groups.add(ReportWindow.known(k).as(k)));
        // One row per subscriber and date, so counting rows counts distinct subscribers.
        Dataset<Row> summary = scores.groupBy(groups.toArray(Column[]::new))
                .agg(count(lit(1)).as("subscribers"), aggs.toArray(Column[]::new));

        List<Column> out = new ArrayList<>();
        for (String c : summary.columns()) {
            out.add(col(c));
            if (c.endsWith("_subscribers") && !c.equals("scored_subscribers")) {
                String level = c.substring(0, c.length() - "_subscribers".length());
                out.add(ReportWindow.ratio(col(c), col("scored_subscribers")).as(level + "_share"));
            }
        }
        Dataset<Row> table = summary.select(out.toArray(Column[]::new));
        List<String> measures = new ArrayList<>();
        for (String c : table.columns()) {
            if (!c.equals("date") && !c.equals("subscribers") && !KEYS.contains(c)) {
                measures.add(c);
            }
        }
        return Redaction.redact(table, "subscribers", measures, s.minSubscribers());
    }
}
