package org.ganzhi.sql;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.catalog.StageInputs;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.LakeTables;
import org.ganzhi.common.RunSummary;
import org.ganzhi.common.Tables;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Writes the partition date = D of every gold table as {@code <out>/gold.<table>.csv} (the
 * CSV of {@link SqlCommand}: header first, values as Spark renders them, RFC-4180 quoting), so
 * that the analyst notebooks, or any tool without Spark, read one night's reporting tables from
 * one JVM start instead of one per query. D defaults to the latest date of
 * gold.subscriber_perception, the one gold table every publish writes. The folder is on the
 * machine that runs the driver.
 */
public final class ExportCommand {
    private ExportCommand() {
    }

    public static void run(SparkSession spark, Lake lake, Optional<LocalDate> requested, java.nio.file.Path out,
                           RunSummary summary) {
        // Without --date the date comes from the lake: a missing table asks for publish of some date D.
        StageInputs inputs = requested.map(d -> new StageInputs(spark, lake, "export", d))
                .orElseGet(() -> StageInputs.undated(spark, lake, "export"));
        // The one gold table every publish writes: without it nothing was published yet.
        inputs.require(Tables.SUBSCRIBER_PERCEPTION);
        List<String> tables = goldTables(spark, lake);
        LocalDate date = requested.orElseGet(() -> latestDate(inputs));
        summary.put("date", date.toString());
        summary.put("out", out.toString());
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new GanzhiException("cannot create the export folder " + out + ": " + e.getMessage(), e);
        }
        for (String table : tables) {
            Dataset<Row> rows = inputs.read(table)
                    .where(col("date").equalTo(lit(java.sql.Date.valueOf(date))));
            java.nio.file.Path file = out.resolve(table + ".csv");
            try (OutputStream stream = Files.newOutputStream(file);
                 PrintStream csv = new PrintStream(stream, false, StandardCharsets.UTF_8)) {
                summary.rows(table, SqlCommand.printCsv(rows, csv));
            } catch (IOException e) {
                throw new GanzhiException("cannot write " + file + ": " + e.getMessage(), e);
            }
        }
        if (summary.root().path("rows").path(Tables.SUBSCRIBER_PERCEPTION).asLong() == 0) {
            summary.warn("gold.subscriber_perception has no rows for " + date + ": was it published?");
        }
    }

    /** The qualified names of the Delta tables under gold/, sorted. */
    static List<String> goldTables(SparkSession spark, Lake lake) {
        return LakeTables.deltaTables(spark, lake).stream().filter(name -> name.startsWith("gold.")).toList();
    }

    private static LocalDate latestDate(StageInputs inputs) {
        Row latest = inputs.read(Tables.SUBSCRIBER_PERCEPTION).agg(org.apache.spark.sql.functions.max(col("date"))).first();
        if (latest.isNullAt(0)) {
            throw inputs.missingRows(Tables.SUBSCRIBER_PERCEPTION, "published rows");
        }
        return latest.getDate(0).toLocalDate();
    }
}
