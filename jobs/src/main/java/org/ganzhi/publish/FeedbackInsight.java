package org.ganzhi.publish;

import com.typesafe.config.Config;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;

import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * gold.feedback_insight: what customers wrote in the window (text.feedback), one row per week ×
 * category × item × channel. The week is the Monday it starts on (the window's first and last
 * weeks may be partial); the item is the product the text names, else its service item, else
 * {@value #NO_ITEM}. Read like a marketplace's reviews: what is said most, and what is new.
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers} distinct writers, see
 * {@link Redaction}; an anonymous text counts as a text but as no writer, so a group of anonymous
 * reviews alone is redacted):
 * <ul>
 *   <li>window_start, window_end, week_start (DATE), category, item, channel</li>
 *   <li>texts, subscribers (distinct known writers), anonymous_texts</li>
 *   <li>negative_texts, negative_share (of texts), sentiment_mean (−1..1)</li>
 *   <li>ratings, rating_mean: texts with stars and their mean (1–5)</li>
 *   <li>top_phrases: the group's most frequent terms (in most texts; words and word pairs)</li>
 *   <li>emerging_phrases: terms of the week's category whose count jumped against the weeks
 *       before (see {@link Settings}); the same for every row of that week and category</li>
 *   <li>example_ids: a few feedback ids to read, negative texts first, newest first</li>
 *   <li>redacted</li>
 * </ul>
 */
public final class FeedbackInsight {
    static final String NO_ITEM = "(none)";

    private FeedbackInsight() {
    }

    /**
     * ganzhi.publish.feedback-insight.
     *
     * @param topPhrases    terms listed per row in top_phrases
     * @param examples      feedback ids listed per row in example_ids
     * @param baselineWeeks weeks before a week that its counts are compared with
     * @param minCount      a term is emerging only in at least this many texts of the week
     * @param lift          ... and in at least lift × (its mean weekly count over the baseline + 1)
     * @param emerging      terms listed per week and category in emerging_phrases
     */
    public record Settings(int topPhrases, int examples, int baselineWeeks, long minCount, double lift, int emerging)
            implements Serializable {
        public static Settings from(GanzhiConfig config) {
            Config c = config.raw().getConfig("ganzhi.publish.feedback-insight");
            Settings s = new Settings(c.getInt("top-phrases"), c.getInt("examples"), c.getInt("emerging.baseline-weeks"),
                    c.getLong("emerging.min-count"), c.getDouble("emerging.lift"), c.getInt("emerging.phrases"));
            if (s.topPhrases < 0 || s.examples < 0 || s.baselineWeeks < 1 || s.minCount < 1 || s.lift < 1 || s.emerging < 0) {
                throw new ConfigError("ganzhi.publish.feedback-insight: counts must be 0 or more, baseline-weeks and "
                        + "min-count at least 1, lift at least 1; got " + s);
            }
            return s;
        }

        /** The first day whose texts a run of D reads: the baseline weeks before the window's first week. */
        public LocalDate readFrom(LocalDate windowStart) {
            return windowStart.minusDays(windowStart.getDayOfWeek().getValue() - 1L).minusWeeks(baselineWeeks);
        }
    }

