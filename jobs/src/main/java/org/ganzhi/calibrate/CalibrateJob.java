package org.ganzhi.calibrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.catalog.DeltaTables;
import org.ganzhi.catalog.StageInputs;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.perception.PerceptionSettings;
import org.ganzhi.perception.PerceptionSettings.Driver;

import java.io.PrintStream;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.*;

/**
 * The calibrate stage for run date D, the last operator-local day whose outcomes are in the lake:
 * the risk inputs of the training and test dates (all on or before D − horizon-days; {@link
 * RiskInputs}: perception scores and behaviour) joined with what each subscriber did next
 * ({@link OutcomeFeeds}: complaint tickets, surveys, subscriber snapshots, the outcome feed), a
 * risk model and a driver model per outcome ({@link Calibration}), one row per outcome in
 * calibration.report (replacing the rows of an earlier run for D), and the complaint and churn
 * models saved as the next versions under models/risk/&lt;outcome&gt; for {@link RiskScore}. A
 * published outcome without enough labels keeps its previous model, with a warning; the run fails
 * only when neither can be fitted.
 * <p>
 * <b>Weights are never applied.</b> The proposed dimension and driver weights are a report row
 * and a printed table. Adopting them is a manual step: copy them into ganzhi.perception
 * ({@code dimensions.<DIMENSION>} and {@code drivers.<driver>.weight}) of the environment's
 * configuration file, rerun perception, and check the next report's index_auc.
 */
public final class CalibrateJob {
    public static final StructType REPORT = StructType.fromDDL("run_date DATE NOT NULL, run_id STRING, created_at TIMESTAMP, "
            + "outcome STRING NOT NULL, label STRING, horizon_days INT, perception_spec STRING, calibrate_spec STRING, "
            + "model_version STRING, algorithm STRING, train_from DATE, train_to DATE, test_from DATE, test_to DATE, train_dates INT, "
            + "test_dates INT, train_examples BIGINT, train_positives BIGINT, test_examples BIGINT, test_positives BIGINT, "
            + "auc DOUBLE, top_decile_lift DOUBLE, index_auc DOUBLE, current_weights_auc DOUBLE, proposed_weights_auc DOUBLE, "
            + "intercept DOUBLE, coefficients ARRAY<STRUCT<feature: STRING, coefficient: DOUBLE>>, "
            + "importances ARRAY<STRUCT<feature: STRING, importance: DOUBLE>>, "
            + "proposed_weights ARRAY<STRUCT<level: STRING, name: STRING, dimension: STRING, current_weight: DOUBLE, "
            + "proposed_weight: DOUBLE>>, reliability ARRAY<STRUCT<bin: INT, examples: BIGINT, mean_predicted: DOUBLE, "
            + "observed_rate: DOUBLE>>, complaint_point_worth DOUBLE, note STRING");

    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate date;
    private final CalibrateSettings settings;
    private final PerceptionSettings perception;
    private final RunSummary summary;
    private final PrintStream out;
    private final StageInputs stageInputs;

    private CalibrateJob(SparkSession spark, GanzhiConfig config, CalibrateOptions options, RunSummary summary, PrintStream out) {
        this.spark = spark;
        this.lake = options.lake();
        this.date = options.lastOutcomeDate();
        this.settings = CalibrateSettings.from(config);
        this.perception = PerceptionSettings.from(config);
        this.summary = summary;
        this.out = out;
        this.stageInputs = new StageInputs(spark, lake, "calibrate", date);
    }

    /** Runs the stage; the proposal and how to adopt it are printed to {@code out}. */
    public static void run(SparkSession spark, GanzhiConfig config, CalibrateOptions options, RunSummary summary, PrintStream out) {
        new CalibrateJob(spark, config, options, summary, out).calibrate(options.split());
    }

