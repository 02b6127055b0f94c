package org.ganzhi.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command did, as one JSON object: per source the row counts, per stage the seconds,
 * the tables written with their Delta versions, and warnings. Printed as the last stdout line
 * and appended to ops.run_log.
 */
public final class RunSummary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final Map<String, Long> stageStarts = new LinkedHashMap<>();

    public RunSummary(String command) {
        root.put("command", command);
        root.putObject("sources");
        root.putObject("stages");
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
        stageStarts.put(stage, System.nanoTime());
    }

    /** Records the stage's seconds and returns them. */
    public double endStage(String stage) {
        Long start = stageStarts.remove(stage);
        if (start == null) {
            throw new IllegalStateException("stage " + stage + " was not started");
        }
        double seconds = Math.round((System.nanoTime() - start) / 1e7) / 100.0;
        ((ObjectNode) root.get("stages")).put(stage, seconds);
        return seconds;
    }

    public void table(String name, long version) {
        ((ObjectNode) root.get("tables")).put(name, version);
    }

    /** Rows a stage wrote to a table. */
    public void rows(String table, long rows) {
        ObjectNode counts = root.has("rows") ? (ObjectNode) root.get("rows") : root.putObject("rows");
        counts.put(table, rows);
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
