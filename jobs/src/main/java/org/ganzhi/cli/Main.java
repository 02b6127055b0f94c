package org.ganzhi.cli;

import com.typesafe.config.ConfigException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.calibrate.CalibrateJob;
import org.ganzhi.calibrate.CalibrateOptions;
import org.ganzhi.calibrate.CalibrateSettings;
import org.ganzhi.catalog.Sparks;
import org.ganzhi.common.ExpressionMode;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.LakeLock;
import org.ganzhi.common.Logs;
import org.ganzhi.common.RunReport;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.features.FeatureSettings;
import org.ganzhi.features.FeaturesJob;
import org.ganzhi.sample.GenerateOptions;
import org.ganzhi.sample.LakeGenerator;
import org.ganzhi.ingest.IngestJob;
import org.ganzhi.ingest.IngestOptions;
import org.ganzhi.ops.BackfillPlan;
import org.ganzhi.ops.RunStatus;
import org.ganzhi.perception.PerceptionJob;
import org.ganzhi.perception.PerceptionSettings;
import org.ganzhi.personas.PersonaJob;
import org.ganzhi.personas.PersonaSettings;
import org.ganzhi.privacy.PseudonymKey;
import org.ganzhi.publish.PublishJob;
import org.ganzhi.publish.PublishSettings;
import org.ganzhi.privacy.Pseudonymizer;
import org.ganzhi.sql.ExportCommand;
import org.ganzhi.sql.SqlCommand;
import org.ganzhi.upkeep.Erasure;
import org.ganzhi.upkeep.ErasureRequest;
import org.ganzhi.upkeep.MaintainJob;
import org.ganzhi.upkeep.MaintainSettings;
import org.ganzhi.validate.ValidateJob;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one entry point, for scripts/ganzhi and spark-submit alike: {@code ganzhi <command> [options]}.
 * Options are parsed and validated (configuration, lake, key) before Spark starts; then the
 * command runs, prints its JSON summary as the last stdout line and appends it to ops.run_log.
 * Exit codes: 0 done, 2 the user can fix it (message says how), 1 an internal error.
 */
