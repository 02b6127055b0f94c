package org.ganzhi.cli;

import com.typesafe.config.ConfigException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.calibrate.CalibrateJob;
import org.ganzhi.calibrate.CalibrateOptions;
import org.ganzhi.calibrate.CalibrateSettings;
import org.ganzhi.catalog.Sparks;
import org.ganzhi.common.ExpressionMode;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.JavaLocalFileSystem;
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
import org.ganzhi.text.TextJob;
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
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
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
        // Before parsing: a command line that fails to parse shows its stack trace with --verbose too.
        boolean verbose = Arrays.asList(args).contains("--verbose");
        Logs.quietUnlessVerbose(verbose);
        try {
            CommandLine commandLine = Options.commandLine();
            PrintWriter help = new PrintWriter(out, true);
            commandLine.setOut(help);
            ParseResult parsed = commandLine.parseArgs(args);
            if (!parsed.hasSubcommand()) {  // 'ganzhi' alone: the commands
                commandLine.usage(help);
                help.flush();
                return OK;
            }
            if (CommandLine.printHelpIfRequested(parsed)) {  // --help anywhere, or 'help [command]'
                help.flush();
                return OK;
            }
            if (parsed.subcommand().commandSpec().userObject() instanceof Options.Completion) {
                out.println(AutoComplete.bash("ganzhi", commandLine));
                return OK;
            }
            return run(Invocation.of(parsed.subcommand(), env), out, err);
        } catch (ParameterException e) {
            return userError(Options.describe(e, args), e, verbose, err);
        } catch (GanzhiException e) {
            return userError(e.getMessage(), e, verbose, err);
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

    /** Something the user can fix: one paragraph that says what, and the stack trace only if asked for. */
    private static int userError(String message, Exception e, boolean verbose, PrintStream err) {
        err.println("ganzhi: " + message);
        if (verbose) {
            e.printStackTrace(err);
        }
        return USER_ERROR;
    }

    /** A validated invocation: the command, its parsed options, the configuration and the lake. */
    record Invocation(Command command, Options.OnLake options, GanzhiConfig config, Lake lake, Map<String, String> env) {
        /** Parses and validates a command line that runs on a lake (no --help, 'help' or 'completion'). */
        static Invocation parse(String[] args, Map<String, String> env) {
            return of(Options.commandLine().parseArgs(args).subcommand(), env);
        }

        /** The command that picocli matched, with the options it filled. */
        static Invocation of(ParseResult parsed, Map<String, String> env) {
            Command command = Command.named(parsed.commandSpec().name());
            Options.OnLake options = (Options.OnLake) parsed.commandSpec().userObject();
            GanzhiConfig config = options.common.conf != null ? GanzhiConfig.load(options.common.conf)
                    : env.containsKey("GANZHI_CONF") ? GanzhiConfig.load(Paths.get(env.get("GANZHI_CONF")))
                    : GanzhiConfig.defaults();
            Invocation invocation = new Invocation(command, options, config, new Lake(options.lake()), env);
            invocation.validate();
            return invocation;
        }

        /** This command's own options (the command decides which class they are). */
        private <T extends Options.OnLake> T options(Class<T> type) {
            return type.cast(options);
        }

        /** Everything that can be checked before Spark starts; picocli has checked the words and their types. */
        private void validate() {
            interpretExpressionsBelow();
            everyStageSetting();
            switch (command) {
                case GENERATE -> {
                    generator();
                    generateOptions();
                    return;  // its lake may be new
                }
                case INGEST -> ingestOptions();
                case NIGHTLY -> nightlyIngest();
                case BACKFILL -> backfillPlan();
                case CALIBRATE -> calibrateOptions();
                case ERASE -> erasureRequest();
                case EXPORT -> {
                    if (exportFolder().toString().isBlank()) {
                        throw new GanzhiException("'export' needs a non-empty --out folder");
                    }
                }
                case SQL -> {
                    if (sqlStatement().isBlank()) {
                        throw new GanzhiException("'sql' needs a non-empty statement");
                    }
                }
                default -> {
                }
            }
            requireLake();
            if (command == Command.STATUS) {
                requireRunLog();
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
                FileSystem fs = root.getFileSystem(JavaLocalFileSystem.hadoopConfiguration());
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
                if (!log.getFileSystem(JavaLocalFileSystem.hadoopConfiguration()).exists(log)) {
                    throw new GanzhiException("the lake " + lake.root() + " has no run log (" + Tables.RUN_LOG
                            + ") yet: no command has run on it. Run 'ganzhi nightly --lake " + lake.root() + " --date D' first.");
                }
            } catch (IOException e) {
                throw new GanzhiException("cannot read the run log of " + lake.root() + ": " + e.getMessage(), e);
            }
        }

        /** nightly's deliveries: --date alone, or every one from --from (a first night's catch-up). */
        IngestOptions nightlyIngest() {
            return options(Options.Nightly.class).deliveries(lake);
        }

        BackfillPlan backfillPlan() {
            return options(Options.Backfill.class).plan(config.raw().getInt("ganzhi.backfill.max-days"));
        }

        int statusLimit() {
            return Math.toIntExact(options(Options.Status.class).limit);
        }

        CalibrateOptions calibrateOptions() {
            return options(Options.Calibrate.class).calibrateOptions(lake, CalibrateSettings.from(config));
        }

        /** The subscribers to erase; invalid numbers are refused here, before Spark starts. */
        ErasureRequest erasureRequest() {
            Options.Erase erase = options(Options.Erase.class);
            return ErasureRequest.of(Optional.ofNullable(erase.msisdn), Optional.ofNullable(erase.msisdnFile), config.operator());
        }

        /** The sample-data generator: its own module, on the class path of scripts/ganzhi and the tests only. */
        LakeGenerator generator() {
            return LakeGenerator.onClassPath().orElseThrow(() -> new GanzhiException("'generate' needs the sample-data "
                    + "generator, which is not on this class path: the production jar does not carry it. Run "
                    + "'scripts/ganzhi generate ...', which adds generator/target/ganzhi-generator-cli.jar, or add that jar "
                    + "to the class path yourself."));
        }

        GenerateOptions generateOptions() {
            return options(Options.Generate.class).generateOptions(lake);
        }

        /** ingest's deliveries: --date alone, or --date to --to. */
        IngestOptions ingestOptions() {
            return options(Options.Ingest.class).deliveries(lake);
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
            return runDate() != null ? runDate() : LocalDate.now(config.operator().timezone());
        }

        /** The date this run is for, if its command has one and it was given. */
        LocalDate runDate() {
            return options.runDate();
        }

        java.nio.file.Path exportFolder() {
            return options(Options.Export.class).out;
        }

        String sqlStatement() {
            return options(Options.Sql.class).statement;
        }

        boolean verbose() {
            return options.common.verbose;
        }
    }

    private static int run(Invocation invocation, PrintStream out, PrintStream err) {
        Instant startedAt = Instant.now();
        String runId = UUID.randomUUID().toString();
        RunSummary summary = new RunSummary(invocation.command().commandName());
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
                List<RunStatus.Run> runs = RunStatus.latest(JavaLocalFileSystem.hadoopConfiguration(), invocation.lake(),
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
        Logs.quietUnlessVerbose(invocation.verbose());
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
        LakeLock lock = LakeLock.acquire(invocation.lake(), invocation.command().commandName(), runId, JavaLocalFileSystem.hadoopConfiguration(), tookOver);
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
        Optional<LakeLock.Holder> writer = embeddedCatalog ? LakeLock.holder(invocation.lake(), JavaLocalFileSystem.hadoopConfiguration()) : Optional.empty();
        if (writer.isEmpty()) {
            return invocation;
        }
        summary.warn("the lake is being written by '" + writer.get().command() + "' (run " + writer.get().runId()
                + "): read its tables from their folders, without the lake's catalog; rows that run writes appear when its commits do");
        return new Invocation(invocation.command(), invocation.options(), config.with(Map.of("ganzhi.catalog.enabled", false)),
                invocation.lake(), invocation.env());
    }

    private static Pipeline pipeline(SparkSession spark, Invocation invocation, Pseudonymizer pseudonymizer) {
        return new Pipeline(spark, invocation.config(), invocation.lake(), pseudonymizer);
    }

    private static PseudonymKey resolveKey(Invocation invocation, RunSummary summary) {
        PseudonymKey key = PseudonymKey.resolve(invocation.config().raw().getConfig("ganzhi.pseudonymisation"),
                invocation.lake().root(), invocation.env(), JavaLocalFileSystem.hadoopConfiguration());
        summary.put("pseudonym_key", key.origin());
        if (key.isDevelopmentKey()) {
            summary.warn("using a generated DEVELOPMENT pseudonymisation key; never use this configuration in production");
        }
        return key;
    }

    private static void runCommand(SparkSession spark, Invocation invocation, Pseudonymizer pseudonymizer,
                                   RunSummary summary, PrintStream out) {
        switch (invocation.command()) {
            case GENERATE -> invocation.generator().generate(spark, invocation.config(), invocation.generateOptions(), pseudonymizer,
                    summary);
            case INGEST -> IngestJob.run(spark, invocation.config(), invocation.ingestOptions(), pseudonymizer, summary);
            case TEXT -> TextJob.run(spark, invocation.config(), invocation.lake(), invocation.runDate(), summary);
            case FEATURES -> FeaturesJob.run(spark, invocation.config(), invocation.lake(), invocation.runDate(), summary);
            case PERSONAS -> PersonaJob.run(spark, invocation.config(), invocation.lake(), invocation.runDate(), summary);
            case RETRAIN -> PersonaJob.retrain(spark, invocation.config(), invocation.lake(), invocation.runDate(), summary);
            case PERCEPTION -> PerceptionJob.run(spark, invocation.config(), invocation.lake(), invocation.runDate(), summary);
            case PUBLISH -> PublishJob.run(spark, invocation.config(), invocation.lake(), invocation.runDate(), summary);
            case NIGHTLY -> pipeline(spark, invocation, pseudonymizer).night(invocation.nightlyIngest(), summary);
            case BACKFILL -> pipeline(spark, invocation, pseudonymizer).backfill(invocation.backfillPlan(), summary, out);
            case CALIBRATE -> CalibrateJob.run(spark, invocation.config(), invocation.calibrateOptions(), summary, out);
            case VALIDATE -> ValidateJob.run(spark, invocation.config(), invocation.lake(), invocation.runDate(), summary, out);
            case EXPORT -> ExportCommand.run(spark, invocation.lake(), Optional.ofNullable(invocation.runDate()),
                    invocation.exportFolder(), summary);
            case SQL -> SqlCommand.run(spark, invocation.lake(), invocation.sqlStatement(), out, summary);
            case MAINTAIN -> MaintainJob.run(spark, invocation.config(), invocation.lake(), invocation.maintainDate(), summary);
            case ERASE -> Erasure.run(spark, invocation.config(), invocation.lake(), invocation.erasureRequest(), pseudonymizer,
                    summary);
            default -> throw new IllegalStateException("no runner for " + invocation.command());
        }
    }
}
