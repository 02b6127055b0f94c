package org.ganzhi.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.calibrate.CalibrateJob;
import org.ganzhi.calibrate.CalibrateOptions;
import org.ganzhi.calibrate.CalibrateSettings;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunLog;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Sparks;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.features.FeaturesJob;
import org.ganzhi.generate.GenerateJob;
import org.ganzhi.generate.GenerateOptions;
import org.ganzhi.ingest.IngestJob;
import org.ganzhi.ingest.IngestOptions;
import org.ganzhi.perception.PerceptionJob;
import org.ganzhi.perception.PerceptionSettings;
import org.ganzhi.personas.PersonaJob;
import org.ganzhi.privacy.PseudonymKey;
import org.ganzhi.publish.PublishJob;
import org.ganzhi.privacy.Pseudonymizer;
import org.ganzhi.sql.SqlCommand;

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
            switch (command) {
                case GENERATE -> {
                    line.positiveLong("subscribers", 100_000_000L);
                    line.positiveLong("days", 366);
                    line.date("start");
                    line.anyLong("seed");
                }
                case INGEST, NIGHTLY, FEATURES, PERSONAS, RETRAIN, PERCEPTION, PUBLISH -> {
                    line.date("date");
                    if (line.string("to").isPresent()) {
                        new IngestOptions(lake, line.date("date"), line.date("to"));
                    }
                    requireLake();
                }
                case CALIBRATE -> {
                    calibrateOptions();
                    PerceptionSettings.from(config);
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

        CalibrateOptions calibrateOptions() {
            List<Optional<LocalDate>> range = CalibrateOptions.RANGE_OPTIONS.stream()
                    .map(name -> line.string(name).map(text -> line.date(name))).toList();
            return CalibrateOptions.of(lake, line.date("date"), range.get(0), range.get(1), range.get(2), range.get(3),
                    CalibrateSettings.from(config));
        }

        LocalDate runDate() {
            return line.string("date").map(d -> line.date("date")).orElse(null);
        }
    }

    private static int run(Invocation invocation, PrintStream out, PrintStream err) {
        Instant started = Instant.now();
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
        SparkSession spark = Sparks.session(invocation.config(), "ganzhi " + summary.root().get("command").asText(), invocation.lake());
        String status = "SUCCEEDED";
        String error = null;
        try {
            runCommand(spark, invocation, pseudonymizer, summary, out);
            return OK;
        } catch (Exception | Error e) {
            status = "FAILED";
            error = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getName());
            throw e;
        } finally {
            Instant finished = Instant.now();
            summary.put("status", status);
            summary.root().put("seconds", Math.round((finished.toEpochMilli() - started.toEpochMilli()) / 10.0) / 100.0);
            try {
                RunLog.append(spark, invocation.lake(), runId, summary.root().get("command").asText(), invocation.runDate(),
                        status, started, finished, error, summary.toJson());
            } catch (RuntimeException logFailure) {
                summary.warn("could not append to ops.run_log: " + logFailure.getMessage());
            }
            out.println(summary.toJson());
            out.flush();
        }
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
            case GENERATE -> GenerateJob.run(spark, invocation.config(), new GenerateOptions(invocation.lake(),
                    line.positiveLong("subscribers", Long.MAX_VALUE), (int) line.positiveLong("days", 366),
                    line.date("start"), line.anyLong("seed"), line.flag("overwrite")), pseudonymizer, summary);
            case INGEST -> IngestJob.run(spark, invocation.config(), new IngestOptions(invocation.lake(), line.date("date"),
                    line.string("to").isPresent() ? line.date("to") : line.date("date")), pseudonymizer, summary);
            case FEATURES -> FeaturesJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case PERSONAS -> PersonaJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case RETRAIN -> PersonaJob.retrain(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case PERCEPTION -> PerceptionJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case PUBLISH -> PublishJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            case NIGHTLY -> {
                IngestJob.run(spark, invocation.config(), new IngestOptions(invocation.lake(), line.date("date")),
                        pseudonymizer, summary);
                FeaturesJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
                PersonaJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
                PerceptionJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
                PublishJob.run(spark, invocation.config(), invocation.lake(), line.date("date"), summary);
            }
            case CALIBRATE -> CalibrateJob.run(spark, invocation.config(), invocation.calibrateOptions(), summary, out);
            case SQL -> SqlCommand.run(spark, invocation.lake(), line.positional().get(0), out, summary);
            default -> throw new IllegalStateException("no runner for " + invocation.command());
        }
    }
}
