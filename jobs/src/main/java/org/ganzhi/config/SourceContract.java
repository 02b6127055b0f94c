package org.ganzhi.config;

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

    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
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
