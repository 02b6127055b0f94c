package org.ganzhi.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writing Delta tables the rerunnable way: a run replaces exactly the rows its predicate names,
 * in one atomic commit, so readers see either the old or the new rows and never a half-written
 * partition. Here in catalog rather than common because every write carries the catalog's
 * comments ({@link TableCatalog}), and the catalog itself builds on common.
 */
public final class DeltaTables {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DeltaTables() {
    }

    /** The version and row count of one commit. */
    public record Commit(long version, long rowsWritten) {
    }

    /**
     * Replaces the rows matching {@code predicate} (every written row must match it too). Delta
     * makes no commit when there is nothing to delete and nothing to add: then 0 rows were written.
     * The table then carries its documented comments and is registered in the catalog.
     */
    public static Commit replace(SparkSession spark, Dataset<Row> rows, String path, String predicate,
                                 List<String> partitionColumns) {
        long before = version(spark, path);
        // mergeSchema: a release that adds a column extends an existing table instead of failing the
        // night; partitions written before read it as null.
        TableCatalog.withComments(rows, TableCatalog.nameOf(path)).write().format("delta").mode("overwrite")
                .option("replaceWhere", predicate)
                .option("mergeSchema", "true")
                .partitionBy(partitionColumns.toArray(String[]::new))
                .save(path);
        long after = version(spark, path);
        long written = after == before ? 0L : rowsWritten(spark, path, after);
        // After reading the write's own commit: describing the table may add commits of its own.
        TableCatalog.afterWrite(spark, path);
        return new Commit(after, written);
    }

    /**
     * The rows a commit wrote, from its commitInfo action: one small file read, where asking the
     * table's history costs a Spark job per write. A replace whose predicate is not on partition
     * columns rewrites the files it deletes from, and their other rows (numCopiedRows) count in
     * numOutputRows though no run wrote them: rerunning one delivery of a range ingested in one
     * pass rewrites files that hold its neighbours' rows too.
     */
    private static long rowsWritten(SparkSession spark, String path, long version) {
        Path commit = new Path(new Path(path, "_delta_log"), String.format("%020d.json", version));
        try (FSDataInputStream in = commit.getFileSystem(spark.sparkContext().hadoopConfiguration()).open(commit);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                JsonNode info = JSON.readTree(line).path("commitInfo");
                if (!info.isMissingNode()) {
                    JsonNode metrics = info.path("operationMetrics");
                    return metrics.path("numOutputRows").asLong(0L) - metrics.path("numCopiedRows").asLong(0L);
                }
            }
            return 0L;
        } catch (IOException e) {
            throw new GanzhiException("cannot read the Delta commit " + commit + ": " + e.getMessage(), e);
        }
    }

    public static boolean exists(SparkSession spark, String path) {
        return version(spark, path) >= 0;
    }

    /**
     * The table's latest version, or -1 when there is no table: read from the names of the commit
     * files, which is much cheaper than a Spark job for a question asked several times per source.
     */
    public static long version(SparkSession spark, String path) {
        Path log = new Path(path, "_delta_log");
        try {
            FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(log)) {
                return -1L;
            }
            long latest = -1L;
            for (FileStatus file : fs.listStatus(log)) {
                String name = file.getPath().getName();
                if (name.matches("[0-9]{20}\\.json")) {
                    latest = Math.max(latest, Long.parseLong(name.substring(0, 20)));
                }
            }
            return latest;
        } catch (IOException e) {
            throw new GanzhiException("cannot read the Delta log of " + path + ": " + e.getMessage(), e);
        }
    }
}
