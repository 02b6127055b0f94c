package org.ganzhi.ingest;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * Numbers the copies of each record key among accepted rows: copy 1 is kept, later copies are
 * duplicates, dropped and counted. Which copy is kept is deterministic (smallest values, then
 * file), so a rerun keeps the same one. Rejected rows get no copy number.
 */
public final class Deduplicator {
    public static final String COPY = "_copy";

    private Deduplicator() {
    }

    public static Dataset<Row> numberCopies(Dataset<Row> parsed, List<String> key, List<String> columns) {
        Column[] order = java.util.stream.Stream.concat(columns.stream(), java.util.stream.Stream.of(LandingReader.FILE))
                .map(c -> col(c).asc_nulls_first()).toArray(Column[]::new);
        WindowSpec sameRecord = Window.partitionBy(key.stream().map(c -> col(c)).toArray(Column[]::new)).orderBy(order);
        return parsed.withColumn(COPY, when(col(ContractParser.REASON).isNull(), row_number().over(sameRecord)));
    }
}
