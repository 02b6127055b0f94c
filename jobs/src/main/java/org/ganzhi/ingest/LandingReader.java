package org.ganzhi.ingest;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.ColumnSpec;
import org.ganzhi.config.SourceContract;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

/**
 * Reads one delivery of a source as untyped text: one row per landing record with every contract
 * column as a string (canonical names), plus the raw record ({@value #LINE}), whether the line could
 * be split into fields at all ({@value #MALFORMED}) and the file it came from ({@value #FILE}).
 * Text files are read line by line so the raw line is kept for quarantine; Parquet columns are
 * cast to text so every format meets the same contract checks.
 */
public final class LandingReader {
    public static final String LINE = "_line";
    public static final String MALFORMED = "_malformed";
    public static final String FILE = "_file";
    private static final String CORRUPT = "_corrupt";
    private static final String HEADER = "_header";

    private LandingReader() {
    }

    public static Dataset<Row> read(SparkSession spark, SourceContract contract, String... partitionPaths) {
        ignoreChecksumFiles(spark, partitionPaths);
        return switch (contract.format()) {
            case "csv" -> splitCsv(lines(spark, partitionPaths), contract);
            case "json" -> splitJson(lines(spark, partitionPaths), contract);
            case "parquet" -> parquet(spark, contract, partitionPaths);
            default -> throw new GanzhiException("source " + contract.name() + ": unsupported format " + contract.format());
        };
    }

