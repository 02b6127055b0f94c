package org.ganzhi.calibrate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.DeltaTables;
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
import java.util.List;

import static org.apache.spark.sql.functions.*;

/**
 * The calibrate stage for run date D, the last operator-local day whose outcomes are in the lake:
 * perception.subscriber_score of the training and test dates (all on or before D − horizon-days)
 * joined with what each subscriber did next ({@link Outcomes}: complaint tickets, surveys,
 * subscriber snapshots), one logistic regression per outcome ({@link Calibration}), one row per
 * outcome in calibration.report (replacing the rows of an earlier run for D), and the complaint
 * model saved as the next version under models/risk for {@link RiskScore}.
 * <p>
 * <b>Weights are never applied.</b> The proposed dimension and driver weights are a report row
 * and a printed table. Adopting them is a manual step: copy them into ganzhi.perception
 * ({@code dimensions.<DIMENSION>} and {@code drivers.<driver>.weight}) of the environment's
 * configuration file, rerun perception, and check the next report's index_auc.
 */
public final class CalibrateJob {
    static final StructType COEFFICIENT = StructType.fromDDL("feature STRING, coefficient DOUBLE");
    static final StructType PROPOSED_WEIGHT = StructType.fromDDL(
            "level STRING, name STRING, dimension STRING, current_weight DOUBLE, proposed_weight DOUBLE");
    public static final StructType REPORT = StructType.fromDDL("run_date DATE NOT NULL, run_id STRING, created_at TIMESTAMP, "
            + "outcome STRING NOT NULL, label STRING, horizon_days INT, perception_spec STRING, calibrate_spec STRING, "
            + "model_version STRING, train_from DATE, train_to DATE, test_from DATE, test_to DATE, train_dates INT, "
            + "test_dates INT, train_examples BIGINT, train_positives BIGINT, test_examples BIGINT, test_positives BIGINT, "
            + "auc DOUBLE, top_decile_lift DOUBLE, index_auc DOUBLE, current_weights_auc DOUBLE, proposed_weights_auc DOUBLE, "
            + "intercept DOUBLE, coefficients ARRAY<STRUCT<feature: STRING, coefficient: DOUBLE>>, "
            + "proposed_weights ARRAY<STRUCT<level: STRING, name: STRING, dimension: STRING, current_weight: DOUBLE, "
            + "proposed_weight: DOUBLE>>, note STRING");

    private final SparkSession spark;
    private final Lake lake;
    private final LocalDate date;
    private final CalibrateSettings settings;
    private final PerceptionSettings perception;
    private final RunSummary summary;
    private final PrintStream out;

    private CalibrateJob(SparkSession spark, GanzhiConfig config, CalibrateOptions options, RunSummary summary, PrintStream out) {
        this.spark = spark;
        this.lake = options.lake();
        this.date = options.lastOutcomeDate();
        this.settings = CalibrateSettings.from(config);
        this.perception = PerceptionSettings.from(config);
        this.summary = summary;
        this.out = out;
    }

    /** Runs the stage; the proposal and how to adopt it are printed to {@code out}. */
    public static void run(SparkSession spark, GanzhiConfig config, CalibrateOptions options, RunSummary summary, PrintStream out) {
        new CalibrateJob(spark, config, options, summary, out).calibrate(options.split());
    }

    private void calibrate(Calibration.Split requested) {
        summary.startStage("calibrate");
        summary.put("calibrate_spec", settings.specVersion());
        Dataset<Row> table = require(Tables.SUBSCRIBER_SCORE, "'ganzhi perception --lake " + lake.root() + " --date ...' for the "
                + "scoring dates");
        Calibration.Split split = scoredDates(table, requested);
        requireSnapshotsUpToDate();
        List<Driver> drivers = drivers(table);

        Column[] scoreColumns = new Column[drivers.size() + 4];
        scoreColumns[0] = col("msisdn");
        scoreColumns[1] = col("date");
        scoreColumns[2] = col("perception_index");
        scoreColumns[3] = col("perception_spec");
        for (int i = 0; i < drivers.size(); i++) {
            scoreColumns[i + 4] = col(Calibration.score(drivers.get(i).name()));
        }
        Dataset<Row> scores = table.where(col("date").between(Date.valueOf(split.trainFrom()), Date.valueOf(split.testTo())))
                .select(scoreColumns);
        Dataset<Row> labels = Outcomes.label(scores.select("msisdn", "date"), tickets(split), surveys(split), snapshots(split),
                settings);
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
                Calibration.Result result = Calibration.calibrate(examples, outcome, split, drivers, perception.dimensionWeights(),
                        settings);
                if (outcome.equals(Outcomes.COMPLAINT) && !result.fitted()) {
                    throw new GanzhiException("cannot fit the complaint-risk model: " + result.note()
                            + ". Calibrate over more scoring dates (--train-from/--train-to/--test-from/--test-to, or "
                            + "ganzhi.calibrate.train-days/test-days) or lower min-positives.");
                }
                results.add(result);
            }
            String modelVersion = saveModel(results.get(0), split, specs);
            write(results, split, specs, modelVersion);
            report(results, modelVersion);
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

