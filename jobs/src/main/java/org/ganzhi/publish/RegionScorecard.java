package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.ganzhi.perception.PerceptionSettings;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * gold.region_scorecard: one row per region of the subscribers scored on the run date D
 * (perception.subscriber_score of D), with the perception KPIs the operator evaluates each unit
 * by (article 001: KMI evaluation and accountability per unit), each compared with its target in
 * {@code ganzhi.publish.region-targets}, and the regions ranked. A subscriber without a region is
 * reported under UNKNOWN, which is not a unit anyone answers for and so is not ranked.
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers}, see {@link Redaction}):
 * <ul>
 *   <li>date (DATE, D), region</li>
 *   <li>subscribers: subscribers scored on D whose region it is (count, exact)</li>
 *   <li>scored_subscribers: of those, with a perception index (count); the index, the level
 *       shares and the dimension means are over them (a dimension mean over those who have that
 *       dimension)</li>
 *   <li>perception_index_mean (0–100)</li>
 *   <li>poor_subscribers, poor_share: at a level of {@code poor-levels} (count; share of
 *       scored_subscribers, 0–1)</li>
 *   <li>high_subscribers, high_share: at HIGH (count; share of scored_subscribers)</li>
 *   <li>network_score_mean, service_score_mean, process_score_mean, billing_score_mean,
 *       product_score_mean (0–100)</li>
 *   <li>for each KPI k of {@link Kpi} (perception_index_mean, poor_share, high_share and the five
 *       dimension means): k_target (the configured target, null without one), k_gap (k − target,
 *       in k's unit) and k_met (k ≥ target, or k ≤ target for poor_share; null without a target or
 *       a value)</li>
 *   <li>rank: 1 = highest perception_index_mean; equal means by region name, so ranks are unique
 *       and stable across reruns; null for UNKNOWN and for regions without a scored subscriber</li>
 *   <li>redacted</li>
 * </ul>
 * The rank is computed over all regions before redaction: a redacted region keeps its place but
 * its rank is withheld.
 */
public final class RegionScorecard {
    private RegionScorecard() {
    }

    /**
     * A region KPI that can have a target: its key in {@code ganzhi.publish.region-targets}, its
     * column, whether more is better and its largest possible value.
     */
    public enum Kpi {
        MEAN_INDEX("mean-index", "perception_index_mean", true, 100),
        POOR_SHARE("poor-share", "poor_share", false, 1),
        HIGH_SHARE("high-share", "high_share", true, 1),
        NETWORK_SCORE("network-score", "network_score_mean", true, 100),
        SERVICE_SCORE("service-score", "service_score_mean", true, 100),
        PROCESS_SCORE("process-score", "process_score_mean", true, 100),
        BILLING_SCORE("billing-score", "billing_score_mean", true, 100),
        PRODUCT_SCORE("product-score", "product_score_mean", true, 100);

        private final String key;
        private final String column;
        private final boolean higherIsBetter;
        private final double max;

        Kpi(String key, String column, boolean higherIsBetter, double max) {
            this.key = key;
            this.column = column;
            this.higherIsBetter = higherIsBetter;
            this.max = max;
        }

        public String key() {
            return key;
        }

        public String column() {
            return column;
        }

        public double max() {
            return max;
        }
    }

    /**
     * @param scores perception.subscriber_score rows (msisdn, date, region, perception_index,
     *               experience_level, the five dimension scores); rows of other dates are ignored
     * @param date   the run date D
     */
    public static Dataset<Row> compute(Dataset<Row> scores, LocalDate date, PublishSettings s) {
        Date day = Date.valueOf(date);
        Column level = col("experience_level");
        List<Column> aggs = new ArrayList<>(List.of(
                count(col("perception_index")).as("scored_subscribers"),
                avg(col("perception_index")).as("perception_index_mean"),
                count(when(level.isin(s.poorLevels().toArray()), 1)).as("poor_subscribers"),
                count(when(level.equalTo("HIGH"), 1)).as("high_subscribers")));
        for (String dim : PerceptionSettings.DIMENSIONS) {
            String p = dim.toLowerCase();
            aggs.add(avg(col(p + "_score")).as(p + "_score_mean"));
        }
        // One row per subscriber and date, so counting rows counts distinct subscribers.
        Dataset<Row> regions = scores.where(col("date").equalTo(lit(day)))
                .groupBy(ReportWindow.known("region").as("region"))
                .agg(count(lit(1)).as("subscribers"), aggs.toArray(Column[]::new));

        List<Column> out = new ArrayList<>(List.of(lit(day).as("date"), col("region"), col("subscribers"),
                col("scored_subscribers"), col("perception_index_mean"), col("poor_subscribers"),
                ReportWindow.ratio(col("poor_subscribers"), col("scored_subscribers")).as("poor_share"),
                col("high_subscribers"),
                ReportWindow.ratio(col("high_subscribers"), col("scored_subscribers")).as("high_share")));
        for (String dim : PerceptionSettings.DIMENSIONS) {
            out.add(col(dim.toLowerCase() + "_score_mean"));
        }
        Dataset<Row> kpis = regions.select(out.toArray(Column[]::new));

        List<Column> compared = new ArrayList<>(List.of(col("*")));
        for (Kpi kpi : Kpi.values()) {
            Double target = s.regionTargets().get(kpi);
            Column value = col(kpi.column());
            Column gap = target == null ? lit(null).cast("double") : value.minus(target);
            // A null gap (no value or no target) leaves met null: not met is a verdict, unknown is not.
            Column met = kpi.higherIsBetter ? gap.geq(0) : gap.leq(0);
            compared.add(lit(target).cast("double").as(kpi.column() + "_target"));
            compared.add(gap.as(kpi.column() + "_gap"));
            compared.add(met.as(kpi.column() + "_met"));
        }
        Column rankable = col("region").notEqual(ReportWindow.UNKNOWN).and(col("perception_index_mean").isNotNull());
        // Regions are few: ranking them in one partition costs nothing.
        Column rank = when(rankable, row_number().over(Window.partitionBy(rankable)
                .orderBy(col("perception_index_mean").desc(), col("region").asc())));
        compared.add(rank.as("rank"));
        Dataset<Row> table = kpis.select(compared.toArray(Column[]::new));

        // Every figure is withheld; the targets come from configuration, not from the subscribers.
        List<String> measures = new ArrayList<>();
        for (String c : table.columns()) {
            if (!List.of("date", "region", "subscribers").contains(c) && !c.endsWith("_target")) {
                measures.add(c);
            }
        }
        return Redaction.redact(table, "subscribers", measures, s.minSubscribers());
    }
}
