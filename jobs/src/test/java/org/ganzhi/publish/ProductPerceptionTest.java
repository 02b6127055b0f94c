package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * gold.product_perception on hand-made evaluations: AI_ASSISTANT (in validation) is weak on
 * accuracy and middling elsewhere, SMART_HOME is sound, NEW_X has too few evaluations; three
 * launched products P1..P3 score 4.5, 3.5 and 2.5 and are talked about with negative shares 0.1,
 * 0.3 and 0.5 (mean 0.3): the line share = 1.0 - 0.2 x score. Defaults: target 4, gate at mean 3 /
 * 30 % low scores / 10 evaluations / a predicted share 10 points above the launched ones', k = 2.
 */
class ProductPerceptionTest extends SparkTestBase {
    private static final LocalDate D = LocalDate.of(2026, 11, 10);
    private Dataset<Row> evaluations;
    private Dataset<Row> texts;
    private Dataset<Row> funnel;
    private Dataset<Row> table;

    @BeforeAll
    void compute() {
        // Products alternate two scores on every dimension (P1: 4 and 5, a mean of 4.5); AI_ASSISTANT scores accuracy 2.
        evaluations = spark.sql("""
                SELECT product_id, phase, IF(i % 2 = 0, 'CUSTOMER', 'INTERNAL') evaluator_kind,
                       CAST(IF(i % 2 = 0, lo, hi) AS INT) conciseness, CAST(coalesce(acc, IF(i % 2 = 0, lo, hi)) AS INT) accuracy,
                       CAST(IF(i % 2 = 0, lo, hi) AS INT) consistency, CAST(IF(i % 2 = 0, lo, hi) AS INT) operability,
                       CAST(IF(i % 2 = 0, lo, hi) AS INT) convenience, CAST(IF(i % 2 = 0, lo, hi) AS INT) speed,
                       CAST(IF(i % 2 = 0, lo, hi) AS INT) interactivity, CAST(IF(i % 2 = 0, lo, hi) AS INT) attention
                FROM VALUES ('AI_ASSISTANT', 'PRE_LAUNCH', 3, 4, 2, 10), ('SMART_HOME', 'PRE_LAUNCH', 4, 4, NULL, 10),
                            ('NEW_X', 'PRE_LAUNCH', 4, 4, NULL, 3), ('P1', 'POST_LAUNCH', 4, 5, NULL, 20),
                            ('P2', 'POST_LAUNCH', 3, 4, NULL, 20), ('P3', 'POST_LAUNCH', 2, 3, NULL, 20)
                     AS p(product_id, phase, lo, hi, acc, n)
                LATERAL VIEW explode(sequence(1, n)) t AS i""");
        texts = spark.sql("""
                SELECT product_id, IF(i % 2 = 0, 'A', 'B') msisdn, IF(i <= negative, 'NEGATIVE', 'NEUTRAL') sentiment_label
                FROM VALUES ('P1', 2), ('P2', 6), ('P3', 10), ('AI_ASSISTANT', 1) AS p(product_id, negative)
                LATERAL VIEW explode(sequence(1, 20)) t AS i""");
        funnel = spark.sql("SELECT 'P1' product_id, 'ACCEPTANCE' stage, 50L subscribers, 0.25D conversion_from_awareness");
        table = compute(Map.of()).cache();
    }

    private Dataset<Row> compute(Map<String, ?> overrides) {
        ProductPerception.Settings s = ProductPerception.Settings.from(GanzhiConfig.defaults().with(overrides));
        return ProductPerception.compute(spark, evaluations, Optional.of(texts), Optional.of(funnel), D, GoldTestRows.settings(), s);
    }

