package org.ganzhi.upkeep;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.SparkTestBase;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.LakeTables;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * maintain on a small hand-written lake, run date 2026-06-10: silver (30 days kept) written in
 * three commits of two partitions each, one of them aged out; features kept forever (0); a gold
 * table of a layer without a retention; landing folders of both ages.
 */
class MaintainJobTest extends SparkTestBase {
    private static final LocalDate RUN_DATE = LocalDate.parse("2026-06-10");
    private static final LocalDate OLD_DAY = LocalDate.parse("2026-01-01");
    private static final LocalDate RECENT_DAY = LocalDate.parse("2026-06-01");
    private static final StructType VOICE = StructType.fromDDL("record_id STRING, msisdn STRING, event_date DATE");
    private static final StructType DAILY = StructType.fromDDL("msisdn STRING, calls BIGINT, date DATE");

    private Lake lake;
    private JsonNode summary;
    private long oldLandingFiles;

    @BeforeAll
    void maintainASmallLake() throws IOException {
        lake = new Lake(tmp.resolve("lake").toString());
        for (int commit = 0; commit < 3; commit++) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                rows.add(RowFactory.create("old-" + commit + "-" + i, "p" + i, Date.valueOf(OLD_DAY)));
                rows.add(RowFactory.create("new-" + commit + "-" + i, "p" + i, Date.valueOf(RECENT_DAY)));
                rows.add(RowFactory.create("new2-" + commit + "-" + i, "p" + i, Date.valueOf(RECENT_DAY.plusDays(1))));
            }
            // One file per partition and commit: three commits leave three small files in each partition.
            append(rows, VOICE, "silver.voice_cdr", "event_date");
        }
        append(List.of(RowFactory.create("p1", 3L, Date.valueOf(OLD_DAY)), RowFactory.create("p1", 4L, Date.valueOf(RECENT_DAY))),
                DAILY, "features.subscriber_daily", "date");
        append(List.of(RowFactory.create("p1", 3L, Date.valueOf(OLD_DAY))), DAILY, "gold.subscriber_perception", "date");
        for (LocalDate day : List.of(OLD_DAY, OLD_DAY.plusDays(1), RECENT_DAY)) {
            Path dt = Path.of(lake.landingPartition("voice_cdr", day));
            Files.createDirectories(dt);
            Files.writeString(dt.resolve("voice_cdr.csv"), "r1,13800000001\n");
        }
        Files.createDirectories(Path.of(lake.landing("subscriber"), "dt=" + OLD_DAY));
        // Files no version references, as a failed write leaves them: VACUUM deletes the one older than its retention.
        Path daily = Path.of(lake.table("features.subscriber_daily"), "date=" + RECENT_DAY);
        Files.writeString(daily.resolve("part-orphan-old.parquet"), "left by a failed write");
        Files.setLastModifiedTime(daily.resolve("part-orphan-old.parquet"),
                java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofDays(30))));
        Files.writeString(daily.resolve("part-orphan-new.parquet"), "left by a write still running");
        // Not tables to maintain: the generator's Parquet truth, a folder without a Delta log, secrets.
        Files.createDirectories(Path.of(lake.root(), "truth", "subscriber"));
        Files.createDirectories(Path.of(lake.root(), "silver", "not_a_table"));
        Files.createDirectories(Path.of(lake.root(), "_secrets", "keys"));

        GanzhiConfig config = GanzhiConfig.defaults().with(Map.of(
                "ganzhi.maintain.retention-days.silver", 30,
                "ganzhi.maintain.retention-days.landing", 30,
                "ganzhi.maintain.retention-days.features", 0));
        RunSummary run = new RunSummary("maintain");
        MaintainJob.run(spark, config, lake, RUN_DATE, run);
        summary = run.root();
    }

    private void append(List<Row> rows, StructType schema, String table, String partition) {
        Dataset<Row> frame = spark.createDataFrame(rows, schema);
        frame.repartition(1).write().format("delta").mode("append").partitionBy(partition).save(lake.table(table));
    }

    private JsonNode tableSummary(String table) {
        for (JsonNode row : summary.get("maintained")) {
            if (row.get("table").asText().equals(table)) {
                return row;
            }
        }
        throw new AssertionError(table + " not in the summary: " + summary);
    }

    @Test
    void theLakeScannerFindsTheTablesSqlReadsAndMaintainKeeps() {
        assertEquals(List.of("features.subscriber_daily", "gold.subscriber_perception", "silver.voice_cdr", "truth.subscriber"),
                LakeTables.all(spark, lake).stream().map(LakeTables.LakeTable::name).toList(), "sql reads the truth too");
        assertEquals(List.of("features.subscriber_daily", "gold.subscriber_perception", "silver.voice_cdr"),
                LakeTables.deltaTables(spark, lake));
        List<String> maintained = new java.util.ArrayList<>();
        summary.get("maintained").forEach(row -> maintained.add(row.get("table").asText()));
        assertEquals(LakeTables.deltaTables(spark, lake), maintained);
    }

    @Test
    void retentionDeletesExactlyTheRowsOfPartitionsBeforeTheFirstDayKept() {
        JsonNode voice = tableSummary("silver.voice_cdr");
        assertEquals(15, voice.get("rows_deleted_by_retention").asLong(), voice.toString());
        assertEquals("2026-05-11", voice.get("first_day_kept").asText());
        List<Row> left = spark.read().format("delta").load(lake.table("silver.voice_cdr"))
                .groupBy("event_date").count().orderBy("event_date").collectAsList();
        assertEquals(2, left.size(), left.toString());
        assertEquals(Date.valueOf(RECENT_DAY), left.get(0).getDate(0));
        assertEquals(15L, left.get(0).getLong(1));
        assertEquals(15L, left.get(1).getLong(1));
    }

    @Test
    void layersWithoutARetentionKeepTheirOldRows() {
        assertEquals(0, tableSummary("features.subscriber_daily").get("rows_deleted_by_retention").asLong());
        assertEquals(2, spark.read().format("delta").load(lake.table("features.subscriber_daily")).count());
        assertEquals(1, spark.read().format("delta").load(lake.table("gold.subscriber_perception")).count());
        assertFalse(tableSummary("gold.subscriber_perception").has("first_day_kept"));
    }

    @Test
    void optimizeCompactsTheSmallFilesOfEachPartition() {
        JsonNode voice = tableSummary("silver.voice_cdr");
        // 3 commits x 3 partitions; after the old partition is deleted, each of the two left is one file.
        assertEquals(9, voice.get("files_before").asLong());
        assertEquals(2, voice.get("files_after").asLong());
        assertEquals(2, DeltaUpkeep.liveFiles(spark, lake.table("silver.voice_cdr")));
    }

    @Test
    void vacuumKeepsFilesYoungerThanTheRetentionSoRecentVersionsStayReadable() {
        assertEquals(168, summary.get("vacuum_retention_hours").asInt());
        assertEquals(0, tableSummary("silver.voice_cdr").get("files_vacuumed").asLong());
        long firstVersionRows = spark.read().format("delta").option("versionAsOf", 0).load(lake.table("silver.voice_cdr")).count();
        assertEquals(15, firstVersionRows);
    }

    @Test
    void vacuumDeletesUnreferencedFilesOlderThanTheRetentionAndSkipsYoungTables() {
        Path daily = Path.of(lake.table("features.subscriber_daily"), "date=" + RECENT_DAY);
        assertEquals(1, tableSummary("features.subscriber_daily").get("files_vacuumed").asLong());
        assertFalse(Files.exists(daily.resolve("part-orphan-old.parquet")));
        assertTrue(Files.exists(daily.resolve("part-orphan-new.parquet")), "younger than the retention: kept");
        assertEquals(2, spark.read().format("delta").load(lake.table("features.subscriber_daily")).count());
    }

    @Test
    void aLongerVacuumRetentionIsWrittenToTheTableWhereDeltaReadsIt() {
        String gold = lake.table("gold.subscriber_perception");
        DeltaUpkeep.vacuum(spark, gold, 240);
        assertEquals("interval 240 hours", DeltaUpkeep.snapshot(spark, gold).metadata().configuration()
                .get(DeltaUpkeep.FILE_RETENTION).get());
    }

    @Test
    void landingFoldersOlderThanTheLandingRetentionAreDeleted() {
        assertFalse(Files.exists(Path.of(lake.landingPartition("voice_cdr", OLD_DAY))));
        assertFalse(Files.exists(Path.of(lake.landingPartition("voice_cdr", OLD_DAY.plusDays(1)))));
        assertFalse(Files.exists(Path.of(lake.landingPartition("subscriber", OLD_DAY))));
        assertTrue(Files.exists(Path.of(lake.landingPartition("voice_cdr", RECENT_DAY), "voice_cdr.csv")));
        List<String> deleted = new ArrayList<>();
        summary.get("landing_partitions_deleted").forEach(p -> deleted.add(p.asText()));
        assertEquals(List.of("subscriber/dt=2026-01-01", "voice_cdr/dt=2026-01-01", "voice_cdr/dt=2026-01-02"), deleted);
    }

    @Test
    void aVacuumRetentionShorterThanTheLateDataWindowIsRefused() {
        GanzhiException tooShort = assertThrows(GanzhiException.class, () -> MaintainSettings.from(
                GanzhiConfig.defaults().with(Map.of("ganzhi.maintain.vacuum-retention-hours", 48))));
        assertTrue(tooShort.getMessage().contains("late-data window of 168 h"), tooShort.getMessage());
        assertTrue(tooShort.getMessage().contains("at least 168"), tooShort.getMessage());

        // A shorter late window still does not let VACUUM go below Delta's own safety floor.
        GanzhiException belowDelta = assertThrows(GanzhiException.class, () -> MaintainSettings.from(GanzhiConfig.defaults()
                .with(Map.of("ganzhi.maintain.vacuum-retention-hours", 100, "ganzhi.features.recompute-days", 3))));
        assertTrue(belowDelta.getMessage().contains("Delta's safety floor of 168 h"), belowDelta.getMessage());

        assertEquals(240, MaintainSettings.from(GanzhiConfig.defaults()
                .with(Map.of("ganzhi.maintain.vacuum-retention-hours", 240))).vacuumRetentionHours());
    }
}
