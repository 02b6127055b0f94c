package org.ganzhi.text;

import org.apache.spark.sql.Row;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The voice of the customer against the planted truth of the shared generated lake
 * ({@link GeneratedLake}): the text stage ('text' as of Nov 21 catches up the month's feedback),
 * the perception evidence it gives, and the product perception and launch gate published on Nov 21.
 * Text accuracy is measured on the texts the model did not learn from: no agent label, no star
 * rating. The model learnt from Ganzhi's seed corpus and the lake's agent-labelled transcripts and
 * rated texts; the generator's phrase banks were written separately from the seed corpus.
 */
class VoiceOfCustomerLakeTest extends SparkTestBase {
    private String lake;

    @BeforeAll
    void views() throws Exception {
        lake = GeneratedLake.accuracyLake();
        spark.read().format("delta").load(lake + "/text/feedback").createOrReplaceTempView("scored");
        spark.read().format("delta").load(lake + "/silver/feedback").createOrReplaceTempView("feedback");
        spark.read().parquet(lake + "/truth/feedback").createOrReplaceTempView("planted");
        spark.read().parquet(lake + "/truth/product_validation").createOrReplaceTempView("planted_products");
        spark.read().format("delta").load(lake + "/gold/product_perception").createOrReplaceTempView("products");
        spark.read().format("delta").load(lake + "/perception/subscriber_score").createOrReplaceTempView("scores");
        spark.sql("""
                SELECT s.*, p.category AS true_category, p.sentiment AS true_sentiment, p.language AS true_language
                FROM scored s JOIN planted p ON p.feedback_id = s.feedback_id
                WHERE s.category_source = 'MODEL' AND s.rating IS NULL""").createOrReplaceTempView("unseen");
    }

    @Test
    void everyTextOfTheMonthIsScoredOnce() {
        Row counts = spark.sql("""
                SELECT (SELECT count(*) FROM scored), (SELECT count(DISTINCT feedback_id) FROM scored),
                       (SELECT count(*) FROM feedback WHERE event_date BETWEEN DATE'2026-10-23' AND DATE'2026-11-21'),
                       (SELECT count(*) FROM scored s JOIN planted p USING (feedback_id))""").first();
        assertTrue(counts.getLong(0) > 5_000, "texts scored: " + counts);
        assertEquals(counts.getLong(0), counts.getLong(1), "one row per text: " + counts);
        assertEquals(counts.getLong(2), counts.getLong(0), "every silver text of the catch-up window: " + counts);
        assertEquals(counts.getLong(0), counts.getLong(3), "every scored text is a planted one: " + counts);
    }

    @Test
    void everyCleanDeliveredTextHasItsTruthAndEveryNamedWriterIsASubscriber() {
        Row truth = spark.sql("""
                SELECT (SELECT sum(rows) FROM parquet.`%1$s/truth/delivered_rows` WHERE source = 'feedback'),
                       (SELECT count(*) FROM planted),
                       (SELECT count(*) FROM planted WHERE anonymous = (msisdn_pseudonym IS NOT NULL)),
                       (SELECT count(*) FROM planted p LEFT ANTI JOIN parquet.`%1$s/truth/subscriber` s
                          ON p.msisdn_pseudonym = s.msisdn_pseudonym WHERE NOT p.anonymous)""".formatted(lake)).first();
        assertEquals(truth.getLong(0), truth.getLong(1), "a truth record per clean delivered text: " + truth);
        assertEquals(0L, truth.getLong(2), "anonymous exactly when there is no writer: " + truth);
        assertEquals(0L, truth.getLong(3), "a named writer is a planted subscriber: " + truth);
    }

    @Test
    void theCategoryIsThePlantedOneForChineseAndEnglishTexts() {
        List<Row> rows = sql("""
                SELECT true_language, count(*), avg(CASE WHEN category_predicted = true_category THEN 1.0 ELSE 0.0 END)
                FROM unseen GROUP BY 1 ORDER BY 1""");
        System.out.println("category = planted category, texts no model learnt from: " + rows);
        for (String language : List.of("ZH", "EN")) {
            Row r = rows.stream().filter(x -> x.getString(0).equals(language)).findFirst().orElseThrow();
            assertTrue(r.getLong(1) > 500, language + " texts: " + rows);
            assertTrue(r.getDecimal(2).doubleValue() >= 0.90, language + " category accuracy: " + rows);
        }
    }

    @Test
    void theSentimentSignIsThePlantedOneForChineseAndEnglishTexts() {
        List<Row> rows = sql("""
                SELECT true_language, count(*),
                       avg(CASE WHEN (true_sentiment = 'NEGATIVE') = (sentiment < 0) THEN 1.0 ELSE 0.0 END),
                       avg(CASE WHEN sentiment_label = true_sentiment THEN 1.0 ELSE 0.0 END)
                FROM unseen WHERE true_sentiment <> 'NEUTRAL' GROUP BY 1 ORDER BY 1""");
        System.out.println("sentiment sign = planted sign (negative and positive texts), and label: " + rows);
        for (String language : List.of("ZH", "EN")) {
            Row r = rows.stream().filter(x -> x.getString(0).equals(language)).findFirst().orElseThrow();
            assertTrue(r.getDecimal(2).doubleValue() >= 0.90, language + " sentiment sign: " + rows);
        }
    }

    @Test
    void noRawNumberOrAddressReachesTheText() {
        Row leaks = spark.sql("""
                SELECT count_if(text RLIKE '1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}'), count_if(text RLIKE '[A-Za-z0-9._-]+@[A-Za-z0-9.-]+'),
                       count_if(text LIKE '%[phone:%'), count_if(text LIKE '%[email]%')
                FROM scored""").first();
        assertEquals(0L, leaks.getLong(0), "raw mobile numbers: " + leaks);
        assertEquals(0L, leaks.getLong(1), "raw e-mail addresses: " + leaks);
        assertTrue(leaks.getLong(2) > 0 && leaks.getLong(3) > 0, "the planted numbers and addresses are masked: " + leaks);
    }

    @Test
    void aNegativeTextCostsItsWritersScoreAndIsNamedAsEvidence() {
        Row evidence = spark.sql("""
                WITH named AS (SELECT s.msisdn, e.feedback_id, e.dimension
                               FROM scores s LATERAL VIEW explode(s.negative_feedback) x AS e
                               WHERE s.date = DATE'2026-11-21')
                SELECT count(DISTINCT n.msisdn), count(*), count_if(t.feedback_id IS NULL),
                       count_if(t.sentiment_label <> 'NEGATIVE' OR t.msisdn <> n.msisdn OR t.category <> n.dimension)
                FROM named n LEFT JOIN scored t ON t.feedback_id = n.feedback_id""").first();
        assertTrue(evidence.getLong(0) > 100, "subscribers with negative texts named: " + evidence);
        assertEquals(0L, evidence.getLong(2), "every named text is in text.feedback: " + evidence);
        assertEquals(0L, evidence.getLong(3), "... a negative text of that subscriber about that dimension: " + evidence);
        // Points need named texts; named texts may cost nothing when their dimension is already at 0.
        Row points = spark.sql("""
                SELECT count_if(feedback_points > 0), count_if(feedback_points > 0 AND size(negative_feedback) = 0),
                       max(feedback_points)
                FROM scores WHERE date = DATE'2026-11-21'""").first();
        assertTrue(points.getLong(0) > 100, "subscribers whose texts cost points: " + points);
        assertEquals(0L, points.getLong(1), "no points without named texts: " + points);
        assertTrue(points.getDouble(2) <= 18.0, "at most feedback-cost.max-points: " + points);
    }

    @Test
    void thePlantedWeakDimensionsAreTheOnesBelowThreshold() {
        Row found = spark.sql("""
                SELECT count_if(p.weak AND g.below_threshold), count_if(g.below_threshold), count_if(p.weak), count(*)
                FROM planted_products p JOIN products g
                  ON g.product_id = p.product_id AND g.phase = p.phase AND g.dimension = p.dimension
                WHERE g.date = DATE'2026-11-21'""").first();
        System.out.println("weak dimensions found (both, found, planted, rows): " + found);
        assertTrue(found.getLong(3) >= 40, "every product's dimensions are published: " + found);
        assertTrue(found.getLong(2) > 0, found.toString());
        double precision = (double) found.getLong(0) / found.getLong(1);
        double recall = (double) found.getLong(0) / found.getLong(2);
        assertTrue(precision >= 0.9 && recall >= 0.9, "precision " + precision + ", recall " + recall + ": " + found);
    }

    @Test
    void theLaunchGateBlocksEveryRiskyProductAndNoHealthyOne() {
        List<Row> gates = sql("""
                SELECT p.product_id, max(p.risky), max(g.launch_gate)
                FROM planted_products p JOIN products g ON g.product_id = p.product_id AND g.phase = p.phase
                WHERE g.date = DATE'2026-11-21' AND p.phase = 'PRE_LAUNCH' GROUP BY 1 ORDER BY 1""");
        System.out.println("launch gates (product, planted risky, verdict): " + gates);
        assertTrue(gates.stream().anyMatch(r -> r.getBoolean(1)) && gates.stream().anyMatch(r -> !r.getBoolean(1)), gates.toString());
        for (Row gate : gates) {
            assertEquals(gate.getBoolean(1) ? "BLOCK" : "PASS", gate.getString(2), gates.toString());
        }
    }
}