    private void calibrate(Calibration.Split requested) {
        summary.startStage("calibrate");
        summary.put("calibrate_spec", settings.specVersion());
        // Scores are of the scoring dates, which end horizon-days or more before the run date: a missing
        // table asks for perception of the last test date, not of the run date.
        Dataset<Row> table = stageInputs.forDate(requested.testTo()).read(Tables.SUBSCRIBER_SCORE);
        Calibration.Split split = scoredDates(table, requested);
        List<Driver> drivers = drivers(table);

        Column dates = col("date").between(Date.valueOf(split.trainFrom()), Date.valueOf(split.testTo()));
        Optional<Dataset<Row>> window = stageInputs.optional(Tables.SUBSCRIBER_WINDOW)
                .map(w -> w.where(col("as_of_date").between(Date.valueOf(split.trainFrom()), Date.valueOf(split.testTo()))));
        RiskInputs.Inputs inputs = RiskInputs.of(table.where(dates), window, drivers, settings.risk());
        if (!inputs.missing().isEmpty()) {
            summary.warn("risk inputs the lake does not have are left out: " + inputs.missing());
        }
        List<Column> kept = new ArrayList<>(List.of(col("msisdn"), col("date"), col("perception_spec")));
        inputs.inputs().forEach(c -> kept.add(col(c)));
        Dataset<Row> scores = inputs.rows().select(kept.toArray(Column[]::new));
        Dataset<Row> labels = OutcomeFeeds.label(spark, stageInputs, scores.select("msisdn", "date"), split.trainFrom(), date,
                settings, summary);
        Dataset<Row> examples = scores.join(labels, new String[]{"msisdn", "date"}).cache();
        try {
            long rows = examples.count();
            summary.root().put("examples", rows);
            String specs = String.join(",", examples.select("perception_spec").distinct().orderBy("perception_spec")
                    .as(Encoders.STRING()).collectAsList());
            if (!specs.equals(perception.specVersion())) {
                summary.warn("the scores were made with perception spec " + specs + ", the configuration is "
                        + perception.specVersion() + ": current_weight in the proposal is the configuration's");
            }
            List<Calibration.Result> results = new ArrayList<>();
            for (String outcome : Outcomes.ALL) {
                results.add(Calibration.calibrate(examples, outcome, split, drivers, perception.dimensionWeights(),
                        inputs.inputs(), settings));
            }
            if (results.stream().noneMatch(r -> Outcomes.PUBLISHED.contains(r.outcome()) && r.fitted())) {
                throw new GanzhiException("cannot fit any risk model: " + results.stream()
                        .filter(r -> Outcomes.PUBLISHED.contains(r.outcome())).map(r -> r.outcome() + ": " + r.note())
                        .reduce((x, y) -> x + "; " + y).orElse("")
                        + ". Calibrate over more scoring dates (--train-from/--train-to/--test-from/--test-to, or "
                        + "ganzhi.calibrate.train-days/test-days) or lower min-positives.");
            }
            Map<String, String> versions = new LinkedHashMap<>();
            for (Calibration.Result r : results) {
                if (Outcomes.PUBLISHED.contains(r.outcome()) && r.fitted()) {
                    versions.put(r.outcome(), saveModel(r, split, specs));
                } else if (Outcomes.PUBLISHED.contains(r.outcome())) {
                    summary.warn("no new " + r.outcome() + " model: " + r.note());
                }
            }
            write(results, split, specs, versions);
            report(results, versions);
        } finally {
            examples.unpersist();
        }
        summary.endStage("calibrate");
    }

    /** The scored dates of each side of the split, narrowed to the dates present; fails when a side has none. */
    private Calibration.Split scoredDates(Dataset<Row> table, Calibration.Split requested) {
        List<LocalDate> scored = table.select("date").distinct().orderBy("date").collectAsList().stream()
                .map(r -> r.getDate(0).toLocalDate()).toList();
        List<LocalDate> train = scored.stream().filter(d -> !d.isBefore(requested.trainFrom()) && !d.isAfter(requested.trainTo()))
                .toList();
        List<LocalDate> test = scored.stream().filter(d -> !d.isBefore(requested.testFrom()) && !d.isAfter(requested.testTo()))
                .toList();
        if (train.isEmpty() || test.isEmpty()) {
            throw new GanzhiException("calibrate needs scored dates in the training range " + requested.trainFrom() + ".."
                    + requested.trainTo() + " and in the test range " + requested.testFrom() + ".." + requested.testTo()
                    + "; " + Tables.SUBSCRIBER_SCORE + " has " + describe(scored) + ". Run perception for more dates, or "
                    + "choose the ranges with --train-from/--train-to/--test-from/--test-to (outcomes need horizon-days = "
                    + settings.horizonDays() + " days after the last test date, up to --date " + date + ").");
        }
        Calibration.Split split = new Calibration.Split(train.get(0), train.get(train.size() - 1), test.get(0),
                test.get(test.size() - 1));
        ObjectNode dates = summary.root().putObject("split");
        dates.put("train_from", split.trainFrom().toString()).put("train_to", split.trainTo().toString())
                .put("train_dates", train.size()).put("test_from", split.testFrom().toString())
                .put("test_to", split.testTo().toString()).put("test_dates", test.size());
        if (split.trainTo().plusDays(settings.horizonDays()).isAfter(split.testFrom())) {
            summary.warn("the outcome days of the last training dates overlap the test dates: the test AUC may be "
                    + "optimistic (leave " + settings.horizonDays() + " days between training and test dates)");
        }
        return split;
    }

