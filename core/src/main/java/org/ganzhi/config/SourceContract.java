package org.ganzhi.config;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The data contract of one landing source: file format, columns in file order, record key and
 * the column whose date partitions the silver table (none for reference snapshots).
 */
public record SourceContract(String name, String format, String compression, boolean header,
                             String delimiter, boolean required, List<String> key,
                             Optional<String> eventTime, List<ColumnSpec> columns)
        implements Serializable {

    public boolean isSnapshot() {
        return eventTime.isEmpty();
    }

    public boolean isText() {
        return format.equals("csv") || format.equals("json");
    }

    public ColumnSpec column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst()
                .orElseThrow(() -> new ConfigError("source " + name + " has no column " + columnName));
    }

    /**
     * The columns of silver.&lt;source&gt; as ingest writes them: the contract's columns typed, their
     * negative flags (booleans), the partition date (snapshot_date for snapshots, event_date for
     * events), delivery_date and source_file. A stage reads an optional source that never arrived
     * as no rows of this shape.
     */
    public StructType silverSchema() {
        StructType schema = new StructType();
        for (ColumnSpec column : columns) {
            schema = schema.add(column.name(), column.type().sparkType());
        }
        for (String flag : flagNames()) {
            schema = schema.add(flag, DataTypes.BooleanType);
        }
        return schema.add(isSnapshot() ? "snapshot_date" : "event_date", DataTypes.DateType)
                .add("delivery_date", DataTypes.DateType).add("source_file", DataTypes.StringType);
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    /** The boolean columns a negative value sets (negative-flag), in column order. */
    public List<String> flagNames() {
        return columns.stream().map(ColumnSpec::negativeFlag).filter(java.util.Objects::nonNull).toList();
    }

    /** File extension of a delivered file, as real feeds name them. */
    public String fileExtension() {
        String base = switch (format) {
            case "csv" -> ".csv";
            case "json" -> ".jsonl";
            default -> ".parquet";
        };
        return isText() && compression.equals("gzip") ? base + ".gz" : base;
    }
}
