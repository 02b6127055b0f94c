package org.ganzhi.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command did, as one JSON object: per source the row counts, per stage the seconds
 * (wall, and CPU seconds of this JVM: in local mode that is all the work, on a cluster the
 * driver's share; shared machines make wall time noisy, CPU much less so), the tables written
 * with their Delta versions, and warnings. Printed as the last stdout line
 * and appended to ops.run_log. As a stage goes, it logs one progress line per table written and
 * one when the stage ends, with its rows and rows per second.
 */
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger PROGRESS = LoggerFactory.getLogger("org.ganzhi.progress");

    private final ObjectNode root = JSON.createObjectNode();
    private final Map<String, Clock> stageStarts = new LinkedHashMap<>();

    public RunSummary(String command) {
        root.put("command", command);
        root.putObject("sources");
        root.putObject("stages");
        root.putObject("stage_cpu_s");
        root.putObject("stage_rows");
        root.putObject("tables");
        root.putArray("warnings");
    }

    public ObjectNode root() {
        return root;
    }

    /** The counts object of one source, created on first use. */
    public ObjectNode source(String name) {
        ObjectNode sources = (ObjectNode) root.get("sources");
        return sources.has(name) ? (ObjectNode) sources.get(name) : sources.putObject(name);
    }

    public void startStage(String stage) {
        stageStarts.put(stage, Clock.start());
        ((ObjectNode) root.get("stage_rows")).put(stage, 0L);
        PROGRESS.info("{}: started", stage);
    }

    /** Records the stage's seconds, logs its rows and rows/s, and returns the seconds. */
    public double endStage(String stage) {
        Clock start = stageStarts.remove(stage);
        if (start == null) {
            throw new IllegalStateException("stage " + stage + " was not started");
        }
        double seconds = start.seconds();
        ((ObjectNode) root.get("stages")).put(stage, seconds);
        double cpuSeconds = start.cpuSeconds();
        ((ObjectNode) root.get("stage_cpu_s")).put(stage, cpuSeconds);
        long rows = root.get("stage_rows").path(stage).asLong();
        PROGRESS.info(String.format("%s: done in %.1f s (%.1f CPU s), %,d rows written, %,.0f rows/s", stage, seconds,
                cpuSeconds, rows, rowsPerSecond(rows, seconds)));
        return seconds;
    }

    /** Wall and CPU time since a piece of work started. */
    public record Clock(long wallStart, long cpuStart) {
        public static Clock start() {
            return new Clock(System.nanoTime(), processCpuNanos());
        }

        public double seconds() {
            return Math.round((System.nanoTime() - wallStart) / 1e7) / 100.0;
        }

        public double cpuSeconds() {
            return Math.round((processCpuNanos() - cpuStart) / 1e7) / 100.0;
        }
    }

    /** Records how long computing and writing one table took (wall and CPU seconds). */
    public void tableTime(String table, Clock clock) {
        (root.has("table_s") ? (ObjectNode) root.get("table_s") : root.putObject("table_s")).put(table, clock.seconds());
        (root.has("table_cpu_s") ? (ObjectNode) root.get("table_cpu_s") : root.putObject("table_cpu_s"))
                .put(table, clock.cpuSeconds());
    }

    /** CPU time of this JVM so far (user + system, all threads), in nanoseconds. */
    public static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Rows per second, 0 for a stage too quick to time. */
    public static double rowsPerSecond(long rows, double seconds) {
        return seconds > 0 ? rows / seconds : 0;
    }

    public void table(String name, long version) {
        ((ObjectNode) root.get("tables")).put(name, version);
    }

    /** Rows a stage wrote to a table; they count towards the stage started last and not yet ended. */
    public void rows(String table, long rows) {
        ObjectNode counts = root.has("rows") ? (ObjectNode) root.get("rows") : root.putObject("rows");
        counts.put(table, rows);
        String stage = null;
        for (String open : stageStarts.keySet()) {
            stage = open;
        }
        if (stage != null) {
            ObjectNode stageRows = (ObjectNode) root.get("stage_rows");
            stageRows.put(stage, stageRows.path(stage).asLong() + rows);
            PROGRESS.info(String.format("%s: %,d rows written to %s", stage, rows, table));
        }
    }

    public void warn(String message) {
        ((ArrayNode) root.get("warnings")).add(message);
    }

    public void put(String field, String value) {
        root.put(field, value);
    }

    public String toJson() {
        return root.toString();
    }
}