    @Test
    void aWeakDimensionBlocksTheLaunchAndSaysWhy() {
        Row accuracy = GoldTestRows.only(table, "product_id = 'AI_ASSISTANT' AND dimension = 'accuracy'");
        assertEquals(10L, (long) accuracy.getAs("evaluations"));
        assertEquals(5L, (long) accuracy.getAs("customer_evaluations"));
        assertEquals(2.0, accuracy.<Double>getAs("mean_score"), 1e-9);
        assertEquals(1.0, accuracy.<Double>getAs("low_share"), 1e-9);
        assertEquals(-2.0, accuracy.<Double>getAs("gap"), 1e-9);
        assertEquals(true, accuracy.getAs("below_threshold"));
        assertEquals("BLOCK", accuracy.getAs("launch_gate"));
        assertEquals(List.of("accuracy mean 2.00, low scores 100 %"), accuracy.getList(accuracy.fieldIndex("gate_reasons")));
        assertEquals(List.of("accuracy", "attention", "conciseness"), accuracy.getList(accuracy.fieldIndex("weakest_dimensions")),
                "below the target of 4, weakest first, three of them");
        // AI_ASSISTANT's mean over its dimensions: (2 + 7 x 3.5) / 8 = 3.3125 -> 1.0 - 0.2 x 3.3125, within 0.3 + 0.1.
        assertEquals(0.3375, accuracy.<Double>getAs("predicted_negative_share"), 1e-9);
        assertNull(accuracy.getAs("feedback_texts"), "its texts are not reported before launch");
    }

    @Test
    void aSoundProductPassesAndOneWithoutEvidenceIsNotJudged() {
        Row smartHome = GoldTestRows.only(table, "product_id = 'SMART_HOME' AND dimension = 'speed'");
        assertEquals("PASS", smartHome.getAs("launch_gate"));
        assertEquals(List.of(), smartHome.getList(smartHome.fieldIndex("gate_reasons")));
        assertEquals(0.2, smartHome.<Double>getAs("predicted_negative_share"), 1e-9);
        Row newX = GoldTestRows.only(table, "product_id = 'NEW_X' AND dimension = 'speed'");
        assertEquals("NOT_ENOUGH_EVIDENCE", newX.getAs("launch_gate"));
        assertNull(newX.getAs("below_threshold"), "3 evaluations judge nothing");
    }

    @Test
    void aLaunchedProductCarriesItsCustomersVoiceAndNoGate() {
        Row p1 = GoldTestRows.only(table, "product_id = 'P1' AND dimension = 'speed'");
        assertEquals(4.5, p1.<Double>getAs("mean_score"), 1e-9);
        assertEquals(20L, (long) p1.getAs("feedback_texts"));
        assertEquals(0.1, p1.<Double>getAs("negative_feedback_share"), 1e-9);
        assertEquals(50L, (long) p1.getAs("adopters"));
        assertEquals(0.25, p1.<Double>getAs("adoption_conversion"), 1e-9);
        assertNull(p1.getAs("launch_gate"));
        assertNull(p1.getAs("predicted_negative_share"));
    }

    @Test
    void aPredictedNegativeShareAboveTheLaunchedProductsBlocksToo() {
        Dataset<Row> strict = compute(Map.of("ganzhi.publish.product-perception.gate.max-predicted-excess", 0.0));
        Row smartHome = GoldTestRows.only(strict, "product_id = 'SMART_HOME' AND dimension = 'speed'");
        assertEquals("PASS", smartHome.getAs("launch_gate"), "0.20 is below the launched products' 0.30");
        Row ai = GoldTestRows.only(strict, "product_id = 'AI_ASSISTANT' AND dimension = 'speed'");
        assertEquals(List.of("accuracy mean 2.00, low scores 100 %", "predicted negative feedback share 34 % > launched products' "
                + "30 % + 0 points"), ai.getList(ai.fieldIndex("gate_reasons")));
    }

    @Test
    void whenBetterScoresDoNotMeanFewerNegativeTextsNothingIsPredicted() {
        // P3, the worst scored, is talked about best: the line rises, so the scores predict nothing here.
        Dataset<Row> flipped = texts.withColumn("sentiment_label", org.apache.spark.sql.functions.expr(
                "CASE WHEN product_id = 'P3' THEN 'NEUTRAL' WHEN product_id = 'P1' THEN 'NEGATIVE' ELSE sentiment_label END"));
        ProductPerception.Settings s = ProductPerception.Settings.from(GanzhiConfig.defaults());
        Row ai = GoldTestRows.only(ProductPerception.compute(spark, evaluations, Optional.of(flipped), Optional.of(funnel), D,
                GoldTestRows.settings(), s), "product_id = 'AI_ASSISTANT' AND dimension = 'speed'");
        assertNull(ai.getAs("predicted_negative_share"));
        assertEquals(List.of("accuracy mean 2.00, low scores 100 %"), ai.getList(ai.fieldIndex("gate_reasons")));
    }
}
