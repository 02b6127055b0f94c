package org.ganzhi.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What one table means: its description, its grain (what one row is), how it is partitioned, and
 * every column with its Spark SQL type and a comment that says meaning and unit.
 */
public record TableDoc(String name, String description, String grain, List<String> partitionedBy, List<ColumnDoc> columns) {
    /** One column: name, Spark SQL type (as {@code DataType.simpleString}) and comment. */
    public record ColumnDoc(String name, String type, String comment) {
    }

    public TableDoc {
        partitionedBy = List.copyOf(partitionedBy);
        columns = List.copyOf(columns);
    }

    public String layer() {
        return name.substring(0, name.indexOf('.'));
    }

    public String table() {
        return name.substring(name.indexOf('.') + 1);
    }

    /** The table comment in the catalog: meaning first, then what one row is. */
    public String comment() {
        return description + " One row per " + grain + ".";
    }

    public Optional<ColumnDoc> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }
}
