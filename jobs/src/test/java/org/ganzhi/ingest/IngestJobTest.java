package org.ganzhi.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.privacy.Pseudonymizer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ingestion end to end on small hand-written deliveries, with hand-computed expectations. */
class IngestJobTest extends SparkTestBase {
    private static final LocalDate D1 = LocalDate.parse("2026-11-02");
    private static final LocalDate D2 = LocalDate.parse("2026-11-03");
    /** Only the feeds these deliveries contain, to keep the test quick. */
    private final GanzhiConfig config = GanzhiConfig.defaults().with(java.util.Map.of(
            "ganzhi.sources.survey.enabled", false, "ganzhi.sources.billing.enabled", false,
            "ganzhi.sources.service_order.enabled", false, "ganzhi.sources.cell_outage.enabled", false,
            "ganzhi.sources.plan.enabled", false, "ganzhi.sources.cell.enabled", false));
    private final Pseudonymizer pseudonymizer = TestKeys.pseudonymizer();
    private final ObjectMapper json = new ObjectMapper();

    private static final String A = "13800000001";
    /** One lake ingested for D1 then D2, shared by the tests that only read it. */
    private Lake shared;
    /** A copy of {@link #shared} as the two ingests left it, for a test that changes a delivery. */
    private Lake sharedCopy;
    private JsonNode sharedD1;
    private JsonNode sharedD2Sources;
    private List<String> ticketsAfterD1;

    @org.junit.jupiter.api.BeforeAll
    void ingestTwoDeliveries() throws IOException {
        shared = lakeWithTwoDeliveries("shared");
        sharedD1 = ingest(shared, D1);
        ticketsAfterD1 = tickets(shared);
        sharedD2Sources = ingest(shared, D2).get("sources");
        sharedCopy = new Lake(tmp.resolve("shared-copy").toString());
        GeneratedLake.copyTree(Path.of(shared.root()), Path.of(sharedCopy.root()), top -> true);
    }

    private static final String B = "+86 139 0000 0002";

    private Lake lakeWithTwoDeliveries(String name) throws IOException {
        Path root = tmp.resolve(name);
        Lake lake = new Lake(root.toString());
        gz(root, "voice_cdr", D1,
                "vc01," + A + ",10086,MO,2026-11-02 09:00:00,60,C1,4G,NORMAL,4.2,false",
                "vc02," + B + "," + A + ",MT,2026-11-02 10:00:00,30,C1,VoLTE,DROPPED,,false",
                "vc03," + A + ",,MO,2026-11-02 23:59:59,0,C2,4G,SETUP_FAILED,,false",
                "vc03," + A + ",,MO,2026-11-02 23:59:59,0,C2,4G,SETUP_FAILED,,false",
                "vc04," + A + ",MO,2026-11-02",
                "vc05,1380000,,MO,2026-11-02 11:00:00,10,C1,4G,NORMAL,,false");
        gz(root, "voice_cdr", D2,
                "vc10," + A + ",,MO,2026-11-03 08:00:00,15,C1,4G,NORMAL,,false",
                "vc06," + B + ",,MO,2026-11-02 22:00:00,20,C1,4G,NORMAL,,false",
                // Sent again by the second delivery: D1 brought it already.
                "vc01," + A + ",10086,MO,2026-11-02 09:00:00,60,C1,4G,NORMAL,4.2,false");
        // What a delivery tool leaves beside the data: a marker, a hidden file, and a checksum of an
        // earlier copy of the file (Hadoop would fail the valid file on it). None of them is data.
        Path voiceD2 = root.resolve("landing/voice_cdr/dt=" + D2);
        Files.writeString(voiceD2.resolve("_SUCCESS"), "");
        Files.writeString(voiceD2.resolve(".transfer.tmp"), "vc99," + A + ",,MO,2026-11-03 08:00:00,15,C1,4G,NORMAL,,false\n");
        staleChecksum(voiceD2.resolve("part-0.csv.gz"));
        for (LocalDate d : List.of(D1, D2)) {
            gz(root, "data_session", d,
                    "ds01" + d.getDayOfMonth() + "," + A + "," + d + " 12:00:00,300,1000,50000,C1,4G,VIDEO,2500.5,40,false");
            subscribers(root, d);
        }
        text(root, "complaint", D1, "part-0.jsonl",
                complaint("tk1", "OPEN", "2026-11-02T09:00:00+08:00"),
                complaint("tk2", "OPEN", "2026-11-02T10:00:00+08:00"));
        // product_event has no code of its own in ingestion: its contract entry is all it takes.
        text(root, "product_event", D1, "part-0.jsonl",
                "{\"event_id\":\"pe01\",\"msisdn\":\"" + A + "\",\"ts\":\"2026-11-02T10:00:00+08:00\","
                        + "\"product_id\":\"VIDEO_PACK\",\"stage\":\"AWARENESS\",\"channel\":\"SMS\"}",
                "{\"event_id\":\"pe02\",\"msisdn\":\"" + B + "\",\"ts\":\"2026-11-02 12:30:00\","
                        + "\"product_id\":\"video_pack\",\"stage\":\"INTEREST\",\"channel\":\"APP\"}",
                "{\"event_id\":\"pe02\",\"msisdn\":\"" + B + "\",\"ts\":\"2026-11-02 12:30:00\","
                        + "\"product_id\":\"video_pack\",\"stage\":\"INTEREST\",\"channel\":\"APP\"}",
                "{\"event_id\":\"pe03\",\"msisdn\":\"" + A + "\",\"ts\":\"2026-11-02T11:00:00+08:00\","
                        + "\"product_id\":\"VIDEO_PACK\",\"stage\":\"CANCELLATION\"}",
                "{\"event_id\":\"pe04\",\"msisdn\":\"" + A + "\",\"ts\":\"2026-11-02T1");
        text(root, "complaint", D2, "part-0.jsonl",
                complaint("tk1", "RESOLVED", "2026-11-03T15:00:00+08:00"),
                complaint("tk2", "ESCALATED", "2026-11-03T11:00:00+08:00"));
        return lake;
    }

