package org.ganzhi.ingest;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.catalog.DeltaTables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Delta versions of a set of tables before a delivery is written, and how to go back to them
 * when writing fails half-way: Delta commits one table at a time, so a delivery of several sources
 * needs this to be all or nothing. A table the run created loses all its rows (they were all this
 * run's); any other table is restored to its version before the run.
 */
final class DeliveryRollback {
    private final SparkSession spark;
    /** Table location to its version before the run, -1 when it did not exist. */
    private final Map<String, Long> versions;

    private DeliveryRollback(SparkSession spark, Map<String, Long> versions) {
        this.spark = spark;
        this.versions = versions;
    }

    static DeliveryRollback record(SparkSession spark, List<String> tablePaths) {
        Map<String, Long> versions = new LinkedHashMap<>();
        tablePaths.forEach(path -> versions.put(path, DeltaTables.version(spark, path)));
        return new DeliveryRollback(spark, versions);
    }

    /**
     * Undoes every commit made since {@link #record}; returns the tables it restored. A table that
     * cannot be restored is named in the list with the reason, and the others are still restored.
     */
    List<String> restore() {
        List<String> restored = new ArrayList<>();
        versions.forEach((path, before) -> {
            long now = DeltaTables.version(spark, path);
            if (now == before) {
                return;
            }
            String name = path.substring(path.lastIndexOf('/', path.lastIndexOf('/') - 1) + 1).replace('/', '.');
            try {
                if (before < 0) {
                    DeltaTable.forPath(spark, path).delete();
                } else {
                    DeltaTable.forPath(spark, path).restoreToVersion(before);
                }
                restored.add(name);
            } catch (RuntimeException e) {
                restored.add(name + " (NOT restored: " + e.getMessage() + "; restore it to version " + before + " by hand)");
            }
        });
        return restored;
    }
}