    /**
     * @param texts text.feedback rows from {@link Settings#readFrom} to the run date D (earlier
     *              ones are the emerging phrases' baseline only)
     */
    public static Dataset<Row> compute(Dataset<Row> texts, LocalDate date, PublishSettings s, Settings f) {
        ReportWindow window = ReportWindow.of(date, s);
        Dataset<Row> weekly = texts.where(col("category").isNotNull())
                .withColumn("week_start", date_trunc("week", col("event_date")).cast("date"))
                .withColumn("item", coalesce(col("product_id"), col("service_item"), lit(NO_ITEM)));
        Dataset<Row> inWindow = weekly.where(window.containsDate(col("event_date")));
        String[] keys = {"week_start", "category", "item", "channel"};

        Column negative = col("sentiment_label").equalTo("NEGATIVE");
        Dataset<Row> groups = inWindow.groupBy(keys[0], keys[1], keys[2], keys[3]).agg(
                count(lit(1)).as("texts"),
                countDistinct(col("msisdn")).as("subscribers"),
                count(when(col("msisdn").isNull(), 1)).as("anonymous_texts"),
                count(when(negative, 1)).as("negative_texts"),
                avg("sentiment").as("sentiment_mean"),
                count(col("rating")).as("ratings"),
                avg("rating").as("rating_mean"),
                slice(sort_array(collect_list(struct(negative.as("negative"), col("ts"), col("feedback_id"))), false),
                        1, f.examples()).as("_examples"));

        // A term counts once per text: "slow slow slow" is one text about slowness.
        Dataset<Row> terms = inWindow.select(col(keys[0]), col(keys[1]), col(keys[2]), col(keys[3]),
                explode(array_distinct(col("terms"))).as("term"));
        Dataset<Row> top = terms.groupBy(keys[0], keys[1], keys[2], keys[3], "term").count()
                .withColumn("_rank", row_number().over(Window.partitionBy(keys[0], keys[1], keys[2], keys[3])
                        .orderBy(col("count").desc(), col("term"))))
                .where(col("_rank").leq(f.topPhrases()))
                .groupBy(keys[0], keys[1], keys[2], keys[3])
                .agg(transform(sort_array(collect_list(struct(col("_rank"), col("term")))), x -> x.getField("term"))
                        .as("top_phrases"));

        Dataset<Row> rows = groups.join(top, keys, "left")
                .join(emerging(weekly, window, f), new String[]{"week_start", "category"}, "left")
                .select(col("week_start"), col("category"), col("item"), col("channel"), col("texts"), col("subscribers"),
                        col("anonymous_texts"), col("negative_texts"),
                        ReportWindow.ratio(col("negative_texts"), col("texts")).as("negative_share"),
                        round(col("sentiment_mean"), 4).as("sentiment_mean"), col("ratings"),
                        round(col("rating_mean"), 4).as("rating_mean"),
                        coalesce(col("top_phrases"), array().cast("array<string>")).as("top_phrases"),
                        coalesce(col("emerging_phrases"), array().cast("array<string>")).as("emerging_phrases"),
                        transform(col("_examples"), x -> x.getField("feedback_id")).as("example_ids"));
        return Redaction.redact(window.stamp(rows), "subscribers", MEASURES, s.minSubscribers());
    }

    /**
     * Per window week and category, the terms in at least min-count texts of the week and in at
     * least lift × (their mean count over the baseline-weeks before + 1): the +1 keeps a term
     * never seen before from emerging on a couple of texts. Most texts first.
     */
    static Dataset<Row> emerging(Dataset<Row> weekly, ReportWindow window, Settings f) {
        Dataset<Row> counts = weekly.select(col("week_start"), col("category"), explode(array_distinct(col("terms"))).as("term"))
                .groupBy("week_start", "category", "term").count();
        Dataset<Row> weeks = weekly.where(window.containsDate(col("event_date"))).select("week_start", "category").distinct();
        Dataset<Row> current = counts.join(weeks, new String[]{"week_start", "category"}).where(col("count").geq(f.minCount()));
        // Both sides come from the same counts: the baseline's columns are renamed, so that the join
        // compares two rows' values and not a column with itself.
        Dataset<Row> before = counts.select(col("week_start").as("_week"), col("category").as("_category"),
                col("term").as("_term"), col("count").as("_before"));
        Column sameTerm = col("_category").equalTo(col("category")).and(col("_term").equalTo(col("term")));
        Column inBaseline = col("_week").lt(col("week_start"))
                .and(col("_week").geq(date_sub(col("week_start"), 7 * f.baselineWeeks())));
        Dataset<Row> baseline = current.join(before, sameTerm.and(inBaseline), "left")
                .groupBy("week_start", "category", "term", "count")
                .agg(coalesce(sum("_before"), lit(0L)).divide(f.baselineWeeks()).as("_baseline"));
        return baseline.where(col("count").geq(col("_baseline").plus(1).multiply(f.lift())))
                .groupBy("week_start", "category")
                .agg(slice(transform(sort_array(collect_list(struct(col("count"), col("term"))), false), x -> x.getField("term")),
                        1, f.emerging()).as("emerging_phrases"));
    }

    /** Every figure of a row, withheld together when the row has too few writers. */
    static final List<String> MEASURES = List.of("texts", "anonymous_texts", "negative_texts", "negative_share",
            "sentiment_mean", "ratings", "rating_mean", "top_phrases", "emerging_phrases", "example_ids");
}
