package org.ganzhi.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

/**
 * Numbers the copies of each record key among accepted rows: copy 1 is kept, later copies are
 * duplicates, dropped and counted. Which copy is kept is deterministic (smallest values, then
 * file), so a rerun keeps the same one. Only accepted rows are numbered, so a clean record is
 * never dropped as a copy of a rejected one.
 * <p>
 * Copies of one key that differ in content are not duplicates but a conflict the feed must
 * resolve: every version is quarantined as {@link RejectReason#CONFLICTING_DUPLICATE} (its record as typed,
 * numbers pseudonymised), none is guessed into silver. Rejected rows get no copy number.
 */
public final class Deduplicator {
    public static final String COPY = "_copy";

    private Deduplicator() {
    }

    public static Dataset<Row> numberCopies(Dataset<Row> parsed, List<String> key, List<String> columns) {
        Column accepted = col(ContractParser.REASON).isNull();
        Column[] byRecord = java.util.stream.Stream.concat(key.stream().map(c -> col(c)), java.util.stream.Stream.of(accepted))
                .toArray(Column[]::new);
        Column[] order = java.util.stream.Stream.concat(columns.stream(), java.util.stream.Stream.of(LandingReader.FILE))
                .map(c -> col(c).asc_nulls_first()).toArray(Column[]::new);
        WindowSpec sameRecord = Window.partitionBy(byRecord).orderBy(order);
        WindowSpec allCopies = Window.partitionBy(byRecord);
        // xxhash64 skips nulls, so each value is hashed with whether it is null: (5, null) and (null, 5) differ.
        Column content = xxhash64(columns.stream().flatMap(c -> Stream.of(col(c), col(c).isNull()))
                .toArray(Column[]::new));
        Column conflicting = accepted.and(min(content).over(allCopies).notEqual(max(content).over(allCopies)));
        // Both windows share one partitioning and sort: numbering before marking costs no second shuffle.
        Dataset<Row> numbered = parsed.withColumn("_conflicting", conflicting)
                .withColumn(COPY, when(accepted, row_number().over(sameRecord)));
        Column record = to_json(struct(columns.stream().map(c -> col(c)).toArray(Column[]::new)));
        return numbered.withColumns(Map.of(
                        COPY, when(col("_conflicting"), lit(null).cast(DataTypes.IntegerType)).otherwise(col(COPY)),
                        ContractParser.REASON, when(col("_conflicting"), lit(RejectReason.CONFLICTING_DUPLICATE.name())).otherwise(col(ContractParser.REASON)),
                        ContractParser.DETAIL, when(col("_conflicting"), lit("another copy of this record key ("
                                + String.join(", ", key) + ") in the delivery has other values; every version is kept here"))
                                .otherwise(col(ContractParser.DETAIL)),
                        ContractParser.RAW_RECORD, when(col("_conflicting"), record).otherwise(col(ContractParser.RAW_RECORD))))
                .drop("_conflicting");
    }
}
