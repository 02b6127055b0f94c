package org.ganzhi.catalog;

import org.ganzhi.common.Tables;
import org.ganzhi.publish.PublishTables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every table Ganzhi writes: meaning, grain, partitioning and columns (Spark SQL types as written;
 * meanings from {@link ColumnGlossary}). The source of the catalog's comments and of
 * docs/tables.md; CatalogLakeTest checks it against the tables a nightly run really writes.
 */
public final class TableDocs {
    private TableDocs() {
    }

    private static final Map<String, String> LAYERS = new LinkedHashMap<>();

    static {
        LAYERS.put("silver", "Accepted landing records, typed and pseudonymised: one table per source, plus the current state of each complaint ticket.");
        LAYERS.put("quarantine", "Landing rows that broke their source's contract, with the reason.");
        LAYERS.put("ops", "How the pipeline ran.");
        LAYERS.put("features", "Behaviour and network measures per subscriber and cell, daily and over windows.");
        LAYERS.put("personas", "Who each subscriber is: behaviour persona, segment, lifecycle stage and value tier.");
        LAYERS.put("perception", "How each subscriber perceives the service: driver, dimension and index scores.");
        LAYERS.put("calibration", "How well the perception drivers predict what subscribers do next.");
        LAYERS.put("gold", "The reporting tables BI reads; aggregates withhold groups of fewer than ganzhi.publish.min-subscribers subscribers.");
    }

    public static List<String> layers() {
        return List.copyOf(LAYERS.keySet());
    }

    public static String layerDescription(String layer) {
        return LAYERS.getOrDefault(layer, "Tables of the " + layer + " layer.");
    }

    public static List<TableDoc> all() {
        return ALL;
    }

    public static Optional<TableDoc> find(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * A table from its columns in the form {@code "name type, name type"} (types as Spark's
     * simpleString); each column's comment comes from the glossary, empty when it has none.
     */
    private static TableDoc table(String name, String description, String grain, List<String> partitionedBy, String columns) {
        List<TableDoc.ColumnDoc> docs = new ArrayList<>();
        for (String column : topLevel(columns)) {
            int space = column.indexOf(' ');
            String columnName = column.substring(0, space);
            docs.add(new TableDoc.ColumnDoc(columnName, column.substring(space + 1).strip(),
                    ColumnGlossary.comment(name, columnName).orElse("")));
        }
        return new TableDoc(name, description, grain, partitionedBy, docs);
    }

    /** Splits at the commas outside angle brackets (struct and array types have their own). */
    static List<String> topLevel(String columns) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : columns.toCharArray()) {
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.toString().isBlank()) {
            parts.add(part.toString().strip());
        }
        return parts;
    }

    // @formatter:off
    private static final List<TableDoc> ALL = List.of(
    );
    // @formatter:on
}
