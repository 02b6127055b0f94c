package org.ganzhi.catalog;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;

import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The tables one stage run reads from its lake, and what it tells the operator when one is not
 * there yet. Each stage reads the layers that earlier commands write, so a missing input always
 * has the same fix: run the command that writes it, on the same lake for the same date. Every
 * stage says so in the same words, with that command ready to paste. Here in catalog, beside
 * {@link DeltaTables}; stages are named by their command's name only, so the ground floor still
 * depends on no stage.
 */
public final class StageInputs {
    /**
     * The command that writes each layer read as a stage input, the one place that knows it. ops is
     * written by every command and is never a stage's input, so it has no writer here.
     */
    private static final Map<String, String> WRITER_OF_LAYER = Map.of(
            "silver", "ingest",
            "quarantine", "ingest",
            "text", "text",
            "features", "features",
            "personas", "personas",
            "perception", "perception",
            "calibration", "calibrate",
            "gold", "publish");

    private final SparkSession spark;
    private final Lake lake;
    private final String stage;
    /** The date the suggested commands name; empty for a command that takes its date from the lake. */
    private final Optional<LocalDate> runDate;

    /** The inputs of {@code stage} (its command's name, as the messages say it) run on {@code runDate}. */
    public StageInputs(SparkSession spark, Lake lake, String stage, LocalDate runDate) {
        this(spark, lake, stage, Optional.of(runDate));
    }

    private StageInputs(SparkSession spark, Lake lake, String stage, Optional<LocalDate> runDate) {
        this.spark = Objects.requireNonNull(spark);
        this.lake = Objects.requireNonNull(lake);
        this.stage = Objects.requireNonNull(stage);
        this.runDate = runDate;
    }

    /**
     * The inputs of a command that finds its date in the lake (export without --date): no date is
     * known when an input is missing, so the suggested command says {@code --date D}, as the docs do.
     */
    public static StageInputs undated(SparkSession spark, Lake lake, String stage) {
        return new StageInputs(spark, lake, stage, Optional.empty());
    }

    /**
     * The same stage's inputs, suggesting commands for another date: calibrate, run on the last
     * outcome day, reads the perception scores of earlier scoring dates.
     */
    public StageInputs forDate(LocalDate date) {
        return new StageInputs(spark, lake, stage, Optional.of(date));
    }

    /**
     * Fails unless every table exists, without reading any: a stage checks its required inputs
     * before its first write, so that a missing one leaves the lake as it was.
     */
    public void require(String... tables) {
        for (String table : tables) {
            String writer = writerOf(table);
            if (!DeltaTables.exists(spark, lake.table(table))) {
                throw notYetInLake(table, writer);
            }
        }
    }

    /** A table the stage cannot run without. */
    public Dataset<Row> read(String table) {
        require(table);
        return load(table);
    }

    /** A table the stage can do without (an optional feed, an earlier run of its own): empty when absent. */
    public Optional<Dataset<Row>> optional(String table) {
        return DeltaTables.exists(spark, lake.table(table)) ? Optional.of(load(table)) : Optional.empty();
    }

    /** {@code rows} of {@code table}, filtered to the run date, unless there are none: a table can exist without the date's rows. */
    public Dataset<Row> requireRows(String table, Dataset<Row> rows) {
        return requireRows(table, rows, runDate.map(date -> "rows for " + date).orElse("rows"));
    }

    /**
     * {@code rows} of {@code table} unless there are none; {@code wanted} says which rows, as in
     * "30-day rows as of 2026-11-03". Counting costs a Spark job: done once per input.
     */
    public Dataset<Row> requireRows(String table, Dataset<Row> rows, String wanted) {
        if (rows.isEmpty()) {
            throw missingRows(table, wanted);
        }
        return rows;
    }

    /**
     * The failure for rows of {@code table} the stage found missing itself, for a caller that learns
     * it from a query it runs anyway (export's latest date) rather than from a separate count.
     */
    public GanzhiException missingRows(String table, String wanted) {
        return notYetInLake(table + " with " + wanted, writerOf(table));
    }

    private Dataset<Row> load(String table) {
        return spark.read().format("delta").load(lake.table(table));
    }

    /** One message for every missing input, e.g. "personas need features.subscriber_window, which ... first." */
    private GanzhiException notYetInLake(String what, String writer) {
        // The stages named in the plural (features, personas) take the plural verb.
        String verb = stage.endsWith("s") ? " need " : " needs ";
        return new GanzhiException(stage + verb + what + ", which " + lake.root() + " does not have yet; run 'ganzhi "
                + writer + " --lake " + lake.root() + " --date " + runDate.map(LocalDate::toString).orElse("D") + "' first.");
    }

    private static String writerOf(String table) {
        String layer = table.substring(0, Math.max(table.indexOf('.'), 0));
        String writer = WRITER_OF_LAYER.get(layer);
        if (writer == null) {
            throw new IllegalArgumentException("no command writes " + table + " as a stage input; the layers are "
                    + new TreeSet<>(WRITER_OF_LAYER.keySet()));
        }
        return writer;
    }
}
