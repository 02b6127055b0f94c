package org.ganzhi.cli;

import org.ganzhi.calibrate.CalibrateOptions;
import org.ganzhi.calibrate.CalibrateSettings;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.ingest.IngestOptions;
import org.ganzhi.ops.BackfillPlan;
import org.ganzhi.sample.GenerateOptions;
import picocli.CommandLine;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.OverwrittenOptionException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.UnmatchedArgumentException;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The command line as picocli reads it: one class of typed options per kind of command, filled once
 * by {@link CommandLine#parseArgs}, and the one-paragraph wording of every way the words can be
 * wrong. Nothing here touches Spark or the lake.
 */
final class Options {
    /** Runs 'status' shows without --limit: about a week of nightly stages. */
    static final int STATUS_LIMIT = 40;

    private Options() {
    }

    /** The whole command line: every command of {@link Command}, then 'help' and 'completion'. */
    static CommandLine commandLine() {
        CommandLine ganzhi = new CommandLine(new Ganzhi());
        for (Command command : Command.values()) {
            CommandLine sub = new CommandLine(command.newOptions());
            // Options in the order they are declared: the command's own first, then the common ones.
            sub.getCommandSpec().usageMessage().description(command.summary()).sortOptions(false).sortSynopsis(false)
                    .descriptionHeading("%n").optionListHeading("%nOptions:%n");
            ganzhi.addSubcommand(command.commandName(), sub);
        }
        ganzhi.addSubcommand("help", new HelpCommand());
        ganzhi.addSubcommand("completion", new Completion());
        // Set after the subcommands are added: picocli hands these settings down only to those it has then.
        ganzhi.registerConverter(LocalDate.class, Options::isoDate);
        // A leading '@' is a file of arguments to picocli by default; here it stays a word (an SQL statement, a number).
        ganzhi.setExpandAtFiles(false);
        // Plain help text: it goes to whatever stream the caller hands in, which may be a log or a test's buffer.
        ganzhi.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return ganzhi;
    }

    /** The top level: only commands and --help. */
    @CommandLine.Command(name = "ganzhi", synopsisSubcommandLabel = "<command>", descriptionHeading = "%n",
            description = "Subscriber-perception analytics for mobile operators on Apache Spark.",
            optionListHeading = "%nOptions:%n", commandListHeading = "%nCommands:%n",
            footer = "%nRun 'ganzhi <command> --help' for a command's options. The last line of stdout is a JSON summary.")
    static final class Ganzhi {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;
    }

    @CommandLine.Command(description = "Print a bash completion script for ganzhi's commands and options.",
            descriptionHeading = "%n", optionListHeading = "%nOptions:%n",
            footer = "%nLoad it into this shell with: source <(ganzhi completion)")
    static final class Completion {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "show this help")
        boolean help;
    }

    /** Options every command that runs on a lake takes; listed last in a command's help. */
    static final class Common {
        @Option(names = "--conf", paramLabel = "FILE", order = 100,
                description = "configuration file (default: $GANZHI_CONF; scripts/ganzhi sets conf/local.conf)")
        Path conf;

        @Option(names = "--verbose", order = 101, description = "show Spark's own log and stack traces")
        boolean verbose;

        @Option(names = {"-h", "--help"}, usageHelp = true, order = 102, description = "show this help")
        boolean help;
    }

    /** A command that runs on a lake: its lake, the common options and, if it has one, its run date. */
    abstract static class OnLake {
        @Mixin
        Common common;

        abstract String lake();

        /** The date this run is for, in its summary and its ops.run_log row; null if it has none. */
        LocalDate runDate() {
            return null;
        }
    }

    /** Every command but 'generate' runs on a lake that is already there. */
    abstract static class OnExistingLake extends OnLake {
        @Option(names = "--lake", required = true, paramLabel = "DIR", description = "lake directory or Hadoop URI (must exist)")
        String lake;

        @Override
        String lake() {
            return lake;
        }
    }

    static final class Generate extends OnLake {
        @Option(names = "--lake", required = true, paramLabel = "DIR", description = "lake directory or Hadoop URI; created if missing")
        String lake;

        @Option(names = "--subscribers", required = true, paramLabel = "N", converter = SubscriberCount.class,
                description = "number of subscribers, e.g. 20000 (at most 100 000 000)")
        long subscribers;

        @Option(names = "--days", required = true, paramLabel = "N", converter = DayCount.class,
                description = "number of delivery days (at most 366)")
        long days;

        @Option(names = "--start", required = true, paramLabel = "DATE", description = "first day, YYYY-MM-DD")
        LocalDate start;

        @Option(names = "--seed", required = true, paramLabel = "SEED", converter = WholeNumber.class,
                description = "random seed; the same seed gives the same lake")
        long seed;

        @Option(names = "--overwrite", description = "replace an existing landing zone and truth of this lake")
        boolean overwrite;

        @Override
        String lake() {
            return lake;
        }

        GenerateOptions generateOptions(Lake onLake) {
            return new GenerateOptions(onLake, subscribers, Math.toIntExact(days), start, seed, overwrite);
        }
    }

    /** A stage of the night that works on one date: text, features, personas, retrain, perception, publish. */
    static class OneDate extends OnExistingLake {
        @Option(names = "--date", required = true, paramLabel = "DATE", description = "run (delivery) date, YYYY-MM-DD")
        LocalDate date;

        @Override
        LocalDate runDate() {
            return date;
        }
    }

    static final class Ingest extends OneDate {
        @Option(names = "--to", paramLabel = "DATE",
                description = "last delivery date of a range ingested in one pass, YYYY-MM-DD (default: --date)")
        LocalDate to;

        /** --date alone, or --date to --to. */
        IngestOptions deliveries(Lake onLake) {
            return new IngestOptions(onLake, date, to == null ? date : to);
        }
    }

    static final class Nightly extends OneDate {
        @Option(names = "--from", paramLabel = "DATE", description = "first delivery date to ingest (a first night on a lake "
                + "with history: every delivery from --from to --date in one ingest pass, then the other stages for --date; "
                + "default: --date)")
        LocalDate from;

        /** --date alone, or every delivery from --from (a first night's catch-up). */
        IngestOptions deliveries(Lake onLake) {
            return new IngestOptions(onLake, from == null ? date : from, date);
        }
    }

    static final class Backfill extends OnExistingLake {
        @Option(names = "--from", required = true, paramLabel = "DATE", description = "first run date, YYYY-MM-DD")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "DATE",
                description = "last run date, YYYY-MM-DD (at most ganzhi.backfill.max-days after --from)")
        LocalDate to;

        BackfillPlan plan(int maxDays) {
            return BackfillPlan.of(from, to, maxDays);
        }
    }

    static final class Calibrate extends OnExistingLake {
        @Option(names = "--date", required = true, paramLabel = "DATE",
                description = "last day whose outcomes (tickets, surveys, snapshots) are in the lake, YYYY-MM-DD")
        LocalDate date;

        // All four or none: CalibrateOptions says so, in the words of the split.
        @Option(names = "--train-from", paramLabel = "DATE", description = "first training scoring date (with --train-to, "
                + "--test-from, --test-to; default: ganzhi.calibrate split)")
        LocalDate trainFrom;

        @Option(names = "--train-to", paramLabel = "DATE", description = "last training scoring date")
        LocalDate trainTo;

        @Option(names = "--test-from", paramLabel = "DATE", description = "first test scoring date, after --train-to")
        LocalDate testFrom;

        @Option(names = "--test-to", paramLabel = "DATE", description = "last test scoring date, at most --date minus horizon-days")
        LocalDate testTo;

        CalibrateOptions calibrateOptions(Lake onLake, CalibrateSettings settings) {
            return CalibrateOptions.of(onLake, date, Optional.ofNullable(trainFrom), Optional.ofNullable(trainTo),
                    Optional.ofNullable(testFrom), Optional.ofNullable(testTo), settings);
        }

        @Override
        LocalDate runDate() {
            return date;
        }
    }

    static final class Validate extends OnExistingLake {
        @Option(names = "--date", required = true, paramLabel = "DATE",
                description = "scored date D, YYYY-MM-DD; the outcomes of D+1 .. D+horizon-days must be in the lake")
        LocalDate date;

        @Override
        LocalDate runDate() {
            return date;
        }
    }

    static final class Status extends OnExistingLake {
        @Option(names = "--date", paramLabel = "DATE", description = "only the runs for this run date, YYYY-MM-DD")
        LocalDate date;

        @Option(names = "--limit", paramLabel = "N", converter = RunCount.class,
                description = "how many runs to show (default " + STATUS_LIMIT + ", at most 100 000)")
        long limit = STATUS_LIMIT;

        @Override
        LocalDate runDate() {
            return date;
        }
    }

    static final class Sql extends OnExistingLake {
        @Parameters(paramLabel = "STATEMENT", description = "Spark SQL, one argument: quote it; separate statements with ;")
        String statement;
    }

    static final class Export extends OnExistingLake {
        @Option(names = "--out", required = true, paramLabel = "DIR",
                description = "folder for the CSV files (created if missing; files of the same name are replaced)")
        Path out;

        @Option(names = "--date", paramLabel = "DATE",
                description = "published date, YYYY-MM-DD (default: the latest in gold.subscriber_perception)")
        LocalDate date;

        @Override
        LocalDate runDate() {
            return date;
        }
    }

    static final class Maintain extends OnExistingLake {
        @Option(names = "--date", paramLabel = "DATE",
                description = "run date D the retentions count back from, YYYY-MM-DD (default: today, operator time zone)")
        LocalDate date;

        @Override
        LocalDate runDate() {
            return date;
        }
    }

    static final class Erase extends OnExistingLake {
        // Exactly one of the two: ErasureRequest says so, and reads the file.
        @Option(names = "--msisdn", paramLabel = "N",
                description = "the subscriber's number, as any feed writes it (never printed or logged)")
        String msisdn;

        @Option(names = "--msisdn-file", paramLabel = "FILE",
                description = "a file with one subscriber number per line (instead of --msisdn)")
        String msisdnFile;
    }

    // ---- values: a converter says what is wrong with a value; describe() names the option ----

    private static LocalDate isoDate(String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new GanzhiException("must be a date as YYYY-MM-DD, got '" + text + "'");
        }
    }

    /** Any whole number, negative too (a seed). */
    static final class WholeNumber implements ITypeConverter<Long> {
        @Override
        public Long convert(String text) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new GanzhiException("must be a whole number, got '" + text + "'");
            }
        }
    }

    /**
     * A count from 1 to a bound, digits maybe grouped with '_' (100_000): the bound turns a slip
     * of the finger into a message instead of a run that never ends.
     */
    abstract static class CountUpTo implements ITypeConverter<Long> {
        private final long max;

        CountUpTo(long max) {
            this.max = max;
        }

        @Override
        public Long convert(String text) {
            long value = new WholeNumber().convert(text.replace("_", ""));
            if (value < 1 || value > max) {
                throw new GanzhiException("must be between 1 and " + max + ", got " + value);
            }
            return value;
        }
    }

    static final class SubscriberCount extends CountUpTo {
        SubscriberCount() {
            super(100_000_000L);
        }
    }

    static final class DayCount extends CountUpTo {
        DayCount() {
            super(366);
        }
    }

    static final class RunCount extends CountUpTo {
        RunCount() {
            super(100_000);
        }
    }

    // ---- errors ----

    /** What is wrong with the words of a command line, in one paragraph that says how to put it right. */
    static String describe(ParameterException e, String[] args) {
        List<String> leftOver = e.getCommandLine().getUnmatchedArguments();
        if (!(e instanceof UnmatchedArgumentException) && !leftOver.isEmpty()) {
            // picocli checks required options first; a misspelt option is the better thing to name ("--dat" for "--date").
            return describe(new UnmatchedArgumentException(e.getCommandLine(), leftOver), args);
        }
        CommandSpec command = e.getCommandLine().getCommandSpec();
        String name = command.name();
        String seeHelp = command.parent() == null ? ". Run 'ganzhi --help' for the commands."
                : ". Run 'ganzhi " + name + " --help' for its options.";
        if (e instanceof UnmatchedArgumentException unmatched) {
            String word = unmatched.getUnmatched().get(0);
            if (command.parent() == null) {
                return "unknown command '" + word + "'; the commands are " + command.subcommands().keySet()
                        + ". Run 'ganzhi --help' for what they do.";
            }
            if (unmatched.isUnknownOption()) {
                List<String> similar = unmatched.getSuggestions();
                return "unknown option " + word.split("=", 2)[0] + " for '" + name + "'"
                        + (similar.isEmpty() ? "" : " (did you mean " + String.join(" or ", similar) + "?)") + seeHelp;
            }
            return "'" + name + "' takes " + arguments(command) + ", got " + (command.positionalParameters().isEmpty() ? "" : "also ")
                    + unmatched.getUnmatched() + seeHelp;
        }
        if (e instanceof OverwrittenOptionException twice) {
            return "option " + label(twice.getOverwritten()) + " is given twice";
        }
        if (e instanceof MissingParameterException missing) {
            ArgSpec first = missing.getMissing().get(0);
            if (first.isOption() && given(first, args)) {
                return "option " + label(first) + " needs a value (" + help(first) + ")";
            }
            if (!first.isOption()) {
                return "'" + name + "' needs " + arguments(command) + ", got none" + seeHelp;
            }
            if (missing.getMissing().size() == 1) {
                return "'" + name + "' needs " + label(first) + " (" + help(first) + ")";
            }
            return "'" + name + "' needs " + missing.getMissing().stream().map(Options::label).collect(Collectors.joining(", "))
                    + seeHelp;
        }
        if (e.getCause() instanceof GanzhiException badValue && e.getArgSpec() != null) {
            return "option " + label(e.getArgSpec()) + " " + badValue.getMessage();
        }
        return e.getMessage().replaceFirst("\\.$", "") + seeHelp;
    }

    private static String arguments(CommandSpec command) {
        List<String> labels = command.positionalParameters().stream().map(ArgSpec::paramLabel).toList();
        return labels.isEmpty() ? "no positional arguments"
                : "exactly " + labels.size() + " argument" + (labels.size() == 1 ? "" : "s") + " (" + String.join(" ", labels) + ")";
    }

    private static String label(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() : arg.paramLabel();
    }

    private static String help(ArgSpec arg) {
        return String.join(" ", arg.description());
    }

    /** Whether the option itself was typed (so its value is what is missing). */
    private static boolean given(ArgSpec arg, String[] args) {
        String name = label(arg);
        return Arrays.stream(args).anyMatch(word -> word.equals(name) || word.startsWith(name + "="));
    }
}
