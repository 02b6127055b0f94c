package org.ganzhi.validate;

import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

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

    /**
     * Every score against every label column of {@code labelled} (labels 0/1/null). Per label, the
     * counts, the top-decile cuts and the lifts of all scores come from one pass each; the AUC
     * takes one evaluation per score.
     */
    public static List<Metric> evaluate(Dataset<Row> labelled, List<Score> scores, List<String> labels) {
        List<Metric> metrics = new ArrayList<>();
        for (String label : labels) {
            Dataset<Row> known = labelled.where(col(label).isNotNull()).select(risks(scores, col(label))).cache();
            try {
                List<Column> counts = new ArrayList<>(List.of(count(lit(1)), coalesce(sum(col(LABEL)), lit(0.0))));
                for (int i = 0; i < scores.size(); i++) {
                    counts.add(count(col(RISK + i)));
                    counts.add(coalesce(sum(when(col(RISK + i).isNotNull(), col(LABEL))), lit(0.0)));
                }
                Row c = known.agg(counts.get(0), counts.subList(1, counts.size()).toArray(Column[]::new)).first();
                long examples = c.getLong(0);
                long positives = Math.round(c.getDouble(1));
                String[] riskColumns = IntStream.range(0, scores.size()).mapToObj(i -> RISK + i).toArray(String[]::new);
                double[][] cuts = known.stat().approxQuantile(riskColumns, new double[]{0.9}, 1e-4);
                // The riskiest tenth is the rows at or above the 0.9 quantile; when most rows tie at the cut
                // (a driver that is 100 for nine subscribers in ten), the rows strictly above it.
                List<Column> tops = new ArrayList<>();
                for (int i = 0; i < scores.size(); i++) {
                    Column risk = col(RISK + i);
                    double cut = cuts[i].length == 0 ? Double.NaN : cuts[i][0];
                    tops.add(avg(when(risk.gt(cut), col(LABEL))));
                    tops.add(avg(when(risk.geq(cut), col(LABEL))));
                    tops.add(avg(when(risk.geq(cut), lit(1.0)).otherwise(lit(0.0))));
                }
                Row top = known.agg(tops.get(0), tops.subList(1, tops.size()).toArray(Column[]::new)).first();
                for (int i = 0; i < scores.size(); i++) {
                    long n = c.getLong(2 + 2 * i);
                    double scoredPositives = c.getDouble(3 + 2 * i);
                    double coverage = examples == 0 ? 0 : (double) n / examples;
                    if (scoredPositives == 0 || scoredPositives == n) {
                        metrics.add(new Metric(scores.get(i).column(), label, examples, positives, coverage, null, null));
                        continue;
                    }
                    Dataset<Row> scored = known.where(col(RISK + i).isNotNull()).select(col(LABEL), col(RISK + i).as(RISK));
                    double auc = new BinaryClassificationEvaluator().setLabelCol(LABEL).setRawPredictionCol(RISK)
                            .setMetricName("areaUnderROC").evaluate(scored);
                    boolean tied = !top.isNullAt(3 * i + 2) && top.getDouble(3 * i + 2) > 0.5 && !top.isNullAt(3 * i);
                    int chosen = tied ? 3 * i : 3 * i + 1;
                    Double lift = top.isNullAt(chosen) ? null : top.getDouble(chosen) / (scoredPositives / n);
                    metrics.add(new Metric(scores.get(i).column(), label, examples, positives, coverage, auc, lift));
                }
            } finally {
                known.unpersist();
            }
        }
        return List.copyOf(metrics);
    }

    /** The label as {@value #LABEL} and each score in its risk direction as {@value #RISK}0, 1, ... */
    private static Column[] risks(List<Score> scores, Column label) {
        List<Column> columns = new ArrayList<>(List.of(label.cast("double").as(LABEL)));
        for (int i = 0; i < scores.size(); i++) {
            Column value = col(scores.get(i).column()).cast("double");
            columns.add((scores.get(i).higherIsRisk() ? value : negate(value)).as(RISK + i));
        }
        return columns.toArray(Column[]::new);
    }
}