    private static String describe(List<LocalDate> dates) {
        if (dates.isEmpty()) {
            return "no rows";
        }
        return dates.size() <= 10 ? "the dates " + dates
                : dates.size() + " dates from " + dates.get(0) + " to " + dates.get(dates.size() - 1);
    }

    /** The configured drivers whose scores the table has (a driver added since scoring has none). */
    private List<Driver> drivers(Dataset<Row> table) {
        List<String> columns = Arrays.asList(table.columns());
        List<Driver> present = perception.drivers().stream().filter(d -> columns.contains(Calibration.score(d.name()))).toList();
        List<String> absent = perception.drivers().stream().map(Driver::name).filter(n -> !columns.contains(Calibration.score(n)))
                .toList();
        if (!absent.isEmpty()) {
            summary.warn("drivers without a score column in " + Tables.SUBSCRIBER_SCORE + " are left out: " + absent);
        }
        if (present.isEmpty()) {
            throw new GanzhiException(Tables.SUBSCRIBER_SCORE + " has none of the configured drivers' scores");
        }
        return present;
    }

    private String saveModel(Calibration.Result result, Calibration.Split split, String specs) {
        int version = RiskModel.latestVersion(spark, lake, result.outcome()) + 1;
        RiskModel model = RiskModel.of(version, result, split, date, specs, settings);
        String where = model.save(spark, lake);
        summary.put(result.outcome() + "_model", model.versionName());
        summary.put(result.outcome() + "_model_path", where);
        return model.versionName();
    }

    private void write(List<Calibration.Result> results, Calibration.Split split, String specs, Map<String, String> versions) {
        List<Row> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        String runId = summary.root().path("run_id").asText(null);
        ObjectNode outcomes = summary.root().putObject("outcomes");
        for (Calibration.Result r : results) {
            Calibration.Evaluation e = r.evaluation();
            List<Row> coefficients = !r.fitted() || r.fit().coefficients().isEmpty() ? null : r.fit().coefficients().stream()
                    .map(c -> RowFactory.create(c.feature(), c.coefficient())).toList();
            List<Row> importances = !r.fitted() || r.fit().importances().isEmpty() ? null : r.fit().importances().stream()
                    .map(c -> RowFactory.create(c.feature(), c.coefficient())).toList();
            List<Row> proposals = !r.fitted() ? null : r.proposals().stream()
                    .map(p -> RowFactory.create(p.level(), p.name(), p.dimension(), p.currentWeight(), p.proposedWeight())).toList();
            List<Row> reliability = e == null ? null : e.reliability().stream()
                    .map(b -> RowFactory.create(b.bin(), b.examples(), b.meanPredicted(), b.observedRate())).toList();
            String note = r.note();
            if (r.fitted() && r.proposals().isEmpty()) {
                note = "no driver's lower score raises the risk in this model: no weights to propose";
            }
            rows.add(RowFactory.create(Date.valueOf(date), runId, now, r.outcome(), r.labelColumn(), settings.horizonDays(), specs,
                    settings.specVersion(), versions.get(r.outcome()), r.fitted() ? r.fit().algorithm() : null,
                    Date.valueOf(split.trainFrom()), Date.valueOf(split.trainTo()), Date.valueOf(split.testFrom()),
                    Date.valueOf(split.testTo()), summaryInt("train_dates"), summaryInt("test_dates"), r.trainExamples(),
                    r.trainPositives(), r.testExamples(), r.testPositives(), e == null ? null : e.auc(),
                    e == null || Double.isNaN(e.topDecileLift()) ? null : e.topDecileLift(), e == null ? null : e.indexAuc(),
                    e == null ? null : e.currentWeightsAuc(), e == null ? null : e.proposedWeightsAuc(),
                    r.fitted() ? r.fit().intercept() : null, coefficients, importances, proposals, reliability,
                    r.complaintPointWorth(), note));
            ObjectNode o = outcomes.putObject(r.labelColumn());
            o.put("test_examples", r.testExamples()).put("test_positives", r.testPositives());
            if (e != null) {
                o.put("auc", round(e.auc())).put("top_decile_lift", round(e.topDecileLift()));
                if (e.indexAuc() != null) {
                    o.put("index_auc", round(e.indexAuc()));
                }
                if (r.complaintPointWorth() != null) {
                    o.put("complaint_point_worth", round(r.complaintPointWorth()));
                }
            }
            if (note != null) {
                o.put("note", note);
            }
        }
        DeltaTables.Commit commit = DeltaTables.replace(spark, spark.createDataFrame(rows, REPORT),
                lake.table(Tables.CALIBRATION_REPORT), "run_date = DATE'" + date + "'", List.of("run_date"));
        summary.table(Tables.CALIBRATION_REPORT, commit.version());
        summary.rows(Tables.CALIBRATION_REPORT, commit.rowsWritten());
    }

