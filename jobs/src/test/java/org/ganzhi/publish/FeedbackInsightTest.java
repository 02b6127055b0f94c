package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gold.feedback_insight on a few texts, run date Tue 2026-11-10, 7-day window (Nov 4..10: the
 * weeks of Mon Nov 2 and Mon Nov 9), k = 2; emerging: min-count 5, lift 3, 4 baseline weeks.
 */
class FeedbackInsightTest extends SparkTestBase {
    private static final LocalDate D = LocalDate.of(2026, 11, 10);
    private final FeedbackInsight.Settings insight = FeedbackInsight.Settings.from(GanzhiConfig.defaults());
    private Dataset<Row> table;

    @BeforeAll
    void compute() {
        Dataset<Row> texts = spark.sql("""
                SELECT feedback_id, msisdn, CAST(ts AS TIMESTAMP) ts, CAST(event_date AS DATE) event_date, channel,
                       product_id, service_item, CAST(rating AS INT) rating, category, CAST(sentiment AS DOUBLE) sentiment,
                       sentiment_label, terms FROM VALUES
                  ('f1', 'A', '2026-11-09 01:00:00', '2026-11-09', 'APP', NULL, NULL, 1, 'BILLING', -0.8, 'NEGATIVE', array('bill', 'double charge')),
                  ('f2', 'B', '2026-11-09 02:00:00', '2026-11-09', 'APP', NULL, NULL, 1, 'BILLING', -0.6, 'NEGATIVE', array('bill', 'double charge')),
                  ('f3', 'C', '2026-11-09 03:00:00', '2026-11-09', 'APP', NULL, NULL, NULL, 'BILLING', -0.4, 'NEGATIVE', array('bill', 'double charge', 'bill')),
                  ('f4', 'A', '2026-11-10 01:00:00', '2026-11-10', 'APP', NULL, NULL, NULL, 'BILLING', -0.2, 'NEGATIVE', array('bill', 'double charge')),
                  ('f5', 'B', '2026-11-10 02:00:00', '2026-11-10', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill', 'double charge')),
                  ('f6', 'C', '2026-11-10 03:00:00', '2026-11-10', 'APP', NULL, NULL, NULL, 'BILLING', 0.1, 'NEUTRAL', array('bill', 'double charge')),
                  ('f7', NULL, '2026-11-10 04:00:00', '2026-11-10', 'APP', NULL, NULL, NULL, 'BILLING', 0.2, 'NEUTRAL', array('bill')),
                  ('e1', 'E', '2026-11-05 01:00:00', '2026-11-05', 'HOTLINE', '5G_BOOST', NULL, NULL, 'NETWORK', -0.5, 'NEGATIVE', array('slow')),
                  ('e2', 'E', '2026-11-06 01:00:00', '2026-11-06', 'HOTLINE', '5G_BOOST', NULL, NULL, 'NETWORK', -0.5, 'NEGATIVE', array('slow')),
                  ('e0', 'F', '2026-11-03 01:00:00', '2026-11-03', 'HOTLINE', '5G_BOOST', NULL, NULL, 'NETWORK', -0.5, 'NEGATIVE', array('slow')),
                  ('b1', 'G', '2026-10-27 01:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('b2', 'G', '2026-10-27 02:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('b3', 'G', '2026-10-27 03:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('b4', 'G', '2026-10-27 04:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('b5', 'G', '2026-10-28 01:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('b6', 'G', '2026-10-28 02:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('b7', 'G', '2026-10-28 03:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('b8', 'G', '2026-10-28 04:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'BILLING', 0.0, 'NEUTRAL', array('bill')),
                  ('n1', 'H', '2026-10-27 01:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge')),
                  ('n2', 'H', '2026-10-27 02:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge')),
                  ('n3', 'H', '2026-10-27 03:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge')),
                  ('n4', 'H', '2026-10-27 04:00:00', '2026-10-27', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge')),
                  ('n5', 'H', '2026-10-28 01:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge')),
                  ('n6', 'H', '2026-10-28 02:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge')),
                  ('n7', 'H', '2026-10-28 03:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge')),
                  ('n8', 'H', '2026-10-28 04:00:00', '2026-10-28', 'APP', NULL, NULL, NULL, 'PRODUCT', 0.0, 'NEUTRAL', array('double charge'))
                AS t(feedback_id, msisdn, ts, event_date, channel, product_id, service_item, rating, category, sentiment,
                     sentiment_label, terms)""");
        table = FeedbackInsight.compute(texts, D, GoldTestRows.settings(), insight).cache();
    }

    @Test
    void aWeekOfTextsIsCountedWithItsNegativeShareRatingsAndPhrases() {
        Row billing = GoldTestRows.only(table, "week_start = DATE'2026-11-09' AND category = 'BILLING'");
        assertEquals("(none)", billing.getAs("item"));
        assertEquals(List.of(7L, 3L, 1L, 4L), List.of(billing.<Long>getAs("texts"), billing.<Long>getAs("subscribers"),
                billing.<Long>getAs("anonymous_texts"), billing.<Long>getAs("negative_texts")), "an anonymous text is no writer");
        assertEquals(4.0 / 7, billing.<Double>getAs("negative_share"), 1e-9);
        assertEquals(2L, (long) billing.getAs("ratings"));
        assertEquals(1.0, billing.<Double>getAs("rating_mean"), 1e-9);
        assertEquals(List.of("bill", "double charge"), billing.getList(billing.fieldIndex("top_phrases")),
                "bill is in all 7 texts, double charge in 6");
        assertEquals(List.of("f4", "f3", "f2"), billing.getList(billing.fieldIndex("example_ids")), "negative texts, newest first");
        assertEquals(false, billing.getAs(Redaction.REDACTED));
    }

    @Test
    void aPhraseEmergesAgainstTheWeeksBeforeIt() {
        Row billing = GoldTestRows.only(table, "week_start = DATE'2026-11-09' AND category = 'BILLING'");
        // double charge: 6 texts, never before in BILLING (PRODUCT's 8 of the baseline are another
        // category's): 6 >= 3 x (0 + 1). bill: 7 texts against 8 in the baseline's four weeks
        // (2 a week): 7 < 3 x (2 + 1).
        assertEquals(List.of("double charge"), billing.getList(billing.fieldIndex("emerging_phrases")));
    }

    @Test
    void aGroupOfOneWriterIsRedactedAndADayBeforeTheWindowIsNotCounted() {
        Row network = GoldTestRows.only(table, "category = 'NETWORK'");
        assertEquals(java.sql.Date.valueOf("2026-11-02"), network.getAs("week_start"));
        assertEquals("5G_BOOST", network.getAs("item"));
        // One writer, E: e0 of Nov 3 is before the window, or F would make two and lift the redaction.
        assertTrue(network.<Boolean>getAs(Redaction.REDACTED));
        assertNull(network.getAs("subscribers"));
        assertNull(network.getAs("texts"));
        assertNull(network.getAs("example_ids"));
        assertEquals(2, table.count(), "the baseline weeks make no rows");
    }
}
