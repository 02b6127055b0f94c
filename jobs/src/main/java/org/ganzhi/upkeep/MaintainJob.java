package org.ganzhi.upkeep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.delta.tables.DeltaTable;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.LakeTables;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * ganzhi maintain: keeps a lake from only growing. For every Delta table, in this order: rows of
 * date partitions older than the layer's retention are deleted, small files are compacted
 * (OPTIMIZE), and files no version younger than the vacuum retention reads are deleted (VACUUM).
 * Landing dt= folders older than the landing retention are deleted. Deleting first lets the
 * compaction skip the aged-out rows, and vacuuming last removes both their files and the
 * compacted small files once they are older than the retention.
 */
public final class MaintainJob {
    private static final Logger LOG = LoggerFactory.getLogger(MaintainJob.class);
    static final String LANDING = "landing";

    private MaintainJob() {
    }

    /** What maintenance did to one table. */
    record TableUpkeep(String table, long filesBefore, long filesAfter, long rowsAgedOut, Optional<LocalDate> firstDayKept,
                       long filesVacuumed, long bytesVacuumed) {
    }

    public static void run(SparkSession spark, GanzhiConfig config, Lake lake, LocalDate date, RunSummary summary) {
        MaintainSettings settings = MaintainSettings.from(config);
        summary.put("date", date.toString());
        summary.root().put("vacuum_retention_hours", settings.vacuumRetentionHours());
        ArrayNode tables = summary.root().putArray("maintained");
        List<TableUpkeep> done = DeltaUpkeep.withSessionConf(spark, DeltaUpkeep.listingParallelism(spark), () ->
                PerTable.run(LakeTables.deltaTables(spark, lake), settings.tablesAtOnce(),
                        table -> maintainTable(spark, lake, table, settings, date)));
        for (TableUpkeep upkeep : done) {
            String table = upkeep.table();
            LOG.info("maintain {}: {} -> {} files, {} rows aged out, {} files vacuumed", table, upkeep.filesBefore(),
                    upkeep.filesAfter(), upkeep.rowsAgedOut(), upkeep.filesVacuumed());
            ObjectNode row = tables.addObject().put("table", table)
                    .put("files_before", upkeep.filesBefore())
                    .put("files_after", upkeep.filesAfter())
                    .put("rows_deleted_by_retention", upkeep.rowsAgedOut())
                    .put("files_vacuumed", upkeep.filesVacuumed())
                    .put("bytes_vacuumed", upkeep.bytesVacuumed());
            upkeep.firstDayKept().ifPresent(day -> row.put("first_day_kept", day.toString()));
            if (upkeep.rowsAgedOut() > 0) {
                summary.rows(table, upkeep.rowsAgedOut());
            }
        }
        List<LakeTables.LandingPartition> removed = ageOutLanding(spark, lake, settings, date);
        ArrayNode landing = summary.root().putArray("landing_partitions_deleted");
        removed.forEach(p -> landing.add(p.source() + "/dt=" + p.deliveryDate()));
    }

    static TableUpkeep maintainTable(SparkSession spark, Lake lake, String table, MaintainSettings settings, LocalDate date) {
        String path = lake.table(table);
        String layer = table.substring(0, table.indexOf('.'));
        long filesBefore = DeltaUpkeep.liveFiles(spark, path);
        Optional<String> dayColumn = DeltaUpkeep.datePartitionColumn(spark, path);
        Optional<LocalDate> firstDayKept = dayColumn.isPresent() ? settings.firstDayKept(layer, date) : Optional.empty();
        long agedOut = firstDayKept.map(day -> deleteBefore(spark, path, dayColumn.get(), day)).orElse(0L);
        DeltaUpkeep.compact(spark, path);
        long filesAfter = DeltaUpkeep.liveFiles(spark, path);
        LakeTables.DiskFiles onDiskBefore = LakeTables.dataFilesOnDisk(spark, path);
        // VACUUM deletes only files last modified before the retention: when none is that old (a
        // young table) it would list and compare for nothing.
        long retentionStart = System.currentTimeMillis() - settings.vacuumRetentionHours() * 3_600_000L;
        if (onDiskBefore.oldestModified() < retentionStart) {
            DeltaUpkeep.vacuum(spark, path, settings.vacuumRetentionHours());
        }
        LakeTables.DiskFiles onDiskAfter = LakeTables.dataFilesOnDisk(spark, path);
        return new TableUpkeep(table, filesBefore, filesAfter, agedOut, firstDayKept,
                onDiskBefore.files() - onDiskAfter.files(), onDiskBefore.bytes() - onDiskAfter.bytes());
    }

    /** Deletes the rows of partitions before {@code firstDayKept}; returns how many there were. */
    private static long deleteBefore(SparkSession spark, String path, String dayColumn, LocalDate firstDayKept) {
        var older = col("`" + dayColumn + "`").lt(lit(java.sql.Date.valueOf(firstDayKept)));
        // Counted first: a delete of whole partitions may commit without a row count in its metrics.
        long rows = spark.read().format("delta").load(path).filter(older).count();
        if (rows > 0) {
            DeltaTable.forPath(spark, path).delete(older);
        }
        return rows;
    }

    /** Deletes the landing folders of deliveries before the landing retention; returns them. */
    static List<LakeTables.LandingPartition> ageOutLanding(SparkSession spark, Lake lake, MaintainSettings settings,
                                                          LocalDate date) {
        Optional<LocalDate> firstDayKept = settings.firstDayKept(LANDING, date);
        if (firstDayKept.isEmpty()) {
            return List.of();
        }
        List<LakeTables.LandingPartition> old = LakeTables.landingPartitions(spark, lake).stream()
                .filter(p -> p.deliveryDate().isBefore(firstDayKept.get())).toList();
        for (LakeTables.LandingPartition partition : old) {
            deleteFolder(spark, partition.path());
        }
        return old;
    }

    private static void deleteFolder(SparkSession spark, Path folder) {
        try {
            if (!folder.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(folder, true)) {
                throw new GanzhiException("could not delete the landing folder " + folder
                        + ": check that the lake's landing zone is writable for this user, then run maintain again.");
            }
        } catch (IOException e) {
            throw new GanzhiException("could not delete the landing folder " + folder + ": " + e.getMessage()
                    + ". Check that the lake's landing zone is writable for this user, then run maintain again.", e);
        }
    }
}