    /**
     * A Hadoop checksum file ({@code .name.crc}) beside a landing file is no part of the delivery:
     * a tool that replaced the file but not its checksum leaves a stale one, on which Hadoop's
     * local file system would fail the valid file. The contract's checks are what a landing file
     * must pass. (The setting belongs to the file system instance this JVM shares; executors of a
     * cluster reading file:// landing keep their own.)
     */
    private static void ignoreChecksumFiles(SparkSession spark, String... paths) {
        for (String path : paths) {
            try {
                new Path(path).getFileSystem(spark.sparkContext().hadoopConfiguration()).setVerifyChecksum(false);
            } catch (IOException e) {
                throw new GanzhiException("cannot reach the landing folder " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** The delivery date a landing file belongs to, from its dt= folder (null outside one). */
    public static Column deliveryDate() {
        Column day = regexp_extract(col(FILE), "/dt=(\\d{4}-\\d{2}-\\d{2})/", 1);
        return when(day.notEqual(""), to_date(day));
    }

    /** A text file's lines; a blank line (trailing newlines, an empty line between records) is no record. */
    private static Dataset<Row> lines(SparkSession spark, String... paths) {
        return spark.read().text(paths)
                .where(trim(col("value")).notEqual(""))
                .select(col("value").as(LINE), col("_metadata.file_path").as(FILE));
    }

    /**
     * Splits CSV lines by the contract; a line with another number of fields is malformed. Files
     * of a source with a header are read by their header's column names, in whatever order they
     * come; a header without a required column refuses its file.
     */
    public static Dataset<Row> splitCsv(Dataset<Row> lines, SourceContract contract) {
        List<String> contractOrder = contract.columns().stream().map(ColumnSpec::landingName).toList();
        if (!contract.header()) {
            return splitCsv(lines, contract, contractOrder);
        }
        Dataset<Row> marked = lines.withColumn(HEADER, isHeader(contract));
        Map<List<String>, List<String>> filesByHeader = new LinkedHashMap<>();
        for (Row header : marked.where(col(HEADER)).select(FILE, LINE).distinct().collectAsList()) {
            List<String> names = List.of(header.getString(1).strip().split(Pattern.quote(contract.delimiter()), -1))
                    .stream().map(String::strip).toList();
            for (ColumnSpec column : contract.columns()) {
                if (column.required() && !names.contains(column.landingName())) {
                    throw new GanzhiException("source " + contract.name() + ": the header of " + header.getString(0)
                            + " has no column '" + column.landingName() + "', which the contract requires (it has " + names
                            + "). Nothing was written. Fix the file's header, or the contract's column names.");
                }
            }
            filesByHeader.computeIfAbsent(names, n -> new ArrayList<>()).add(header.getString(0));
        }
        Dataset<Row> body = marked.where(not(col(HEADER))).drop(HEADER);
        List<String> withHeader = filesByHeader.values().stream().flatMap(List::stream).toList();
        // A file without a header line (or an empty one) is read in the contract's order.
        Dataset<Row> parsed = splitCsv(body.where(not(col(FILE).isin(withHeader.toArray()))), contract, contractOrder);
        for (Map.Entry<List<String>, List<String>> header : filesByHeader.entrySet()) {
            parsed = parsed.unionByName(splitCsv(body.where(col(FILE).isin(header.getValue().toArray())), contract, header.getKey()));
        }
        return parsed;
    }

    /** A line whose fields are all landing column names of the contract. */
    private static Column isHeader(SourceContract contract) {
        Column names = array(contract.columns().stream().map(c -> lit(c.landingName())).toArray(Column[]::new));
        Column fields = transform(split(col(LINE), Pattern.quote(contract.delimiter())), f -> trim(f));
        return size(array_except(fields, names)).equalTo(0);
    }

    private static Dataset<Row> splitCsv(Dataset<Row> body, SourceContract contract, List<String> fieldOrder) {
        Map<String, String> options = new HashMap<>();
        options.put("sep", contract.delimiter());
        options.put("mode", "PERMISSIVE");
        options.put("columnNameOfCorruptRecord", CORRUPT);
        StructType schema = new StructType();
        for (String field : fieldOrder) {
            schema = schema.add(field, DataTypes.StringType);
        }
        schema = schema.add(CORRUPT, DataTypes.StringType);
        Dataset<Row> parsed = body.withColumn("_fields", from_csv(col(LINE), lit(schema.toDDL()), options));
        return fields(parsed, contract, col("_fields." + CORRUPT).isNotNull(), List.copyOf(fieldOrder));
    }

    /** Parses JSON lines by landing names; a line that is not a JSON object is malformed. */
    public static Dataset<Row> splitJson(Dataset<Row> lines, SourceContract contract) {
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
        Dataset<Row> parsed = lines.withColumn("_fields", from_json(col(LINE), textSchema(contract), options));
        return fields(parsed, contract, col("_fields").isNull().or(col("_fields." + CORRUPT).isNotNull()),
                contract.columns().stream().map(ColumnSpec::landingName).toList());
    }

    private static Dataset<Row> parquet(SparkSession spark, SourceContract contract, String... paths) {
        Dataset<Row> typed = spark.read().parquet(paths);
        List<String> present = List.of(typed.columns());
        List<Column> fields = new ArrayList<>();
        for (ColumnSpec column : contract.columns()) {
            if (present.contains(column.landingName())) {
                fields.add(col(column.landingName()).cast(DataTypes.StringType).as(column.name()));
            } else if (column.required()) {
                throw new GanzhiException("source " + contract.name() + ": the Parquet files in " + String.join(", ", paths)
                        + " have no column '" + column.landingName() + "', which the contract requires; they have " + present);
            } else {
                fields.add(lit(null).cast(DataTypes.StringType).as(column.name()));
            }
        }
        fields.add(col("_metadata.file_path").as(FILE));
        Dataset<Row> text = typed.select(fields.toArray(Column[]::new));
        Column[] contractColumns = contract.columnNames().stream().map(c -> col(c)).toArray(Column[]::new);
        return text.withColumn(LINE, to_json(struct(contractColumns))).withColumn(MALFORMED, lit(false));
    }

    private static Dataset<Row> fields(Dataset<Row> parsed, SourceContract contract, Column malformed, List<String> present) {
        List<Column> out = new ArrayList<>();
        for (ColumnSpec column : contract.columns()) {
            out.add(present.contains(column.landingName()) ? col("_fields").getField(column.landingName()).as(column.name())
                    : lit(null).cast(DataTypes.StringType).as(column.name()));
        }
        out.add(col(LINE));
        out.add(malformed.as(MALFORMED));
        out.add(col(FILE));
        return parsed.select(out.toArray(Column[]::new));
    }

    /**
     * Every contract column as text under its landing name (JSON looks fields up by name; CSV
     * goes by position), plus the corrupt-record column that PERMISSIVE parsing fills.
     */
    private static StructType textSchema(SourceContract contract) {
        StructType schema = new StructType();
        for (ColumnSpec column : contract.columns()) {
            schema = schema.add(column.landingName(), DataTypes.StringType);
        }
        return schema.add(CORRUPT, DataTypes.StringType);
    }
}
