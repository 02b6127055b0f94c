package org.ganzhi.common;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The summary a person reads when a command ends: how it ended, then per stage its seconds and
 * rows, per source its counts, per table its rows and Delta version, per backfilled date its
 * outcome, and the warnings. The same facts as the JSON summary, which stays the machine's copy.
 */
public final class RunReport {
    private RunReport() {
    }

    public static String render(JsonNode summary) {
        StringBuilder text = new StringBuilder();
        text.append("ganzhi ").append(summary.path("command").asText())
                .append(summary.has("date") ? " " + summary.get("date").asText() : "")
                .append(": ").append(summary.path("status").asText("?"))
                .append(String.format(" in %.1f s", summary.path("seconds").asDouble())).append('\n');
        section(text, stages(summary));
        section(text, sources(summary.path("sources")));
        section(text, tables(summary));
        section(text, dates(summary.path("dates")));
        JsonNode warnings = summary.path("warnings");
        if (!warnings.isEmpty()) {
            text.append("\nwarnings:\n");
            warnings.forEach(w -> text.append("  - ").append(w.asText()).append('\n'));
        }
        return text.toString();
    }

    private static void section(StringBuilder text, String table) {
        if (!table.isEmpty()) {
            text.append('\n').append(table);
        }
    }

    private static String stages(JsonNode summary) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("stage", "seconds", "rows written", "rows/s"));
        for (Map.Entry<String, JsonNode> stage : entries(summary.path("stages"))) {
            double seconds = stage.getValue().asDouble();
            long written = summary.path("stage_rows").path(stage.getKey()).asLong();
            rows.add(List.of(stage.getKey(), String.format("%.1f", seconds), count(written),
                    count(Math.round(RunSummary.rowsPerSecond(written, seconds)))));
        }
        return rows.size() == 1 ? "" : TextTable.render(rows, Set.of(1, 2, 3));
    }

    private static String sources(JsonNode sources) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("source", "read", "accepted", "quarantined", "duplicates", "late", "rows/s"));
        for (Map.Entry<String, JsonNode> source : entries(sources)) {
            JsonNode c = source.getValue();
            if (!c.has("delivered")) {
                continue; // generate's sources: what it wrote shows under tables, as landing/<source>
            }
            rows.add(c.path("delivered").asBoolean()
                    ? List.of(source.getKey(), count(c.path("rows_read").asLong()), count(c.path("accepted").asLong()),
                    count(c.path("quarantined").asLong()), count(c.path("duplicates_dropped").asLong()),
                    count(c.path("late_rows").asLong()), count(c.path("rows_per_second").asLong()))
                    : List.of(source.getKey(), "-", "-", "-", "-", "-", "-")); // no delivery for this date
        }
        return rows.size() == 1 ? "" : TextTable.render(rows, Set.of(1, 2, 3, 4, 5, 6));
    }

    /** Delta tables with their version, and the landing files generate wrote (no version). */
    private static String tables(JsonNode summary) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("table", "rows written", "delta version"));
        for (Map.Entry<String, JsonNode> table : entries(summary.path("tables"))) {
            JsonNode written = summary.path("rows").path(table.getKey());
            rows.add(List.of(table.getKey(), written.isMissingNode() ? "-" : count(written.asLong()),
                    table.getValue().asText()));
        }
        for (Map.Entry<String, JsonNode> written : entries(summary.path("rows"))) {
            if (!summary.path("tables").has(written.getKey())) {
                rows.add(List.of(written.getKey(), count(written.getValue().asLong()), "-"));
            }
        }
        return rows.size() == 1 ? "" : TextTable.render(rows, Set.of(1, 2));
    }

    private static String dates(JsonNode dates) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("date", "status", "seconds"));
        dates.forEach(d -> rows.add(List.of(d.path("date").asText(), d.path("status").asText(),
                String.format("%.1f", d.path("seconds").asDouble()))));
        return rows.size() == 1 ? "" : TextTable.render(rows, Set.of(2));
    }

    private static String count(long n) {
        return String.format("%,d", n);
    }

    private static List<Map.Entry<String, JsonNode>> entries(JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            entries.add(it.next());
        }
        return entries;
    }
}
