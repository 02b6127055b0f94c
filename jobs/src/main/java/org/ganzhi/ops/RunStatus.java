package org.ganzhi.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delta.kernel.Scan;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import org.apache.hadoop.conf.Configuration;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.Tables;
import org.ganzhi.common.TextTable;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
     *
     * <p>Read with Delta Kernel, not Spark: an operator asking what ran last night gets the answer
     * in the time a JVM starts, and the log is small (one row per command run).
     */
    public static List<Run> latest(Configuration hadoop, Lake lake, Optional<LocalDate> runDate, int limit) {
        Comparator<Logged> newestFirst = Comparator.comparingLong(Logged::finishedMicros)
                .thenComparingLong(Logged::startedMicros).reversed();
        return logged(hadoop, lake).stream()
                .filter(run -> runDate.isEmpty() || runDate.get().equals(run.run().runDate()))
                .sorted(newestFirst).limit(limit).map(Logged::run).toList();
    }

    /** A run with the end time it is ordered by. */
    private record Logged(Run run, long startedMicros, long finishedMicros) {
    }

    private static List<Logged> logged(Configuration hadoop, Lake lake) {
        Engine engine = DefaultEngine.create(hadoop);
        Scan scan = Table.forPath(engine, lake.table(Tables.RUN_LOG)).getLatestSnapshot(engine).getScanBuilder().build();
        Row scanState = scan.getScanState(engine);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        List<Logged> runs = new ArrayList<>();
        try (CloseableIterator<FilteredColumnarBatch> fileBatches = scan.getScanFiles(engine)) {
            while (fileBatches.hasNext()) {
                try (CloseableIterator<Row> files = fileBatches.next().getRows()) {
                    while (files.hasNext()) {
                        Row file = files.next();
                        CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler().readParquetFiles(
                                Utils.singletonCloseableIterator(InternalScanFileUtils.getAddFileStatus(file)),
                                physicalSchema, Optional.empty()).map(FileReadResult::getData);
                        try (CloseableIterator<FilteredColumnarBatch> batches = Scan.transformPhysicalData(engine, scanState, file, physical)) {
                            while (batches.hasNext()) {
                                try (CloseableIterator<Row> rows = batches.next().getRows()) {
                                    rows.forEachRemaining(row -> runs.add(logged(row)));
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new GanzhiException("cannot read " + Tables.RUN_LOG + " of " + lake.root() + ": " + e.getMessage(), e);
        }
        return runs;
    }

    private static Logged logged(Row row) {
        StructType schema = row.getSchema();
        int started = schema.indexOf("started_at");
        int runDate = schema.indexOf("run_date");
        int seconds = schema.indexOf("seconds");
        int error = schema.indexOf("error");
        int summary = schema.indexOf("summary");
        long startedMicros = row.getLong(started);
        Run run = new Run(Instant.EPOCH.plus(startedMicros, ChronoUnit.MICROS), row.getString(schema.indexOf("command")),
                row.isNullAt(runDate) ? null : LocalDate.ofEpochDay(row.getInt(runDate)), row.getString(schema.indexOf("status")),
                row.isNullAt(seconds) ? null : row.getDouble(seconds),
                rowCounts(row.isNullAt(summary) ? null : row.getString(summary)), row.isNullAt(error) ? null : row.getString(error));
        return new Logged(run, startedMicros, row.getLong(schema.indexOf("finished_at")));
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