    private static String complaint(String id, String status, String updated) {
        return "{\"ticket_id\":\"" + id + "\",\"msisdn\":\"" + A + "\",\"opened_at\":\"2026-11-02T09:00:00+08:00\","
                + "\"channel\":\"HOTLINE\",\"category\":\"NETWORK_DATA\",\"cell_id\":\"C1\",\"status\":\"" + status
                + "\",\"updated_at\":\"" + updated + "\",\"promised_hours\":24"
                + (status.equals("RESOLVED") ? ",\"closed_at\":\"" + updated + "\",\"satisfaction\":4" : "") + "}";
    }

    private void subscribers(Path root, LocalDate d) {
        spark.sql("SELECT '" + A + "' AS msisdn, DATE'2025-01-01' AS activation_date, 'ACTIVE' AS status, 'P1' AS plan_id, "
                        + "'POSTPAID' AS plan_type, 'North' AS region, 'Beiling' AS city, 'X1' AS device_model, "
                        + "'SMARTPHONE_5G' AS device_type, '25-34' AS age_band, false AS is_enterprise, CAST(NULL AS STRING) AS family_group_id "
                        + "UNION ALL SELECT '8613900000002', DATE'2026-10-20', 'ACTIVE', 'P2', 'PREPAID', 'North', 'Beiling', 'X2', "
                        + "'SMARTPHONE_4G', '18-24', false, 'F1'")
                .coalesce(1).write().mode("overwrite").parquet(root.resolve("landing/subscriber/dt=" + d).toString());
    }

