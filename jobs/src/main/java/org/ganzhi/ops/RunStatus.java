package org.ganzhi.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.Lake;
import org.ganzhi.common.Tables;
import org.ganzhi.common.TextTable;

import java.io.IOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * {@code ganzhi status}: the latest runs from ops.run_log, newest first, as a table an operator
 * reads on a terminal — what ran for which date, how it ended, how long it took and how many rows
 * it read and wrote. Read-only: it never appends to the log it shows.
 */
public final class RunStatus {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    /** Long enough for the first clause of an error; the run log keeps the whole line. */
    private static final int ERROR_WIDTH = 100;

    /** One run as the table shows it. */
    public record Run(Instant startedAt, String command, LocalDate runDate, String status, Double seconds,
                      String rowCounts, String error) {
    }

    private RunStatus() {
    }

    /**
     * The newest {@code limit} runs, of one run date if given. Newest by end: a backfill ends after
     * the nights it ran, so it heads them, and a run is logged only when it ends.
     */
    public static List<Run> latest(SparkSession spark, Lake lake, Optional<LocalDate> runDate, int limit) {
        Dataset<Row> log = spark.read().format("delta").load(lake.table(Tables.RUN_LOG));
        if (runDate.isPresent()) {
            log = log.filter(col("run_date").equalTo(lit(Date.valueOf(runDate.get()))));
        }
        List<Run> runs = new ArrayList<>();
        for (Row row : log.orderBy(col("finished_at").desc(), col("started_at").desc()).limit(limit)
                .select("started_at", "command", "run_date", "status", "seconds", "summary", "error").collectAsList()) {
            runs.add(new Run(((Timestamp) row.get(0)).toInstant(), row.getString(1),
                    row.isNullAt(2) ? null : ((Date) row.get(2)).toLocalDate(), row.getString(3),
                    row.isNullAt(4) ? null : row.getDouble(4), rowCounts(row.getString(5)), row.getString(6)));
        }
        return runs;
    }

    /**
     * The row counts a run's JSON summary holds, in one short phrase: landing rows read, accepted
     * and quarantined (ingest) and rows written to tables (every stage). Empty when it has none.
     */
    public static String rowCounts(String summaryJson) {
        if (summaryJson == null || summaryJson.isBlank()) {
            return "";
        }
        JsonNode summary;
        try {
            summary = JSON.readTree(summaryJson);
        } catch (IOException e) {
            return "";
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        summary.path("sources").forEach(source -> {
            for (String field : List.of("rows_read", "accepted", "quarantined")) {
                if (source.has(field)) {
                    counts.merge(field.equals("rows_read") ? "read" : field, source.get(field).asLong(), Long::sum);
                }
            }
        });
        summary.path("rows").forEach(written -> counts.merge("written", written.asLong(), Long::sum));
        return counts.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining(" "));
    }

    /** The runs as aligned columns with a header line; a note instead when there are none. */
    public static String table(List<Run> runs) {
        if (runs.isEmpty()) {
            return "no runs logged\n";
        }
        List<List<String>> cells = new ArrayList<>();
        cells.add(List.of("started (UTC)", "command", "date", "status", "seconds", "rows", "error"));
        for (Run run : runs) {
            cells.add(List.of(STARTED.format(run.startedAt()), run.command(),
                    run.runDate() == null ? "-" : run.runDate().toString(), run.status(),
                    run.seconds() == null ? "-" : String.format("%.1f", run.seconds()),
                    run.rowCounts().isEmpty() ? "-" : run.rowCounts(), shortError(run.error())));
        }
        // Seconds right-aligned so durations compare at a glance.
        return TextTable.render(cells, Set.of(4));
    }

    private static String shortError(String error) {
        if (error == null || error.isBlank()) {
            return "";
        }
        return error.length() <= ERROR_WIDTH ? error : error.substring(0, ERROR_WIDTH - 3) + "...";
    }
}
