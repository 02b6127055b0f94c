package org.ganzhi.upkeep;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.Cli;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.ganzhi.catalog.DeltaTables;
import org.ganzhi.cli.Main;
import org.ganzhi.common.Lake;
import org.ganzhi.common.Tables;
import org.ganzhi.privacy.Pseudonymizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * erase through the CLI on a small hand-written lake of three subscribers A, B and C: A calls B
 * and C and is called by B (voice_cdr's other_party holds A too), has a daily feature row, a gold
 * row and two quarantined rows (one a rejected well-formed row with A's full pseudonym, one a
 * malformed line with the short [phone:..] mask). A is erased, given in another spelling than
 * the feeds use; B and C must keep every row.
 */
class ErasureTest extends SparkTestBase {
    private static final String A_NATIONAL = "13800000001";
    private static final String A_SPELLED = "+86 138-0000-0001";
    private static final StructType VOICE = StructType.fromDDL(
            "record_id STRING, msisdn STRING, other_party STRING, duration_s INT, event_date DATE");
    private static final StructType DAILY = StructType.fromDDL("msisdn STRING, calls BIGINT, date DATE");
    private static final StructType QUARANTINE = StructType.fromDDL("source STRING, delivery_date DATE, input_file STRING, "
            + "reason_code STRING, reason STRING, raw_record STRING");
    private static final StructType CELLS = StructType.fromDDL("cell_id STRING, calls BIGINT, date DATE");
    private static final Date DAY = Date.valueOf("2026-11-01");

    private final Pseudonymizer pseudonymizer = TestKeys.pseudonymizer();
    private final String a = pseudonymizer.pseudonym("86" + A_NATIONAL);
    private final String b = pseudonymizer.pseudonym("8613900000002");
    private final String c = pseudonymizer.pseudonym("8613700000003");
    private Lake lake;
    private Map<String, String> env;
    private int exitCode;
    private String output;
    private JsonNode summary;
    /** Data files of silver.voice_cdr's first version, which held A's calls. */
    private List<String> firstVersionFiles;
    /** The data file of gold.subscriber_perception before erase, in a table with deletion vectors. */
    private List<String> goldFirstFiles;

    @BeforeAll
    void eraseOneSubscriber() throws IOException {
        lake = new Lake(tmp.resolve("lake").toString());
        write("silver.voice_cdr", VOICE, "event_date", List.of(
                RowFactory.create("v1", a, b, 60, DAY), RowFactory.create("v2", b, a, 30, DAY), RowFactory.create("v3", b, c, 20, DAY)));
        write("silver.voice_cdr", VOICE, "event_date", List.of(
                RowFactory.create("v4", c, b, 10, DAY), RowFactory.create("v5", a, c, 5, DAY)));
        write("features.subscriber_daily", DAILY, "date", List.of(
                RowFactory.create(a, 3L, DAY), RowFactory.create(b, 3L, DAY), RowFactory.create(c, 2L, DAY)));
        write("gold.subscriber_perception", DAILY, "date", List.of(RowFactory.create(a, 3L, DAY), RowFactory.create(b, 3L, DAY)));
        // With deletion vectors a DELETE leaves A's row inside the old file: erase must rewrite it.
        spark.sql("ALTER TABLE delta.`" + lake.table("gold.subscriber_perception")
                + "` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        goldFirstFiles = Arrays.asList(spark.read().format("delta").option("versionAsOf", 0)
                .load(lake.table("gold.subscriber_perception")).inputFiles());
        write(Tables.QUARANTINE, QUARANTINE, "delivery_date", List.of(
                RowFactory.create("voice_cdr", DAY, "f1", "OUT_OF_RANGE", "column duration_s: '-1' is outside [0, -]",
                        "{\"record_id\":\"v9\",\"msisdn\":\"" + a + "\",\"duration_s\":\"-1\"}"),
                RowFactory.create("voice_cdr", DAY, "f1", "MALFORMED_LINE", "the line does not split",
                        "v10;[phone:" + a.substring(0, 16) + "];broken"),
                RowFactory.create("voice_cdr", DAY, "f1", "OUT_OF_RANGE", "column duration_s: '-2' is outside [0, -]",
                        "{\"record_id\":\"v11\",\"msisdn\":\"" + b + "\",\"duration_s\":\"-2\"}"),
                RowFactory.create("voice_cdr", DAY, "f1", "MALFORMED_LINE", "the line does not split",
                        "v12;[phone:" + c.substring(0, 16) + "];broken")));
        write("features.cell_daily", CELLS, "date", List.of(RowFactory.create("cell-1", 9L, DAY)));
        firstVersionFiles = Arrays.asList(spark.read().format("delta").option("versionAsOf", 0)
                .load(lake.table("silver.voice_cdr")).inputFiles());

        Path conf = tmp.resolve("test.conf");
        // No metastore: the test's own SparkSession has no Hive support.
        Files.writeString(conf, "ganzhi.catalog.enabled = false\n");
        env = Map.of("GANZHI_PSEUDONYM_KEY", TestKeys.HEX, "GANZHI_CONF", conf.toString());
        Cli.Outcome erase = Cli.run(env, "erase", "--lake", lake.root(), "--msisdn", A_SPELLED);
        exitCode = erase.code();
        output = erase.out() + erase.err();
        summary = erase.summary();
    }

    private void write(String table, StructType schema, String partition, List<Row> rows) {
        spark.createDataFrame(rows, schema).repartition(1).write().format("delta").mode("append")
                .partitionBy(partition).save(lake.table(table));
    }

    private Dataset<Row> table(String name) {
        return spark.read().format("delta").load(lake.table(name));
    }

    @Test
    void theSubscriberIsGoneFromEveryNumberColumnAndQuarantinedRecord() {
        assertEquals(0, exitCode, output);
        assertEquals(0, table("silver.voice_cdr").filter(col("msisdn").equalTo(a).or(col("other_party").equalTo(a))).count());
        assertEquals(0, table("features.subscriber_daily").filter(col("msisdn").equalTo(a)).count());
        assertEquals(0, table("gold.subscriber_perception").filter(col("msisdn").equalTo(a)).count());
        assertEquals(0, table(Tables.QUARANTINE).filter(col("raw_record").contains(a.substring(0, 16))).count());
    }

    @Test
    void theOtherSubscribersKeepEveryRow() {
        assertEquals(Set.of("v3", "v4"), strings(table("silver.voice_cdr").select("record_id")));
        assertEquals(Set.of(b, c), strings(table("features.subscriber_daily").select("msisdn")));
        assertEquals(Set.of(b), strings(table("gold.subscriber_perception").select("msisdn")));
        assertEquals(2, table(Tables.QUARANTINE).count());
        assertEquals(1, table("features.cell_daily").count());
        // A table without a number column is not even rewritten.
        assertEquals(0, DeltaTables.version(spark, lake.table("features.cell_daily")));
    }

    @Test
    void theSummaryCountsTheDeletedRowsPerTableAndSaysLandingIsNotTouched() {
        JsonNode deleted = summary.get("rows_deleted");
        assertEquals(3, deleted.get("silver.voice_cdr").asLong(), summary.toString());
        assertEquals(1, deleted.get("features.subscriber_daily").asLong());
        assertEquals(1, deleted.get("gold.subscriber_perception").asLong());
        assertEquals(2, deleted.get(Tables.QUARANTINE).asLong());
        assertFalse(deleted.has("features.cell_daily"));
        assertEquals(5, summary.get("tables_searched").asInt());
        assertTrue(summary.get("landing").asText().contains("outside erase"));
    }

    @Test
    void theErasureLogHoldsThePseudonymAndNeverTheNumber() {
        List<Row> log = table(Tables.ERASURE_LOG).collectAsList();
        assertEquals(1, log.size());
        Row row = log.get(0);
        assertEquals(a, row.getAs("pseudonym"));
        assertEquals(summary.get("erasure_id").asText(), row.getAs("erasure_id"));
        assertEquals(Set.of("silver.voice_cdr", "features.subscriber_daily", "gold.subscriber_perception", Tables.QUARANTINE),
                new HashSet<>(row.getList(row.fieldIndex("tables_touched"))));
        Map<String, Long> rowsDeleted = new HashMap<>(row.getJavaMap(row.fieldIndex("rows_deleted")));
        assertEquals(Map.of("silver.voice_cdr", 3L, "features.subscriber_daily", 1L, "gold.subscriber_perception", 1L,
                Tables.QUARANTINE, 2L), rowsDeleted);
        assertFalse(row.toString().contains(A_NATIONAL), row.toString());
    }

    @Test
    void theNumberIsNeverPrinted() {
        assertFalse(output.contains(A_NATIONAL), output);
        assertFalse(output.contains("138-0000-0001"), output);
        String runLog = table(Tables.RUN_LOG).collectAsList().toString();
        assertFalse(runLog.contains(A_NATIONAL), runLog);
    }

    @Test
    void theOldVersionsFilesAreGoneSoTimeTravelCannotBringTheRowsBack() {
        assertTrue(firstVersionFiles.size() > 0);
        assertEquals(1, goldFirstFiles.size());
        List<String> replaced = new java.util.ArrayList<>(firstVersionFiles);
        replaced.addAll(goldFirstFiles);
        for (String file : replaced) {
            assertFalse(Files.exists(Path.of(URI.create(file))), file + " survived the vacuum");
        }
        assertThrows(Exception.class, () -> spark.read().format("delta").option("versionAsOf", 0)
                .load(lake.table("silver.voice_cdr")).filter(col("msisdn").equalTo(a)).collectAsList());
        // The retention check was switched off for erase's vacuum only.
        assertFalse(spark.conf().contains(DeltaUpkeep.RETENTION_CHECK));
    }

    @Test
    void aNumberOutsideTheNumberingPlanIsRefusedWithoutRepeatingIt() {
        Cli.Outcome refused = Cli.run(env, "erase", "--lake", lake.root(), "--msisdn", "99912345678");
        String text = refused.out() + refused.err();
        assertEquals(Main.USER_ERROR, refused.code(), text);
        assertTrue(text.contains("the --msisdn value is not a mobile number"), text);
        assertFalse(text.contains("99912345678"), text);
    }

    @Test
    void aFileOfNumbersIsReadLineByLineAndABadLineIsNamedByItsPosition() throws IOException {
        Path file = tmp.resolve("numbers.txt");
        Files.writeString(file, "# requests of the week\n13800000001\n\n+86 138 0000 0001\n8613900000002\n");
        ErasureRequest request = ErasureRequest.of(java.util.Optional.empty(), java.util.Optional.of(file.toString()),
                org.ganzhi.config.GanzhiConfig.defaults().operator());
        assertEquals(List.of(a, b), request.pseudonyms(pseudonymizer));
        assertFalse(request.toString().contains(A_NATIONAL));

        Files.writeString(file, "13800000001\n# next\n1380000000\n");
        org.ganzhi.common.GanzhiException bad = assertThrows(org.ganzhi.common.GanzhiException.class,
                () -> ErasureRequest.of(java.util.Optional.empty(), java.util.Optional.of(file.toString()),
                        org.ganzhi.config.GanzhiConfig.defaults().operator()));
        assertTrue(bad.getMessage().startsWith("line 3 of " + file), bad.getMessage());
        assertFalse(bad.getMessage().contains("1380000000"), bad.getMessage());
    }

    private static Set<String> strings(Dataset<Row> oneColumn) {
        Set<String> values = new HashSet<>();
        oneColumn.collectAsList().forEach(r -> values.add(r.getString(0)));
        return values;
    }
}
