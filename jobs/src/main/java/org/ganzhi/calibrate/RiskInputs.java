package org.ganzhi.calibrate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.perception.PerceptionSettings.Driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

/**
 * What a risk model reads about a subscriber on a scoring date: the perception scores (every
 * driver's score and the configured perception columns) and the behaviour of the configured
 * features.subscriber_window row as of that date. Both calibrate (on the training and test dates)
 * and publish (on the run date) build them here, so a model always sees the same inputs.
 * <p>
 * Nothing from after the scoring date is read: the window ends on it.
 */
public final class RiskInputs {
    private RiskInputs() {
    }

    /**
     * @param rows    msisdn, date, the available inputs (doubles), plus whatever else the scores had
     * @param inputs  the input columns the rows have, in model order
     * @param missing configured inputs the lake does not have (left out)
     */
    public record Inputs(Dataset<Row> rows, List<String> inputs, List<String> missing) {
    }

    /**
     * @param scores  perception.subscriber_score rows (msisdn, date, ...) of the scoring dates
     * @param window  features.subscriber_window rows of the same dates, if the lake has the table
     * @param drivers the configured drivers; those with a score column become inputs
     */
    public static Inputs of(Dataset<Row> scores, Optional<Dataset<Row>> window, List<Driver> drivers,
                            CalibrateSettings.Risk risk) {
        List<String> scoreColumns = Arrays.asList(scores.columns());
        List<String> inputs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Driver d : drivers) {
            if (scoreColumns.contains(Calibration.score(d.name()))) {
                inputs.add(Calibration.score(d.name()));
            }
        }
        for (String c : risk.perception()) {
            (scoreColumns.contains(c) ? inputs : missing).add(c);
        }
        Dataset<Row> rows = scores;
        for (String c : inputs) {
            rows = rows.withColumn(c, col(c).cast("double"));
        }
        if (window.isEmpty()) {
            missing.addAll(risk.behaviour());
            missing.addAll(risk.derived().keySet());
            return new Inputs(rows, List.copyOf(inputs), List.copyOf(missing));
        }
        Dataset<Row> days = window.get().where(col("window_days").equalTo(risk.windowDays()));
        List<String> windowColumns = Arrays.asList(days.columns());
        List<Column> behaviour = new ArrayList<>(List.of(col("msisdn").as("_w_msisdn"), col("as_of_date").as("_w_date")));
        for (String c : risk.behaviour()) {
            if (windowColumns.contains(c) && !inputs.contains(c)) {
                behaviour.add(col(c).cast("double").as(c));
                inputs.add(c);
            } else {
                missing.add(c);
            }
        }
        for (Map.Entry<String, String> d : risk.derived().entrySet()) {
            if (resolves(d.getValue(), days)) {
                behaviour.add(expr(d.getValue()).cast("double").as(d.getKey()));
                inputs.add(d.getKey());
            } else {
                missing.add(d.getKey());
            }
        }
        Dataset<Row> b = days.select(behaviour.toArray(Column[]::new));
        Dataset<Row> joined = rows.join(b, rows.col("msisdn").equalTo(b.col("_w_msisdn"))
                .and(rows.col("date").equalTo(b.col("_w_date"))), "left").drop("_w_msisdn", "_w_date");
        return new Inputs(joined, List.copyOf(inputs), List.copyOf(missing));
    }

    /** Whether the expression resolves against the window (a derived input over a column the lake lacks is left out). */
    private static boolean resolves(String expression, Dataset<Row> window) {
        try {
            window.select(expr(expression)).schema();
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
