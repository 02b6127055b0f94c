package org.ganzhi.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.ColumnSpec;
import org.ganzhi.config.SourceContract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_csv;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;

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

    private LandingReader() {
    }

    public static Dataset<Row> read(SparkSession spark, SourceContract contract, String... partitionPaths) {
        return switch (contract.format()) {
            case "csv" -> splitCsv(lines(spark, partitionPaths), contract);
            case "json" -> splitJson(lines(spark, partitionPaths), contract);
            case "parquet" -> parquet(spark, contract, partitionPaths);
            default -> throw new GanzhiException("source " + contract.name() + ": unsupported format " + contract.format());
        };
    }

    /** The delivery date a landing file belongs to, from its dt= folder. */
    public static Column deliveryDate() {
        return to_date(regexp_extract(col(FILE), "/dt=(\\d{4}-\\d{2}-\\d{2})/", 1));
    }

    private static Dataset<Row> lines(SparkSession spark, String... paths) {
        return spark.read().text(paths)
                .select(col("value").as(LINE), col("_metadata.file_path").as(FILE));
    }

    /** Splits CSV lines by the contract; a line with another number of fields is malformed. */
    public static Dataset<Row> splitCsv(Dataset<Row> lines, SourceContract contract) {
        Map<String, String> options = new HashMap<>();
        options.put("sep", contract.delimiter());
        options.put("mode", "PERMISSIVE");
        options.put("columnNameOfCorruptRecord", CORRUPT);
        Dataset<Row> body = lines;
        if (contract.header()) {
            // Every file starts with a header line naming the first landing column.
            String first = contract.columns().get(0).landingName();
            body = lines.filter(col(LINE).startsWith(first + contract.delimiter()).or(col(LINE).equalTo(first)).unary_$bang());
        }
        Dataset<Row> parsed = body.withColumn("_fields", from_csv(col(LINE), lit(textSchema(contract).toDDL()), options));
        return fields(parsed, contract, col("_fields." + CORRUPT).isNotNull());
    }

    /** Parses JSON lines by landing names; a line that is not a JSON object is malformed. */
    public static Dataset<Row> splitJson(Dataset<Row> lines, SourceContract contract) {
        Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
        Dataset<Row> parsed = lines.withColumn("_fields", from_json(col(LINE), textSchema(contract), options));
        return fields(parsed, contract, col("_fields").isNull().or(col("_fields." + CORRUPT).isNotNull()));
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

    private static Dataset<Row> fields(Dataset<Row> parsed, SourceContract contract, Column malformed) {
        List<Column> out = new ArrayList<>();
        for (ColumnSpec column : contract.columns()) {
            out.add(col("_fields").getField(column.landingName()).as(column.name()));
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