    private static void gz(Path root, String source, LocalDate d, String... lines) throws IOException {
        Path dir = root.resolve("landing/" + source + "/dt=" + d);
        Files.createDirectories(dir);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("part-0.csv.gz")))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Hadoop's checksum file of other bytes beside {@code file}, as a copy that replaced only the data leaves. */
    private static void staleChecksum(Path file) throws IOException {
        org.apache.hadoop.fs.FileSystem local = org.apache.hadoop.fs.FileSystem.getLocal(new org.apache.hadoop.conf.Configuration());
        Path earlier = file.resolveSibling("earlier-" + file.getFileName());
        try (OutputStream out = local.create(new org.apache.hadoop.fs.Path(earlier.toUri()))) {
            out.write("an earlier copy of this file".getBytes(StandardCharsets.UTF_8));
        }
        Files.move(earlier.resolveSibling("." + earlier.getFileName() + ".crc"), file.resolveSibling("." + file.getFileName() + ".crc"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(earlier);
    }

    private static void text(Path root, String source, LocalDate d, String file, String... lines) throws IOException {
        Path dir = root.resolve("landing/" + source + "/dt=" + d);
        Files.createDirectories(dir);
        // Trailing blank lines, as some exports write: no records, so neither read nor quarantined.
        Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n\n \n\n");
    }

    private JsonNode ingest(Lake lake, LocalDate date) throws IOException {
        RunSummary summary = new RunSummary("ingest");
        IngestJob.run(spark, config, new IngestOptions(lake, date), pseudonymizer, summary);
        return json.readTree(summary.toJson());
    }

    private List<String> table(Lake lake, String name, String order) {
        return spark.read().format("delta").load(lake.table(name)).orderBy(java.util.Arrays.stream(order.split(",")).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new)).collectAsList()
                .stream().map(Row::toString).toList();
    }

    @Test
    void countsReconcileAndRejectsAreQuarantinedWithTheirReason() {
        Lake lake = shared;
        JsonNode voice = sharedD1.get("sources").get("voice_cdr");
        assertEquals(6, voice.get("rows_read").asLong());
        assertEquals(3, voice.get("accepted").asLong());
        assertEquals(2, voice.get("quarantined").asLong());
        assertEquals(1, voice.get("duplicates_dropped").asLong());
        assertEquals(1, voice.get("quarantined_by_reason").get("MALFORMED_LINE").asLong());
        assertEquals(1, voice.get("quarantined_by_reason").get("BAD_MSISDN").asLong());

        List<Row> rejects = sql("SELECT reason_code, input_file, raw_record, reason FROM delta.`"
                + lake.table("quarantine.rejected_rows") + "` WHERE source = 'voice_cdr' AND delivery_date = DATE'2026-11-02' ORDER BY reason_code");
        assertEquals("BAD_MSISDN", rejects.get(0).getString(0));
        assertEquals("landing/voice_cdr/dt=2026-11-02/part-0.csv.gz", rejects.get(0).getString(1));
        assertFalse(rejects.get(0).getString(2).contains("1380000"), "the bad number itself is pseudonymised too");
        assertTrue(rejects.get(0).getString(3).startsWith("column msisdn: not a mobile number"));
        assertEquals("MALFORMED_LINE", rejects.get(1).getString(0));
        assertFalse(rejects.get(1).getString(2).contains(A));

        assertEquals(pseudonymizer.pseudonym("8613900000002"),
                sql("SELECT msisdn FROM delta.`" + lake.table("silver.voice_cdr") + "` WHERE record_id = 'vc02'").get(0).getString(0),
                "B is written '+86 139 0000 0002' and normalised to the same E.164 number as the subscriber table");
        assertEquals(2L, scalarLong("SELECT count(*) FROM delta.`" + lake.table("silver.subscriber") + "` WHERE snapshot_date = DATE'2026-11-02'"));
        for (String source : List.of("voice_cdr", "subscriber", "complaint")) {
            assertEquals(config.source(source).silverSchema().simpleString(),
                    spark.read().format("delta").load(lake.table("silver." + source)).schema().simpleString(),
                    "a stage reads a feed that never arrived as no rows of exactly silver's shape");
        }
        JsonNode interactions = sharedD1.get("sources").get("service_interaction");
        assertFalse(interactions.get("delivered").asBoolean(), "an optional source without data is reported, not fatal");
    }

    @Test
    void aSourceAddedToTheContractIsIngestedLikeEveryOther() {
        Lake lake = shared;
        JsonNode events = sharedD1.get("sources").get("product_event");
        assertEquals(5, events.get("rows_read").asLong());
        assertEquals(2, events.get("accepted").asLong());
        assertEquals(2, events.get("quarantined").asLong());
        assertEquals(1, events.get("duplicates_dropped").asLong());
        assertEquals(1, events.get("quarantined_by_reason").get("UNKNOWN_CODE").asLong());
        assertEquals(1, events.get("quarantined_by_reason").get("MALFORMED_LINE").asLong());

        List<Row> silver = sql("SELECT event_id, msisdn, product_id, stage, event_date FROM delta.`"
                + lake.table("silver.product_event") + "` ORDER BY event_id");
        assertEquals(List.of("pe01", "pe02"), silver.stream().map(r -> r.getString(0)).toList());
        assertEquals(pseudonymizer.pseudonym("8613900000002"), silver.get(1).getString(1));
        assertEquals("VIDEO_PACK", silver.get(1).getString(2), "codes take the canonical spelling");
        assertEquals(java.sql.Date.valueOf(D1), silver.get(1).getDate(4));
        assertEquals(List.of("MALFORMED_LINE", "UNKNOWN_CODE"), sql("SELECT reason_code FROM delta.`"
                + lake.table("quarantine.rejected_rows") + "` WHERE source = 'product_event' ORDER BY reason_code")
                .stream().map(r -> r.getString(0)).toList());
        assertFalse(sharedD2Sources.get("product_event").get("delivered").asBoolean(),
                "an optional source may skip a delivery");
    }

    @Test
    void lateRowsLandInTheirEventDateAndARerunReplacesOnlyItsDelivery() throws IOException {
        Lake lake = sharedCopy;
        assertEquals(1, sharedD2Sources.get("voice_cdr").get("late_rows").asLong());
        String silver = "delta.`" + lake.table("silver.voice_cdr") + "`";
        assertEquals(List.of("vc01", "vc02", "vc03", "vc06"),
                sql("SELECT record_id FROM " + silver + " WHERE event_date = DATE'2026-11-02' ORDER BY record_id")
                        .stream().map(r -> r.getString(0)).toList());

        // Delivery 2 is re-sent without the late call: a rerun removes exactly that row.
        gz(Path.of(lake.root()), "voice_cdr", D2, "vc10," + A + ",,MO,2026-11-03 08:00:00,15,C1,4G,NORMAL,,false");
        ingest(lake, D2);
        assertEquals(List.of("vc01", "vc02", "vc03"),
                sql("SELECT record_id FROM " + silver + " WHERE event_date = DATE'2026-11-02' ORDER BY record_id")
                        .stream().map(r -> r.getString(0)).toList());
        assertEquals(1L, scalarLong("SELECT count(*) FROM " + silver + " WHERE delivery_date = DATE'2026-11-03'"));
    }

    @Test
    void rerunningADateGivesIdenticalTables() throws IOException {
        Lake lake = shared;
        List<String> voice = table(lake, "silver.voice_cdr", "record_id");
        List<String> quarantine = table(lake, "quarantine.rejected_rows", "source,raw_record");
        List<String> tickets = table(lake, "silver.complaint_ticket", "ticket_id");
        ingest(lake, D1);
        assertEquals(tickets, table(lake, "silver.complaint_ticket", "ticket_id"),
                "rerunning the older delivery must not roll tickets back to OPEN");
        ingest(lake, D2);
        assertEquals(voice, table(lake, "silver.voice_cdr", "record_id"));
        assertEquals(quarantine, table(lake, "quarantine.rejected_rows", "source,raw_record"));
        assertEquals(tickets, table(lake, "silver.complaint_ticket", "ticket_id"));
    }

    @Test
    void aRecordAnEarlierDeliveryBroughtIsADuplicateWhenSentAgain() {
        JsonNode voice = sharedD2Sources.get("voice_cdr");
        assertEquals(3, voice.get("rows_read").asLong());
        assertEquals(1, voice.get("duplicates_dropped").asLong());
        assertEquals(1, voice.get("resent_by_a_later_delivery").asLong());
        assertEquals(1, voice.get("late_rows").asLong(), "vc06 is late; the re-sent vc01 is no new row");
        assertEquals(List.of("2026-11-02"), sql("SELECT CAST(delivery_date AS STRING) FROM delta.`" + shared.table("silver.voice_cdr")
                + "` WHERE record_id = 'vc01'").stream().map(r -> r.getString(0)).toList(), "silver keeps the first delivery's copy");
    }

    @Test
    void complaintHistoryIsKeptAndTheCurrentStateIsMerged() {
        Lake lake = shared;
        assertEquals(List.of("tk1:OPEN:1", "tk2:OPEN:1"), ticketsAfterD1);
        assertEquals(List.of("tk1:RESOLVED:2", "tk2:ESCALATED:2"), tickets(lake));
        assertEquals(4L, scalarLong("SELECT count(*) FROM delta.`" + lake.table("silver.complaint") + "`"));
        assertEquals(List.of(false, true), sql("SELECT was_escalated FROM delta.`" + lake.table("silver.complaint_ticket")
                + "` ORDER BY ticket_id").stream().map(r -> r.getBoolean(0)).toList());
    }

    private List<String> tickets(Lake lake) {
        return sql("SELECT ticket_id, status, states_seen FROM delta.`" + lake.table("silver.complaint_ticket") + "` ORDER BY ticket_id")
                .stream().map(r -> r.getString(0) + ":" + r.getString(1) + ":" + r.getLong(2)).toList();
    }

    @Test
    void aMissingRequiredSourceFailsBeforeAnythingIsWritten() throws IOException {
        Lake lake = lakeWithTwoDeliveries("missing");
        deleteTree(Path.of(lake.root(), "landing/data_session/dt=" + D1));
        GanzhiException error = assertThrows(GanzhiException.class, () -> ingest(lake, D1));
        assertTrue(error.getMessage().contains("data_session"), error.getMessage());
        assertFalse(Files.exists(Path.of(lake.root(), "silver")), "nothing written");
    }

    @Test
    void anUnreadableFileInTheLastSourceLeavesEveryTableAsItWas() throws IOException {
        Lake lake = lakeWithTwoDeliveries("corrupt");
        Path truncated = Path.of(lake.root(), "landing/voice_cdr/dt=" + D1, "part-1.csv.gz");
        Files.write(truncated, new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        GanzhiException first = assertThrows(GanzhiException.class, () -> ingest(lake, D1));
        assertTrue(first.getMessage().startsWith("cannot read the landing files of source voice_cdr for delivery 2026-11-02: "
                + "file landing/voice_cdr/dt=2026-11-02/part-1.csv.gz: EOFException"), first.getMessage());
        assertTrue(first.getMessage().contains("Nothing was written"), first.getMessage());
        assertFalse(Files.exists(Path.of(lake.root(), "silver")), "the sources read before voice_cdr wrote nothing either");
        assertFalse(Files.exists(Path.of(lake.root(), "quarantine")));

        // A rerun of a delivery the shared lake holds leaves every table at its version.
        Path truncatedRerun = Path.of(shared.root(), "landing/voice_cdr/dt=" + D2, "part-1.csv.gz");
        Map<String, Long> before = tableVersions(shared);
        Files.write(truncatedRerun, new byte[]{0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        try {
            assertThrows(GanzhiException.class, () -> ingest(shared, D2));
        } finally {
            Files.delete(truncatedRerun);
        }
        assertEquals(before, tableVersions(shared));
        assertTrue(before.keySet().containsAll(List.of("silver/complaint", "silver/subscriber", "quarantine/rejected_rows")),
                before.toString());
    }

    @Test
    void aFailedWriteIsRolledBackToTheVersionsBeforeTheRun() {
        String kept = tmp.resolve("rollback/kept").toString();
        String created = tmp.resolve("rollback/created").toString();
        spark.range(3).write().format("delta").save(kept);
        DeliveryRollback rollback = DeliveryRollback.record(spark, List.of(kept, created));
        spark.range(10, 15).write().format("delta").mode("overwrite").save(kept);
        spark.range(7).write().format("delta").save(created);

        assertEquals(List.of("rollback.kept", "rollback.created"), rollback.restore());
        assertEquals(List.of(0L, 1L, 2L), sql("SELECT id FROM delta.`" + kept + "` ORDER BY id").stream().map(r -> r.getLong(0)).toList());
        assertEquals(0L, scalarLong("SELECT count(*) FROM delta.`" + created + "`"), "a table the run created keeps none of its rows");
    }

    /** The latest Delta version of every table in the lake, by layer/table. */
    private static Map<String, Long> tableVersions(Lake lake) throws IOException {
        Map<String, Long> versions = new java.util.TreeMap<>();
        for (String layer : List.of("silver", "quarantine")) {
            try (var tables = Files.list(Path.of(lake.root(), layer))) {
                for (Path table : tables.toList()) {
                    try (var log = Files.list(table.resolve("_delta_log"))) {
                        versions.put(layer + "/" + table.getFileName(), log.map(f -> f.getFileName().toString())
                                .filter(n -> n.matches("[0-9]{20}\\.json")).mapToLong(n -> Long.parseLong(n.substring(0, 20)))
                                .max().orElse(-1));
                    }
                }
            }
        }
        return versions;
    }

    @Test
    void noRawPhoneNumberReachesAnyTable() {
        Lake lake = shared;
        for (String table : List.of("silver.voice_cdr", "silver.data_session", "silver.subscriber", "silver.complaint",
                "silver.complaint_ticket", "silver.product_event", "quarantine.rejected_rows")) {
            for (Row row : spark.read().format("delta").load(lake.table(table)).collectAsList()) {
                String text = row.toString();
                assertFalse(text.matches("(?s).*(?<![0-9a-f])(86)?1[3-9][0-9]{9}(?![0-9a-f]).*"), table + ": " + text);
                assertFalse(text.contains("0000 0002") || text.contains("1380000"), table + ": " + text);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
