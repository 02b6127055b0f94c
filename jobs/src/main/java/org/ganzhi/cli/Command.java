package org.ganzhi.cli;

import java.util.function.Supplier;

/**
 * The commands that run on a lake: each one's name, one-line summary, options (see {@link Options})
 * and what it needs and does around its work. 'help' and 'completion' only print, so they are
 * picocli's business alone (see {@link Options#commandLine()}).
 */
public enum Command {
    GENERATE("generate", "Generate a synthetic lake (landing feeds + planted truth) with Spark.", Options.Generate::new),
    INGEST("ingest", "Ingest one delivery date (or a range, in one pass) of every source into silver and quarantine tables.",
            Options.Ingest::new),
    TEXT("text", "Read the feedback feed's free text for one date: language, words, category and sentiment of each text "
            + "with the current text model.", Options.OneDate::new),
    FEATURES("features", "Build subscriber daily and window features and cell KPIs for one date from silver.",
            Options.OneDate::new),
    PERSONAS("personas", "Score personas, segments, lifecycle stage and value tier for one date with the current model.",
            Options.OneDate::new),
    RETRAIN("retrain", "Fit the next persona model version on one date's features and report label agreement.",
            Options.OneDate::new),
    PERCEPTION("perception", "Score perception drivers, dimensions, index and level with top detractors and demarcation "
            + "for one date.", Options.OneDate::new),
    CALIBRATE("calibrate", "Fit complaint, low-survey and churn risk models on past perception scores and behaviour; report "
            + "AUC, lift, reliability and proposed weights (never applied); save the complaint and churn models.",
            Options.Calibrate::new),
    VALIDATE("validate", "Print how well every score of one scored date ranks what subscribers did next (AUC, top-decile "
            + "lift) against tickets, surveys, snapshots and the outcome feed.", Options.Validate::new),
    PUBLISH("publish", "Write the gold reporting tables of one date from perception, features and silver.",
            Options.OneDate::new),
    NIGHTLY("nightly", "Run every pipeline stage for one date, in order: ingest, text, features, personas, perception, "
            + "publish.",
            Options.Nightly::new),
    BACKFILL("backfill", "Run the nightly pipeline for every date of a range, in order, in one JVM; stop at the first "
            + "failed date.", Options.Backfill::new),
    STATUS("status", "Show the latest runs from ops.run_log, newest first: command, date, outcome, seconds, rows.",
            Options.Status::new),
    SQL("sql", "Run Spark SQL statements (separated by ;) against the lake's tables and print each result as CSV.",
            Options.Sql::new),
    EXPORT("export", "Write one date of every gold table as CSV files (gold.<table>.csv) for notebooks and tools without "
            + "Spark.", Options.Export::new),
    MAINTAIN("maintain", "Lake upkeep: age out partitions older than each layer's retention "
            + "(ganzhi.maintain.retention-days, landing dt= folders too), compact small files (OPTIMIZE) and VACUUM every "
            + "Delta table.", Options.Maintain::new),
    ERASE("erase", "Erase subscribers on request: delete their rows (by pseudonym) from every Delta table, vacuum them, "
            + "log the erasure in ops.erasure_log and prove none remains. The landing zone (raw files) is not touched.",
            Options.Erase::new);

    private final String commandName;
    private final String summary;
    private final Supplier<Options.OnLake> options;

    Command(String commandName, String summary, Supplier<Options.OnLake> options) {
        this.commandName = commandName;
        this.summary = summary;
        this.options = options;
    }

    /** The word that names the command on the command line, in the run log and in the lake's lock. */
    public String commandName() {
        return commandName;
    }

    public String summary() {
        return summary;
    }

    /** A fresh, empty options object for picocli to fill: one per parse. */
    Options.OnLake newOptions() {
        return options.get();
    }

    /** Only the commands that read raw numbers need the pseudonymisation key. */
    public boolean needsPseudonymKey() {
        return this == GENERATE || this == INGEST || this == NIGHTLY || this == BACKFILL || this == ERASE;
    }

    /** Commands that write the lake take its lock; readers ('sql', 'status', 'export') never wait for it. */
    public boolean writesLake() {
        return this != STATUS && this != SQL && this != EXPORT;
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

    public static Command named(String commandName) {
        for (Command command : values()) {
            if (command.commandName.equals(commandName)) {
                return command;
            }
        }
        throw new IllegalArgumentException("no command " + commandName);
    }
}
