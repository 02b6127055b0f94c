package org.ganzhi.cli;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The commands of the ganzhi CLI, their options and help texts. */
public enum Command {
    GENERATE("generate", "Generate a synthetic lake (landing feeds + planted truth) with Spark.",
            List.of(),
            lake(true),
            new Option("subscribers", "number of subscribers, e.g. 20000", true, false),
            new Option("days", "number of delivery days", true, false),
            new Option("start", "first day, YYYY-MM-DD", true, false),
            new Option("seed", "random seed; the same seed gives the same lake", true, false),
            new Option("overwrite", "replace an existing landing zone and truth of this lake", false, true)),
    INGEST("ingest", "Ingest one delivery date (or a range, in one pass) of every source into silver and quarantine tables.",
            List.of(), lake(false), date(),
            new Option("to", "last delivery date of a range ingested in one pass, YYYY-MM-DD (default: --date)", false, false)),
    FEATURES("features", "Build subscriber daily and window features and cell KPIs for one date from silver.",
            List.of(), lake(false), date()),
    PERSONAS("personas", "Score personas, segments, lifecycle stage and value tier for one date with the current model.",
            List.of(), lake(false), date()),
    RETRAIN("retrain", "Fit the next persona model version on one date's features and report label agreement.",
            List.of(), lake(false), date()),
    PERCEPTION("perception", "Score perception drivers, dimensions, index and level with top detractors and demarcation for one date.",
            List.of(), lake(false), date()),
    CALIBRATE("calibrate", "Fit complaint, low-survey and churn risk models on past perception scores and behaviour; report "
            + "AUC, lift, reliability and proposed weights (never applied); save the complaint and churn models.",
            List.of(), lake(false),
            new Option("date", "last day whose outcomes (tickets, surveys, snapshots) are in the lake, YYYY-MM-DD", true, false),
            new Option("train-from", "first training scoring date (with --train-to, --test-from, --test-to; "
                    + "default: ganzhi.calibrate split)", false, false),
            new Option("train-to", "last training scoring date", false, false),
            new Option("test-from", "first test scoring date, after --train-to", false, false),
            new Option("test-to", "last test scoring date, at most --date minus horizon-days", false, false)),
    VALIDATE("validate", "Print how well every score of one scored date ranks what subscribers did next (AUC, top-decile "
            + "lift) against tickets, surveys, snapshots and the outcome feed.",
            List.of(), lake(false),
            new Option("date", "scored date D, YYYY-MM-DD; the outcomes of D+1 .. D+horizon-days must be in the lake", true,
                    false)),
    PUBLISH("publish", "Write the gold reporting tables of one date from perception, features and silver.",
            List.of(), lake(false), date()),
    NIGHTLY("nightly", "Run every pipeline stage for one date, in order: ingest, features, personas, perception, publish.",
            List.of(), lake(false), date(),
            new Option("from", "first delivery date to ingest (a first night on a lake with history: every delivery "
                    + "from --from to --date in one ingest pass, then the other stages for --date; default: --date)", false, false)),
    BACKFILL("backfill", "Run the nightly pipeline for every date of a range, in order, in one JVM; stop at the first failed date.",
            List.of(), lake(false),
            new Option("from", "first run date, YYYY-MM-DD", true, false),
            new Option("to", "last run date, YYYY-MM-DD (at most ganzhi.backfill.max-days after --from)", true, false)),
    STATUS("status", "Show the latest runs from ops.run_log, newest first: command, date, outcome, seconds, rows.",
            List.of(), lake(false),
            new Option("date", "only the runs for this run date, YYYY-MM-DD", false, false),
            new Option("limit", "how many runs to show (default " + Command.STATUS_LIMIT + ")", false, false)),
    SQL("sql", "Run Spark SQL statements (separated by ;) against the lake's tables and print each result as CSV.",
            List.of("\"STATEMENT\""), lake(false)),
    EXPORT("export", "Write one date of every gold table as CSV files (gold.<table>.csv) for notebooks and tools without Spark.",
            List.of(), lake(false),
            new Option("out", "folder for the CSV files (created if missing; files of the same name are replaced)", true, false),
            new Option("date", "published date, YYYY-MM-DD (default: the latest in gold.subscriber_perception)", false, false)),
    MAINTAIN("maintain", "Lake upkeep: age out partitions older than each layer's retention (ganzhi.maintain.retention-days, "
            + "landing dt= folders too), compact small files (OPTIMIZE) and VACUUM every Delta table.",
            List.of(), lake(false),
            new Option("date", "run date D the retentions count back from, YYYY-MM-DD (default: today, operator time zone)",
                    false, false)),
    ERASE("erase", "Erase subscribers on request: delete their rows (by pseudonym) from every Delta table, vacuum them, "
            + "log the erasure in ops.erasure_log and prove none remains. The landing zone (raw files) is not touched.",
            List.of(), lake(false),
            new Option("msisdn", "the subscriber's number, as any feed writes it (never printed or logged)", false, false),
            new Option("msisdn-file", "a file with one subscriber number per line (instead of --msisdn)", false, false)),
    HELP("help", "Show the commands.", List.of());

