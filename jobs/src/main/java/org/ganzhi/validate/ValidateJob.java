package org.ganzhi.validate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.calibrate.CalibrateSettings;
import org.ganzhi.calibrate.OutcomeFeeds;
import org.ganzhi.calibrate.Outcomes;
import org.ganzhi.catalog.StageInputs;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.common.TextTable;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.perception.PerceptionSettings;

import java.io.PrintStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.*;

/**
 * 'ganzhi validate': how well every score of a scored date D ranks what subscribers did on the
 * days D+1 .. D+horizon-days (complaint tickets, surveys, subscriber snapshots and, when the
 * operator supplies it, the outcome feed; see {@link Outcomes}). The scores: the perception
 * index, the experience level (by rank), each dimension and driver score, the complaint points,
 * and the published complaint and churn risk when publish ran for D. Nothing is written; the
 * table is printed and the figures are in the run summary. This is how an operator checks Ganzhi
 * on its own history (docs/validate-on-own-data.md).
 */
public final class ValidateJob {
    /** Experience levels from the worst: the rank is the level's index. */
    static final List<String> LEVELS = List.of("NEGATIVE", "NONE", "LOW", "MEDIUM", "HIGH");

    private ValidateJob() {
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary,
                           PrintStream out) {
        summary.startStage("validate");
        CalibrateSettings settings = CalibrateSettings.from(config);
        PerceptionSettings perception = PerceptionSettings.from(config);
        StageInputs inputs = new StageInputs(spark, lake, "validate", date);
        Dataset<Row> scores = inputs.requireRows(Tables.SUBSCRIBER_SCORE,
                inputs.read(Tables.SUBSCRIBER_SCORE).where(col("date").equalTo(lit(Date.valueOf(date)))));
        Optional<Dataset<Row>> risks = published(inputs, date);
        if (risks.isEmpty()) {
            summary.warn("no " + Tables.SUBSCRIBER_PERCEPTION + " for " + date + ": the risks are not validated");
        }
        Dataset<Row> rows = risks.map(r -> scores.join(r, new String[]{"msisdn"}, "left")).orElse(scores)
                .withColumn("experience_rank", array_position(lit(LEVELS.toArray(String[]::new)),
                        col("experience_level")).cast("int").minus(1));
        LocalDate lastOutcomeDay = date.plusDays(settings.horizonDays());
        Dataset<Row> labels = OutcomeFeeds.label(spark, inputs, rows.select("msisdn", "date"), date, lastOutcomeDay, settings,
                summary);
        Dataset<Row> labelled = rows.join(labels, new String[]{"msisdn", "date"}).cache();
        try {
            List<ScoreValidation.Metric> metrics = ScoreValidation.evaluate(labelled, validated(rows, perception),
                    Outcomes.ALL.stream().map(o -> Outcomes.column(o, settings.horizonDays())).toList());
            print(metrics, date, lastOutcomeDay, out);
            ObjectNode node = summary.root().putObject("validation");
            for (ScoreValidation.Metric m : metrics) {
                ObjectNode byOutcome = node.has(m.outcome()) ? (ObjectNode) node.get(m.outcome()) : node.putObject(m.outcome());
                ObjectNode one = byOutcome.putObject(m.score());
                one.put("examples", m.examples()).put("positives", m.positives()).put("coverage", round(m.coverage()));
                if (m.auc() != null) {
                    one.put("auc", round(m.auc()));
                }
                if (m.topDecileLift() != null) {
                    one.put("top_decile_lift", round(m.topDecileLift()));
                }
            }
        } finally {
            labelled.unpersist();
        }
        summary.endStage("validate");
    }

    /** The scores validated, those the rows have: overall, dimensions, complaint points, drivers, risks. */
    static List<ScoreValidation.Score> validated(Dataset<Row> rows, PerceptionSettings perception) {
        List<String> columns = Arrays.asList(rows.columns());
        List<ScoreValidation.Score> scores = new ArrayList<>();
        for (String c : List.of("perception_index", "experience_rank")) {
            scores.add(new ScoreValidation.Score(c, false));
        }
        for (String dim : PerceptionSettings.DIMENSIONS) {
            scores.add(new ScoreValidation.Score(dim.toLowerCase() + "_score", false));
        }
        scores.add(new ScoreValidation.Score("complaint_points", true));
        perception.drivers().forEach(d -> scores.add(new ScoreValidation.Score(d.name() + "_score", false)));
        for (String outcome : Outcomes.PUBLISHED) {
            scores.add(new ScoreValidation.Score(outcome + "_risk", true));
        }
        return scores.stream().filter(s -> columns.contains(s.column())).toList();
    }

    private static Optional<Dataset<Row>> published(StageInputs inputs, LocalDate date) {
        Optional<Dataset<Row>> table = inputs.optional(Tables.SUBSCRIBER_PERCEPTION);
        if (table.isEmpty()) {
            return Optional.empty();
        }
        Dataset<Row> gold = table.get().where(col("date").equalTo(lit(Date.valueOf(date))));
        List<Column> risks = new ArrayList<>(List.of(col("msisdn")));
        for (String outcome : Outcomes.PUBLISHED) {
            if (Arrays.asList(gold.columns()).contains(outcome + "_risk")) {
                risks.add(col(outcome + "_risk"));
            }
        }
        return gold.isEmpty() ? Optional.empty() : Optional.of(gold.select(risks.toArray(Column[]::new)));
    }

    private static void print(List<ScoreValidation.Metric> metrics, LocalDate date, LocalDate last, PrintStream out) {
        out.printf("validate: the scores of %s against what subscribers did %s .. %s (AUC 0.5 = no signal)%n",
                date, date.plusDays(1), last);
        List<List<String>> table = new ArrayList<>();
        table.add(List.of("outcome", "score", "examples", "positives", "coverage", "auc", "top-decile lift"));
        for (ScoreValidation.Metric m : metrics) {
            table.add(List.of(m.outcome(), m.score(), Long.toString(m.examples()), Long.toString(m.positives()),
                    String.format("%.2f", m.coverage()), m.auc() == null ? "n/a" : String.format("%.3f", m.auc()),
                    m.topDecileLift() == null ? "n/a" : String.format("%.2f", m.topDecileLift())));
        }
        out.print(TextTable.render(table, Set.of(2, 3, 4, 5, 6)));
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }
}
