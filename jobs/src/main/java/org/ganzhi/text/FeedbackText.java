package org.ganzhi.text;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

/**
 * Reading one text, as pure functions of datasets: {@link #read} cleans it and finds its
 * language, words and lexicon sentiment; {@link #sentiment} combines the lexicon with the learned
 * model and names the label. The model itself is {@link FeedbackModel}.
 */
public final class FeedbackText {
    /** The text as read: HTML and full-width forms undone, whitespace collapsed. */
    public static final String CLEAN_TEXT = "clean_text";
    public static final String LANGUAGE = "language";
    /** Words and pairs of neighbouring words ("不 好", "not working"): what the model reads. */
    public static final String TERMS = "terms";
    public static final String SENTIMENT_LEXICON = "sentiment_lexicon";

    private static final StructType READING = new StructType()
            .add(CLEAN_TEXT, DataTypes.StringType)
            .add(LANGUAGE, DataTypes.StringType)
            .add(TERMS, DataTypes.createArrayType(DataTypes.StringType))
            .add(SENTIMENT_LEXICON, DataTypes.DoubleType);

    private FeedbackText() {
    }

    /**
     * Adds {@value #CLEAN_TEXT}, {@value #LANGUAGE}, {@value #TERMS} and {@value #SENTIMENT_LEXICON}
     * read from the column {@code text}. One Lucene pass per text, inside one function, so the
     * text is cleaned and segmented once for all four.
     */
    public static Dataset<Row> read(Dataset<Row> rows, String text, TextAnalyzer analyzer) {
        UserDefinedFunction reading = udf((UDF1<String, Row>) raw -> reading(raw, analyzer), READING);
        return rows.withColumn("_reading", reading.apply(col(text)))
                .withColumn(CLEAN_TEXT, col("_reading." + CLEAN_TEXT))
                .withColumn(LANGUAGE, col("_reading." + LANGUAGE))
                .withColumn(TERMS, col("_reading." + TERMS))
                .withColumn(SENTIMENT_LEXICON, col("_reading." + SENTIMENT_LEXICON))
                .drop("_reading");
    }

    static Row reading(String raw, TextAnalyzer analyzer) {
        if (raw == null) {
            return RowFactory.create(null, "UNKNOWN", new String[0], 0.0);
        }
        String clean = TextAnalyzer.clean(raw);
        return RowFactory.create(clean, TextAnalyzer.language(clean), terms(analyzer.tokens(clean)).toArray(String[]::new),
                analyzer.sentiment(clean));
    }

    /** The words, then each pair of neighbours joined by a space (words never hold one). */
    static List<String> terms(List<String> words) {
        List<String> terms = new ArrayList<>(words.size() * 2);
        terms.addAll(words);
        for (int i = 1; i < words.size(); i++) {
            terms.add(words.get(i - 1) + " " + words.get(i));
        }
        return terms;
    }

    /**
     * Adds {@code sentiment} (−1..1: the lexicon's and the model's, weighted) and
     * {@code sentiment_label}. A text the model has no words for keeps the lexicon's score alone.
     */
    public static Dataset<Row> sentiment(Dataset<Row> scored, TextSettings s) {
        Column model = col(FeedbackModel.SENTIMENT_MODEL);
        Column combined = when(model.isNull(), col(SENTIMENT_LEXICON))
                .otherwise(col(SENTIMENT_LEXICON).multiply(s.lexiconWeight()).plus(model.multiply(1 - s.lexiconWeight())));
        Column sentiment = round(coalesce(combined, lit(0.0)), 4);
        return scored.withColumn("sentiment", sentiment)
                .withColumn("sentiment_label", when(abs(col("sentiment")).lt(s.threshold()), lit("NEUTRAL"))
                        .when(col("sentiment").lt(0), lit("NEGATIVE")).otherwise(lit("POSITIVE")));
    }
}