    /** Runs 'status' shows without --limit: about a week of nightly stages. */
    public static final int STATUS_LIMIT = 40;

    /** One named option. */
    public record Option(String name, String help, boolean required, boolean flag) {
    }

    /** A command's name, positional arguments and options, including the common ones. */
    public record Spec(String name, String summary, List<String> positional, List<Option> options) {
        public Optional<Option> option(String optionName) {
            return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
        }
    }

    /** Options every command takes (a holder class: enum constructors cannot read static fields). */
    private static final class Common {
        static final List<Option> OPTIONS = List.of(
                new Option("conf", "configuration file (default: $GANZHI_CONF; scripts/ganzhi sets conf/local.conf)", false, false),
                new Option("verbose", "show Spark's own log and stack traces", false, true),
                new Option("help", "show this help", false, true));
    }

    private final Spec spec;

    Command(String name, String summary, List<String> positional, Option... options) {
        this.spec = new Spec(name, summary, positional,
                Stream.concat(Stream.of(options), Common.OPTIONS.stream()).toList());
    }

    private static Option lake(boolean mayBeNew) {
        return new Option("lake", mayBeNew ? "lake directory or Hadoop URI; created if missing"
                : "lake directory or Hadoop URI (must exist)", true, false);
    }

    private static Option date() {
        return new Option("date", "run (delivery) date, YYYY-MM-DD", true, false);
    }

    /** Only the commands that read raw numbers need the pseudonymisation key. */
    public boolean needsPseudonymKey() {
        return this == GENERATE || this == INGEST || this == NIGHTLY || this == BACKFILL || this == ERASE;
    }

    /** Commands that write the lake take its lock; readers ('sql', 'status', 'export') never wait for it. */
    public boolean writesLake() {
        return this != STATUS && this != SQL && this != EXPORT && this != HELP;
    }

    /**
     * Every command appends its run to ops.run_log except the readers 'status' and 'sql': a query
     * is no run of the pipeline, and its commit cost a third of a short query's time.
     */
    public boolean logsRun() {
        return this != STATUS && this != SQL;
    }

    /** Commands that do work end with a summary table on stderr; 'sql' and 'status' print their answer instead. */
    public boolean reportsRun() {
        return this != STATUS && this != SQL;
    }

    public Spec spec() {
        return spec;
    }

    public static Optional<Command> named(String name) {
        return Stream.of(values()).filter(c -> c.spec.name().equals(name)).findFirst();
    }

    public String help() {
        String usage = "usage: ganzhi " + spec.name()
                + spec.options().stream().filter(Option::required).map(o -> " --" + o.name() + " " + o.name().toUpperCase())
                .collect(Collectors.joining())
                + (spec.positional().isEmpty() ? "" : " " + String.join(" ", spec.positional()))
                + " [options]\n\n" + spec.summary() + "\n\noptions:\n";
        return usage + spec.options().stream()
                .map(o -> String.format("  --%-14s %s%s", o.name() + (o.flag() ? "" : " V"), o.help(), o.required() ? " (required)" : ""))
                .collect(Collectors.joining("\n")) + "\n";
    }

    public static String overview() {
        return "usage: ganzhi <command> [options]\n\ncommands:\n"
                + Stream.of(values()).map(c -> String.format("  %-10s %s", c.spec.name(), c.spec.summary()))
                .collect(Collectors.joining("\n"))
                + "\n\nRun 'ganzhi <command> --help' for a command's options. The last line of stdout is a JSON summary.\n";
    }
}
