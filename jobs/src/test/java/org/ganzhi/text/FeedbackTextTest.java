package org.ganzhi.text;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedbackTextTest extends SparkTestBase {
    private final TextSettings settings = TextSettings.from(GanzhiConfig.defaults());

    @Test
    void termsAreTheWordsThenEachPairOfNeighbours() {
        assertEquals(List.of("信号", "差", "掉线", "信号 差", "差 掉线"), FeedbackText.terms(List.of("信号", "差", "掉线")));
        assertEquals(List.of("ok"), FeedbackText.terms(List.of("ok")));
        assertEquals(List.of(), FeedbackText.terms(List.of()));
    }

    @Test
    void aTextIsReadOnceIntoItsLanguageTermsAndLexiconSentiment() {
        StructType schema = new StructType().add("id", "string").add("text", "string");
        List<Row> read = FeedbackText.read(spark.createDataFrame(List.of(
                RowFactory.create("zh", "信号太差了，<br>经常掉线 [phone:0123456789abcdef]"),
                RowFactory.create("en", "The staff were really helpful"),
                RowFactory.create("none", null)), schema), "text", new TextAnalyzer(settings.lexicon()))
                .orderBy("id").collectAsList();
        Row en = read.get(0);
        Row zh = read.get(2);
        assertEquals("ZH", zh.getAs(FeedbackText.LANGUAGE));
        assertTrue(!zh.<String>getAs(FeedbackText.CLEAN_TEXT).contains("<br>"), "HTML is gone: " + zh);
        List<String> terms = zh.getList(zh.fieldIndex(FeedbackText.TERMS));
        assertTrue(terms.contains("信号") && terms.contains("掉线"), terms.toString());
        assertTrue(terms.stream().noneMatch(t -> t.contains("phone") || t.contains("0123")), "masks are no words: " + terms);
        assertTrue(zh.<Double>getAs(FeedbackText.SENTIMENT_LEXICON) < 0, zh.toString());
        assertEquals("EN", en.getAs(FeedbackText.LANGUAGE));
        assertTrue(en.<Double>getAs(FeedbackText.SENTIMENT_LEXICON) > 0, en.toString());
        Row none = read.get(1);
        assertEquals("UNKNOWN", none.getAs(FeedbackText.LANGUAGE));
        assertEquals(0, none.getList(none.fieldIndex(FeedbackText.TERMS)).size());
    }

    @Test
    void theSentimentWeighsLexiconAndModelAndNamesTheLabel() {
        StructType schema = new StructType().add("id", "string").add(FeedbackText.SENTIMENT_LEXICON, "double")
                .add(FeedbackModel.SENTIMENT_MODEL, "double");
        List<Row> rows = FeedbackText.sentiment(spark.createDataFrame(List.of(
                RowFactory.create("a", -0.6, -0.8), RowFactory.create("b", 0.5, -0.3), RowFactory.create("c", 0.2, null)),
                schema), settings).orderBy("id").collectAsList();
        // lexicon-weight 0.5: the mean of both; threshold 0.15.
        assertEquals(-0.7, rows.get(0).<Double>getAs("sentiment"), 1e-9);
        assertEquals("NEGATIVE", rows.get(0).getAs("sentiment_label"));
        assertEquals(0.1, rows.get(1).<Double>getAs("sentiment"), 1e-9);
        assertEquals("NEUTRAL", rows.get(1).getAs("sentiment_label"), "the two disagree: neither wins");
        assertEquals(0.2, rows.get(2).<Double>getAs("sentiment"), 1e-9, "no model words: the lexicon alone");
        assertEquals("POSITIVE", rows.get(2).getAs("sentiment_label"));
    }
}
