package org.ganzhi.common;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.List;

/**
 * Writing Delta tables the rerunnable way: a run replaces exactly the rows its predicate names,
 * in one atomic commit, so readers see either the old or the new rows and never a half-written
 * partition.
 */
public final class DeltaTables {
    private DeltaTables() {
    }

    /** The version and row count of one commit. */
    public record Commit(long version, long rowsWritten) {
    }

    /** Replaces the rows matching {@code predicate} (every written row must match it too). */
    public static Commit replace(SparkSession spark, Dataset<Row> rows, String path, String predicate,
                                 List<String> partitionColumns) {
        rows.write().format("delta").mode("overwrite")
                .option("replaceWhere", predicate)
                .partitionBy(partitionColumns.toArray(String[]::new))
                .save(path);
        return lastCommit(spark, path);
    }

    public static boolean exists(SparkSession spark, String path) {
        return DeltaTable.isDeltaTable(spark, path);
    }

    public static Commit lastCommit(SparkSession spark, String path) {
        Row last = DeltaTable.forPath(spark, path).history(1)
                .selectExpr("version", "operationMetrics['numOutputRows'] AS rows").first();
        String rows = last.getAs("rows");
        return new Commit(last.getLong(0), rows == null ? 0L : Long.parseLong(rows));
    }

    public static long version(SparkSession spark, String path) {
        return lastCommit(spark, path).version();
    }
}