public final class Main {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int USER_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) {
        int code = execute(args, System.out, System.err, System.getenv());
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs one invocation in this JVM (a test passes its own streams and environment). */
    public static int execute(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        Logs.quietUnlessVerbose(verbose);
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("help") || args[0].equals("-h")) {
                out.print(Command.overview());
                return OK;
            }
            Invocation invocation = Invocation.parse(args, env);
            if (invocation.line().flag("help")) {
                out.print(invocation.command().help());
                return OK;
            }
            return run(invocation, out, err);
        } catch (GanzhiException e) {
            err.println("ganzhi: " + e.getMessage());
            if (verbose) {
                e.printStackTrace(err);
            }
            return USER_ERROR;
        } catch (Exception | Error e) {
            // Exception, not RuntimeException: Spark throws checked ones (AnalysisException) from Scala.
            err.println("ganzhi: internal error (" + e.getClass().getSimpleName() + "): "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + (verbose ? "" : ". Rerun with --verbose for the stack trace; please report it with the run log."));
            if (verbose) {
                e.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        }
    }

    /** A validated invocation: the command, its options, the configuration and the lake. */
    record Invocation(Command command, CommandLine line, GanzhiConfig config, Lake lake, Map<String, String> env) {
        static Invocation parse(String[] args, Map<String, String> env) {
            Command command = Command.named(args[0]).orElseThrow(() -> new GanzhiException(
                    "unknown command '" + args[0] + "'; the commands are " + java.util.Arrays.stream(Command.values())
                            .map(c -> c.spec().name()).toList() + ". Run 'ganzhi --help' for what they do."));
            CommandLine line = CommandLine.parse(args, command.spec());
            if (line.flag("help")) {
                return new Invocation(command, line, null, null, env);
            }
            String confFile = line.string("conf").orElse(env.get("GANZHI_CONF"));
            GanzhiConfig config = confFile == null ? GanzhiConfig.defaults() : GanzhiConfig.load(Paths.get(confFile));
            Lake lake = new Lake(line.required("lake"));
            Invocation invocation = new Invocation(command, line, config, lake, env);
            invocation.validate();
            return invocation;
        }

        /** Everything that can be checked before Spark starts. */
        private void validate() {
            interpretExpressionsBelow();
            everyStageSetting();
            switch (command) {
                case GENERATE -> {
                    generator();
                    generateOptions();
                }
                case INGEST, NIGHTLY, FEATURES, PERSONAS, RETRAIN, PERCEPTION, PUBLISH -> {
                    line.date("date");
                    if (line.string("to").isPresent()) {
                        new IngestOptions(lake, line.date("date"), line.date("to"));
                    }
                    if (line.string("from").isPresent()) {
                        nightlyIngest();
                    }
                    requireLake();
                }
                case BACKFILL -> {
                    backfillPlan();
                    requireLake();
                }
                case STATUS -> {
                    runDate();
                    statusLimit();
                    requireLake();
                    requireRunLog();
                }
                case VALIDATE -> {
                    line.date("date");
                    requireLake();
                }
                case CALIBRATE -> {
                    calibrateOptions();
                    requireLake();
                }
                case EXPORT -> {
                    runDate();
                    if (line.required("out").isBlank()) {
                        throw new GanzhiException("'export' needs a non-empty --out folder");
                    }
                    requireLake();
                }
                case MAINTAIN -> {
                    runDate();
                    requireLake();
                }
                case ERASE -> {
                    erasureRequest();
                    requireLake();
                }
                case SQL -> {
                    requireLake();
                    if (line.positional().get(0).isBlank()) {
                        throw new GanzhiException("'sql' needs a non-empty statement");
                    }
                }
                default -> {
                }
            }
        }

        /**
         * Every stage's settings, whatever the command: a bad value anywhere fails now, within
         * seconds, not after the stages before the one that reads it have run.
         */
        private void everyStageSetting() {
            try {
                FeatureSettings.from(config);
                PersonaSettings.from(config);
                PerceptionSettings.from(config);
                CalibrateSettings.from(config);
                PublishSettings.from(config);
                MaintainSettings.from(config);
            } catch (ConfigException e) {
                throw new ConfigError(e.getMessage());
            }
        }

        private void requireLake() {
            Path root = new Path(lake.root());
            try {
                FileSystem fs = root.getFileSystem(new Configuration());
                if (!fs.exists(root) || !fs.getFileStatus(root).isDirectory()) {
                    throw new GanzhiException("the lake " + lake.root() + " does not exist. Create one with "
                            + "'ganzhi generate --lake " + lake.root() + " ...' or point --lake at an existing lake.");
                }
            } catch (IOException e) {
                throw new GanzhiException("cannot reach the lake " + lake.root() + ": " + e.getMessage(), e);
            }
        }

        /** 'status' reads the run log; a lake nothing has run on yet has none, which is no internal error. */
        private void requireRunLog() {
            Path log = new Path(lake.table(Tables.RUN_LOG) + "/_delta_log");
            try {
                if (!log.getFileSystem(new Configuration()).exists(log)) {
                    throw new GanzhiException("the lake " + lake.root() + " has no run log (" + Tables.RUN_LOG
                            + ") yet: no command has run on it. Run 'ganzhi nightly --lake " + lake.root() + " --date D' first.");
                }
            } catch (IOException e) {
                throw new GanzhiException("cannot read the run log of " + lake.root() + ": " + e.getMessage(), e);
            }
        }

        /** nightly's deliveries: --date alone, or every one from --from (a first night's catch-up). */
        IngestOptions nightlyIngest() {
            LocalDate date = line.date("date");
            return new IngestOptions(lake, line.string("from").isPresent() ? line.date("from") : date, date);
        }

        BackfillPlan backfillPlan() {
            return BackfillPlan.of(line.date("from"), line.date("to"), config.raw().getInt("ganzhi.backfill.max-days"));
        }

        int statusLimit() {
            return line.string("limit").isPresent() ? (int) line.positiveLong("limit", 100_000) : Command.STATUS_LIMIT;
        }

        CalibrateOptions calibrateOptions() {
            List<Optional<LocalDate>> range = CalibrateOptions.RANGE_OPTIONS.stream()
                    .map(name -> line.string(name).map(text -> line.date(name))).toList();
            return CalibrateOptions.of(lake, line.date("date"), range.get(0), range.get(1), range.get(2), range.get(3),
                    CalibrateSettings.from(config));
        }

        /** The subscribers to erase; invalid numbers are refused here, before Spark starts. */
        ErasureRequest erasureRequest() {
            return ErasureRequest.of(line.string("msisdn"), line.string("msisdn-file"), config.operator());
        }

        /** The sample-data generator: its own module, on the class path of scripts/ganzhi and the tests only. */
        LakeGenerator generator() {
            return LakeGenerator.onClassPath().orElseThrow(() -> new GanzhiException("'generate' needs the sample-data "
                    + "generator, which is not on this class path: the production jar does not carry it. Run "
                    + "'scripts/ganzhi generate ...', which adds generator/target/ganzhi-generator-cli.jar, or add that jar "
                    + "to the class path yourself."));
        }

        GenerateOptions generateOptions() {
            return new GenerateOptions(lake, line.positiveLong("subscribers", 100_000_000L), (int) line.positiveLong("days", 366),
                    line.date("start"), line.anyLong("seed"), line.flag("overwrite"));
        }

        /** ingest's deliveries: --date alone, or --date to --to. */
        IngestOptions ingestOptions() {
            return new IngestOptions(lake, line.date("date"), line.string("to").isPresent() ? line.date("to") : line.date("date"));
        }

        /** The deliveries this run ingests: none unless it is ingest, nightly or backfill. */
        List<LocalDate> deliveryDates() {
            return switch (command) {
                case INGEST -> ingestOptions().deliveryDates();
                case NIGHTLY -> nightlyIngest().deliveryDates();
                case BACKFILL -> backfillPlan().dates();
                default -> List.of();
            };
        }

        /** ganzhi.execution.interpret-expressions-below, in bytes (see {@link ExpressionMode}). */
        long interpretExpressionsBelow() {
            String key = "ganzhi.execution.interpret-expressions-below";
            try {
                return config.raw().getBytes(key);  // refuses negative sizes itself
            } catch (ConfigException e) {
                throw new ConfigError(key + " cannot be read: " + e.getMessage() + ". Set it to a size such as 32 MB, or 0 to always compile");
            }
        }

        /** maintain's run date: --date, or today in the operator's time zone. */
        LocalDate maintainDate() {
            return line.string("date").isPresent() ? line.date("date") : LocalDate.now(config.operator().timezone());
        }

        LocalDate runDate() {
            return line.string("date").map(d -> line.date("date")).orElse(null);
        }
    }

    private static int run(Invocation invocation, PrintStream out, PrintStream err) {
        Instant startedAt = Instant.now();
        String runId = UUID.randomUUID().toString();
        RunSummary summary = new RunSummary(invocation.command().spec().name());
        summary.put("run_id", runId);
        summary.put("lake", invocation.lake().root());
        if (invocation.runDate() != null) {
            summary.put("date", invocation.runDate().toString());
        }
        // The key is resolved before Spark starts: a cluster configuration without one refuses to run.
        Pseudonymizer pseudonymizer = !invocation.command().needsPseudonymKey() ? null
                : new Pseudonymizer(resolveKey(invocation, summary));
        LakeLock lock = invocation.command().writesLake() ? lock(invocation, runId, summary) : null;
        try (lock) {
            if (invocation.command() == Command.STATUS) {
                return status(invocation, runId, startedAt, summary, out);
            }
            Invocation session = lock == null ? readingBesideAWriter(invocation, summary) : invocation;
            return runInSpark(session, runId, startedAt, pseudonymizer, summary, out, err);
        }
    }

    /** 'status' reads ops.run_log without Spark (see {@link RunStatus#latest}), so it answers in seconds. */
    private static int status(Invocation invocation, String runId, Instant startedAt, RunSummary summary, PrintStream out) {
        try {
            RunRecording.logged(null, invocation.lake(), runId, invocation.runDate(), startedAt, summary, false, () -> {
                List<RunStatus.Run> runs = RunStatus.latest(new Configuration(), invocation.lake(),
                        Optional.ofNullable(invocation.runDate()), invocation.statusLimit());
                out.print(RunStatus.table(runs));
                summary.root().put("runs_shown", runs.size());
            });
            return OK;
        } finally {
            out.println(summary.toJson());
            out.flush();
        }
    }

    private static int runInSpark(Invocation invocation, String runId, Instant startedAt, Pseudonymizer pseudonymizer,
                                  RunSummary summary, PrintStream out, PrintStream err) {
        SparkSession spark = Sparks.session(invocation.config(), "ganzhi " + summary.root().get("command").asText(), invocation.lake());
        // Again: starting Spark may have installed Spark's default log levels over ours.
        Logs.quietUnlessVerbose(invocation.line().flag("verbose"));
        try {
            RunRecording.logged(spark, invocation.lake(), runId, invocation.runDate(), startedAt, summary, invocation.command().logsRun(), () -> {
                if (invocation.command() != Command.GENERATE) {  // generate reads no input: its options size its work
                    summary.put("expressions", ExpressionMode.choose(spark, ExpressionMode.inputBytes(
                            spark.sparkContext().hadoopConfiguration(), invocation.lake(), invocation.deliveryDates()),
                            invocation.interpretExpressionsBelow()));
                }
                runCommand(spark, invocation, pseudonymizer, summary, out);
            });
            return OK;
        } finally {
            // The person's summary on stderr; stdout stays the command's output with the JSON summary last.
            // A failed run ends with its one-line error instead, which names the stage and what to do.
            if (invocation.command().reportsRun() && "SUCCEEDED".equals(summary.root().path("status").asText())) {
                err.print(RunReport.render(summary.root()));
                err.flush();
            }
            out.println(summary.toJson());
            out.flush();
        }
    }

    /** Takes the lake's writer lock before Spark starts: a second writer is refused at once (exit 2). */
    private static LakeLock lock(Invocation invocation, String runId, RunSummary summary) {
        StringBuilder tookOver = new StringBuilder();
        LakeLock lock = LakeLock.acquire(invocation.lake(), invocation.command().spec().name(), runId, new Configuration(), tookOver);
        if (!tookOver.isEmpty()) {
            summary.warn("took over the lake's lock from " + tookOver + ", whose process is gone");
        }
        return lock;
    }

    /**
     * A reader of a lake that a run is writing: the embedded metastore inside the lake is that
     * run's (Derby opens a database in one JVM only), so the reader sees the lake's tables
     * through their folders instead of waiting.
     */
    private static Invocation readingBesideAWriter(Invocation invocation, RunSummary summary) {
        GanzhiConfig config = invocation.config();
        boolean embeddedCatalog = config.raw().getBoolean("ganzhi.catalog.enabled")
                && config.raw().getString("ganzhi.catalog.metastore-uri").isBlank();
        Optional<LakeLock.Holder> writer = embeddedCatalog ? LakeLock.holder(invocation.lake(), new Configuration()) : Optional.empty();
        if (writer.isEmpty()) {
            return invocation;
        }
        summary.warn("the lake is being written by '" + writer.get().command() + "' (run " + writer.get().runId()
                + "): read its tables from their folders, without the lake's catalog; rows that run writes appear when its commits do");
        return new Invocation(invocation.command(), invocation.line(), config.with(Map.of("ganzhi.catalog.enabled", false)),
                invocation.lake(), invocation.env());
    }

    private static Pipeline pipeline(SparkSession spark, Invocation invocation, Pseudonymizer pseudonymizer) {
        return new Pipeline(spark, invocation.config(), invocation.lake(), pseudonymizer);
    }

    private static PseudonymKey resolveKey(Invocation invocation, RunSummary summary) {
        PseudonymKey key = PseudonymKey.resolve(invocation.config().raw().getConfig("ganzhi.pseudonymisation"),
                invocation.lake().root(), invocation.env(), new Configuration());
        summary.put("pseudonym_key", key.origin());
        if (key.isDevelopmentKey()) {
            summary.warn("using a generated DEVELOPMENT pseudonymisation key; never use this configuration in production");
        }
        return key;
    }

    private static void runCommand(SparkSession spark, Invocation invocation, Pseudonymizer pseudonymizer,
                                   RunSummary summary, PrintStream out) {
        CommandLine line = invocation.line();
        switch (invocation.command()) {
            case GENERATE -> invocation.generator().generate(spark, invocation.config(), invocation.generateOptions(), pseudonymizer,
                    summary);
            case INGEST -> IngestJob.run(spark, invocation.config(), invocation.ingestOptions(), pseudonymizer, summary);
            case FEATURES -> FeaturesJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case PERSONAS -> PersonaJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case RETRAIN -> PersonaJob.retrain(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case PERCEPTION -> PerceptionJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case PUBLISH -> PublishJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case NIGHTLY -> pipeline(spark, invocation, pseudonymizer).night(invocation.nightlyIngest(), summary);
            case BACKFILL -> pipeline(spark, invocation, pseudonymizer).backfill(invocation.backfillPlan(), summary, out);
            case CALIBRATE -> CalibrateJob.run(spark, invocation.config(), invocation.calibrateOptions(), summary, out);
            case VALIDATE -> ValidateJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary, out);
            case EXPORT -> ExportCommand.run(spark, invocation.lake(), Optional.ofNullable(invocation.runDate()),
                    Paths.get(line.required("out")), summary);
            case SQL -> SqlCommand.run(spark, invocation.lake(), line.positional().get(0), out, summary);
            case MAINTAIN -> MaintainJob.run(spark, invocation.config(), invocation.lake(), invocation.maintainDate(), summary);
            case ERASE -> Erasure.run(spark, invocation.config(), invocation.lake(), invocation.erasureRequest(), pseudonymizer,
                    summary);
            default -> throw new IllegalStateException("no runner for " + invocation.command());
        }
    }
}
