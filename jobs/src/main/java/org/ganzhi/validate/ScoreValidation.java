package org.ganzhi.validate;

import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * How well each score ranks the subscribers who then had an outcome: per score and outcome label,
 * the AUC (0.5 = no signal, 1 = every positive ranked above every negative) and the top-decile
 * lift (outcome rate of the riskiest tenth / the overall rate). A score is read in its risk
 * direction: a low perception index is risk, a high churn_risk is. Rows without the label are
 * left out; rows without the score are counted out of {@code coverage}, not imputed.
 */
public final class ScoreValidation {
    private static final String LABEL = "_label";
    private static final String RISK = "_risk";

    private ScoreValidation() {
    }

    /** A column to validate and which way is risk. */
    public record Score(String column, boolean higherIsRisk) implements Serializable {
    }

    /**
     * One score against one outcome. auc and topDecileLift are null when the scored rows hold only
     * one class. coverage: the share of labelled rows that have the score.
     */
    public record Metric(String score, String outcome, long examples, long positives, double coverage, Double auc,
                         Double topDecileLift) implements Serializable {
    }

    /** Every score against every label column of {@code labelled} (labels 0/1/null). */
    public static List<Metric> evaluate(Dataset<Row> labelled, List<Score> scores, List<String> labels) {
        List<Metric> metrics = new ArrayList<>();
        for (String label : labels) {
            Dataset<Row> known = labelled.where(col(label).isNotNull());
            Row all = known.agg(count(lit(1)), coalesce(sum(col(label)), lit(0L))).first();
            long examples = all.getLong(0);
            long positives = ((Number) all.get(1)).longValue();
            for (Score score : scores) {
                Column risk = score.higherIsRisk() ? col(score.column()).cast("double") : negate(col(score.column()).cast("double"));
                Dataset<Row> scored = known.where(col(score.column()).isNotNull())
                        .select(col(label).cast("double").as(LABEL), risk.as(RISK));
                metrics.add(metric(scored, score.column(), label, examples, positives));
            }
        }
        return List.copyOf(metrics);
    }

    private static Metric metric(Dataset<Row> scored, String score, String label, long examples, long positives) {
        Row counts = scored.agg(count(lit(1)), coalesce(sum(col(LABEL)), lit(0.0)), countDistinct(col(RISK))).first();
        long n = counts.getLong(0);
        double scoredPositives = counts.getDouble(1);
        double coverage = examples == 0 ? 0 : (double) n / examples;
        if (scoredPositives == 0 || scoredPositives == n) {
            return new Metric(score, label, examples, positives, coverage, null, null);
        }
        double auc = new BinaryClassificationEvaluator().setLabelCol(LABEL).setRawPredictionCol(RISK)
                .setMetricName("areaUnderROC").evaluate(scored);
        double cut = scored.stat().approxQuantile(RISK, new double[]{0.9}, 1e-4)[0];
        Row top = scored.where(col(RISK).geq(cut)).agg(avg(col(LABEL))).first();
        double rate = scoredPositives / n;
        return new Metric(score, label, examples, positives, coverage, auc, top.isNullAt(0) ? null : top.getDouble(0) / rate);
    }
}