    private int summaryInt(String field) {
        return summary.root().path("split").path(field).asInt();
    }

    private static double round(double value) {
        return Math.round(value * 10000) / 10000.0;
    }

    /**
     * Per outcome its test metrics and reliability, then the proposal of the first published outcome
     * with a fit (complaint, else churn) as a table; where the rest is and how to adopt it.
     */
    private void report(List<Calibration.Result> results, Map<String, String> versions) {
        for (Calibration.Result r : results) {
            Calibration.Evaluation e = r.evaluation();
            if (e == null) {
                out.printf("calibrate: %s: not fitted (%s)%n", r.labelColumn(), r.note());
                continue;
            }
            out.printf("calibrate: %s on the test dates: AUC %.3f (perception_index alone: %s), top-decile lift %.2f%s%n",
                    r.labelColumn(), e.auc(), format(e.indexAuc()), e.topDecileLift(),
                    versions.containsKey(r.outcome()) ? "; model " + versions.get(r.outcome()) : "");
            StringBuilder curve = new StringBuilder("  reliability by risk decile (predicted -> observed):");
            for (Calibration.ReliabilityBin b : e.reliability()) {
                curve.append(String.format(" %.3f->%.3f", b.meanPredicted(), b.observedRate()));
            }
            out.println(curve);
            if (r.complaintPointWorth() != null) {
                out.printf("  one point of complaint cost is worth %.2f index points for this outcome (1 = the configured "
                        + "ganzhi.perception.complaint-cost is right; scale the costs by it to adopt)%n", r.complaintPointWorth());
            }
        }
        Calibration.Result chosen = results.stream().filter(r -> Outcomes.PUBLISHED.contains(r.outcome()) && r.fitted())
                .findFirst().orElseThrow();
        Calibration.Evaluation e = chosen.evaluation();
        if (chosen.proposals().isEmpty()) {
            out.println("calibrate: no weights to propose (no driver's lower score raises the " + chosen.outcome() + " risk).");
        } else {
            out.printf("calibrate: proposed weights for %s (index AUC with the current weights %s, with the proposed %s):%n",
                    chosen.outcome(), format(e.currentWeightsAuc()), format(e.proposedWeightsAuc()));
            out.printf("  %-10s %-28s %8s %9s%n", "level", "name", "current", "proposed");
            for (Calibration.ProposedWeight p : chosen.proposals()) {
                out.printf("  %-10s %-28s %8.3f %9s%n", p.level(), p.name(), p.currentWeight(),
                        p.proposedWeight() == null ? "no data" : String.format("%.3f", p.proposedWeight()));
            }
        }
        String query = "SELECT outcome, auc, top_decile_lift, index_auc, current_weights_auc, proposed_weights_auc, proposed_weights "
                + "FROM " + Tables.CALIBRATION_REPORT + " WHERE run_date = DATE'" + date + "'";
        out.println("calibrate: every outcome's proposal is in " + Tables.CALIBRATION_REPORT + ": ganzhi sql --lake " + lake.root()
                + " \"" + query + "\"");
        out.println("calibrate: nothing was changed. To adopt a proposal, set ganzhi.perception.dimensions.<DIMENSION> and "
                + "ganzhi.perception.drivers.<driver>.weight in your configuration file, rerun perception, and compare the "
                + "next report's index_auc. A weight of 0 switches a driver or dimension off.");
        summary.put("proposed_weights", query);
    }

    private static String format(Double auc) {
        return auc == null ? "n/a" : String.format("%.3f", auc);
    }
}
