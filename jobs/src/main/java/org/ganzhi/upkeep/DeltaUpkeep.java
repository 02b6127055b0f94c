package org.ganzhi.upkeep;

import io.delta.tables.DeltaTable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Delta operations of lake upkeep, each on one table by path. */
final class DeltaUpkeep {
    /** Delta refuses a VACUUM retention below its default unless this is switched off. */
    static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
    /** How long VACUUM keeps files no version reads any more: Delta's table property. */
    static final String FILE_RETENTION = "delta.deletedFileRetentionDuration";
    private static final String LISTING_PARALLELISM = "spark.sql.sources.parallelPartitionDiscovery.parallelism";

    private DeltaUpkeep() {
    }

    /** The table's latest snapshot, read from its log. */
    static Snapshot snapshot(SparkSession spark, String path) {
        return DeltaLog.forTable(spark, path).update(false, Option.empty(), Option.empty());
    }

    /** Data files the latest version reads. */
    static long liveFiles(SparkSession spark, String path) {
        return snapshot(spark, path).numOfFiles();
    }

    /**
     * The first partition column of type DATE, if any: the day a partition describes, which the
     * retention compares. Tables partitioned otherwise (or not at all) are never aged out.
     */
    static Optional<String> datePartitionColumn(SparkSession spark, String path) {
        Snapshot snapshot = snapshot(spark, path);
        List<String> partitionColumns = new ArrayList<>(CollectionConverters.asJava(snapshot.metadata().partitionColumns()));
        for (String column : partitionColumns) {
            for (StructField field : snapshot.schema().fields()) {
                if (field.name().equals(column) && field.dataType().equals(DataTypes.DateType)) {
                    return Optional.of(column);
                }
            }
        }
        return Optional.empty();
    }

    /** OPTIMIZE: small files of each partition rewritten into fewer large ones (a new version; old files stay until VACUUM). */
    static void compact(SparkSession spark, String path) {
        DeltaTable.forPath(spark, path).optimize().executeCompaction();
    }

    /**
     * VACUUM with the given retention, under Delta's own retention check. Delta ignores a retention
     * passed to VACUUM (other than 0) and reads the table's delta.deletedFileRetentionDuration, so
     * the retention is written there first: once, while it differs from the configured one. Run it
     * under {@link #listingParallelism}, set once around all the tables.
     */
    static void vacuum(SparkSession spark, String path, int retentionHours) {
        Option<String> current = snapshot(spark, path).metadata().configuration().get(FILE_RETENTION);
        String wanted = "interval " + retentionHours + " hours";
        boolean deltaDefault = current.isEmpty() && retentionHours == MaintainSettings.DELTA_SAFETY_HOURS;
        if (!deltaDefault && !(current.isDefined() && current.get().equals(wanted))) {
            spark.sql("ALTER TABLE " + sqlName(path) + " SET TBLPROPERTIES ('" + FILE_RETENTION + "' = '" + wanted + "')");
        }
        DeltaTable.forPath(spark, path).vacuum();
    }

    private static String sqlName(String path) {
        return "delta.`" + path.replace("`", "``") + "`";
    }

    /**
     * VACUUM with retention 0: every file the latest version does not read is deleted now, so
     * erased rows cannot come back by time travel. Run it under {@link #vacuumEverythingSettings}.
     */
    static void vacuumEverythingUnreferenced(SparkSession spark, String path) {
        purgeDeletionVectors(spark, path);
        DeltaTable.forPath(spark, path).vacuum(0.0);
    }

    /**
     * The session settings of {@link #vacuumEverythingUnreferenced}: Delta's retention check off
     * (for the erasure only, restored by {@link #withSessionConf}) and the listing parallelism.
     * Session settings are shared by every thread, so they are set once around all the tables.
     */
    static Map<String, String> vacuumEverythingSettings(SparkSession spark) {
        Map<String, String> settings = new LinkedHashMap<>(listingParallelism(spark));
        settings.put(RETENTION_CHECK, "false");
        return settings;
    }

    /**
     * VACUUM lists the table's folders with Spark's partition-discovery parallelism, 10 000 tasks
     * by default: minutes of task overhead for a small table. Unless the user chose a value, the
     * listing uses the cluster's default parallelism instead.
     */
    static Map<String, String> listingParallelism(SparkSession spark) {
        if (spark.conf().contains(LISTING_PARALLELISM)) {
            return Map.of();
        }
        return Map.of(LISTING_PARALLELISM, String.valueOf(Math.max(1, spark.sparkContext().defaultParallelism())));
    }

    /** Runs {@code work} with session settings changed, restoring each one afterwards, whatever happens. */
    static <T> T withSessionConf(SparkSession spark, Map<String, String> settings, java.util.function.Supplier<T> work) {
        Map<String, Option<String>> before = new LinkedHashMap<>();
        settings.forEach((key, value) -> {
            // Only a value set in this session is restored; a default is restored by unsetting.
            before.put(key, spark.conf().contains(key) ? Option.apply(spark.conf().get(key)) : Option.empty());
            spark.conf().set(key, value);
        });
        try {
            return work.get();
        } finally {
            before.forEach((key, value) -> {
                if (value.isDefined()) {
                    spark.conf().set(key, value.get());
                } else {
                    spark.conf().unset(key);
                }
            });
        }
    }

    /**
     * With deletion vectors a DELETE only marks rows as gone inside files that stay; REORG PURGE
     * rewrites those files without the rows so the following VACUUM can delete the old ones.
     */
    private static void purgeDeletionVectors(SparkSession spark, String path) {
        Option<String> enabled = snapshot(spark, path).metadata().configuration().get("delta.enableDeletionVectors");
        if (enabled.isDefined() && Boolean.parseBoolean(enabled.get())) {
            spark.sql("REORG TABLE " + sqlName(path) + " APPLY (PURGE)");
        }
    }
}