    /** Outcomes up to D must be in the lake: the subscriber feed, a daily required source, shows how far ingest got. */
    private void requireSnapshotsUpToDate() {
        Row latest = require(Tables.silver("subscriber"), "'ganzhi ingest'").agg(max("snapshot_date")).first();
        if (latest.isNullAt(0) || latest.getDate(0).toLocalDate().isBefore(date)) {
            throw new GanzhiException("--date " + date + " must be a day whose outcomes are in the lake, but the latest "
                    + "subscriber snapshot is " + (latest.isNullAt(0) ? "missing" : latest.getDate(0).toString())
                    + ". Ingest up to " + date + " or choose an earlier --date.");
        }
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

    private Dataset<Row> tickets(Calibration.Split split) {
        // A day's margin either side: the labels take each opening's day in the operator's zone.
        return require(Tables.COMPLAINT_TICKET, "'ganzhi ingest' with the complaint feed")
                .where(col("opened_at").geq(lit(Timestamp.valueOf(split.trainFrom().atStartOfDay())))
                        .and(col("opened_at").lt(lit(Timestamp.valueOf(date.plusDays(2).atStartOfDay())))))
                .select("msisdn", "opened_at");
    }

    private Dataset<Row> surveys(Calibration.Split split) {
        String path = lake.table(Tables.silver("survey"));
        if (!DeltaTables.exists(spark, path)) {
            summary.warn("no silver.survey: " + Outcomes.column(Outcomes.LOW_SURVEY, settings.horizonDays()) + " has no labels");
            return spark.createDataFrame(List.of(), StructType.fromDDL("msisdn STRING, ts TIMESTAMP, score INT"));
        }
        return spark.read().format("delta").load(path)
                .where(col("event_date").between(Date.valueOf(split.trainFrom()), Date.valueOf(date)))
                .select("msisdn", "ts", "score");
    }

    private Dataset<Row> snapshots(Calibration.Split split) {
        return require(Tables.silver("subscriber"), "'ganzhi ingest'")
                .where(col("snapshot_date").between(Date.valueOf(split.trainFrom().minusDays(settings.snapshotLookbackDays())),
                        Date.valueOf(date)))
                .select("msisdn", "snapshot_date", "status");
    }

    private String saveModel(Calibration.Result complaint, Calibration.Split split, String specs) {
        int version = RiskModel.latestVersion(spark, lake) + 1;
        RiskModel model = RiskModel.of(version, complaint, split, date, specs, settings);
        String where = model.save(spark, lake);
        summary.put("risk_model", model.versionName());
        summary.put("risk_model_path", where);
        return model.versionName();
    }

    private void write(List<Calibration.Result> results, Calibration.Split split, String specs, String modelVersion) {
        List<Row> rows = new ArrayList<>();
        Timestamp now = Timestamp.from(Instant.now());
        String runId = summary.root().path("run_id").asText(null);
        ObjectNode outcomes = summary.root().putObject("outcomes");
        for (Calibration.Result r : results) {
            Calibration.Evaluation e = r.evaluation();
            List<Row> coefficients = !r.fitted() ? null : r.fit().coefficients().stream()
                    .map(c -> RowFactory.create(c.feature(), c.coefficient())).toList();
            List<Row> proposals = !r.fitted() ? null : r.proposals().stream()
                    .map(p -> RowFactory.create(p.level(), p.name(), p.dimension(), p.currentWeight(), p.proposedWeight())).toList();
            String note = r.note();
            if (r.fitted() && r.proposals().isEmpty()) {
                note = "no driver's lower score raises the risk in this model: no weights to propose";
            }
            rows.add(RowFactory.create(Date.valueOf(date), runId, now, r.outcome(), r.labelColumn(), settings.horizonDays(), specs,
                    settings.specVersion(), r.outcome().equals(Outcomes.COMPLAINT) ? modelVersion : null,
                    Date.valueOf(split.trainFrom()), Date.valueOf(split.trainTo()), Date.valueOf(split.testFrom()),
                    Date.valueOf(split.testTo()), summaryInt("train_dates"), summaryInt("test_dates"), r.trainExamples(),
                    r.trainPositives(), r.testExamples(), r.testPositives(), e == null ? null : e.auc(),
                    e == null || Double.isNaN(e.topDecileLift()) ? null : e.topDecileLift(), e == null ? null : e.indexAuc(),
                    e == null ? null : e.currentWeightsAuc(), e == null ? null : e.proposedWeightsAuc(),
                    r.fitted() ? r.fit().intercept() : null, coefficients, proposals, note));
            ObjectNode o = outcomes.putObject(r.labelColumn());
            o.put("test_examples", r.testExamples()).put("test_positives", r.testPositives());
            if (e != null) {
                o.put("auc", round(e.auc())).put("top_decile_lift", round(e.topDecileLift()));
                if (e.indexAuc() != null) {
                    o.put("index_auc", round(e.indexAuc()));
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

    /** The complaint outcome's proposal as a table, where the rest is and how to adopt it. */
    private void report(List<Calibration.Result> results, String modelVersion) {
        Calibration.Result complaint = results.get(0);
        Calibration.Evaluation e = complaint.evaluation();
        out.printf("calibrate: %s on the test dates: AUC %.3f (perception_index alone: %s), top-decile lift %.2f; model %s%n",
                complaint.labelColumn(), e.auc(), e.indexAuc() == null ? "n/a" : String.format("%.3f", e.indexAuc()),
                e.topDecileLift(), modelVersion);
        if (complaint.proposals().isEmpty()) {
            out.println("calibrate: no weights to propose (no driver's lower score raises the complaint risk).");
        } else {
            out.printf("calibrate: proposed weights (index AUC with the current weights %s, with the proposed %s):%n",
                    format(e.currentWeightsAuc()), format(e.proposedWeightsAuc()));
            out.printf("  %-10s %-28s %8s %9s%n", "level", "name", "current", "proposed");
            for (Calibration.ProposedWeight p : complaint.proposals()) {
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

    private Dataset<Row> require(String table, String producer) {
        String path = lake.table(table);
        if (!DeltaTables.exists(spark, path)) {
            throw new GanzhiException("calibrate needs " + table + "; run " + producer + " first.");
        }
        return spark.read().format("delta").load(path);
    }
}
