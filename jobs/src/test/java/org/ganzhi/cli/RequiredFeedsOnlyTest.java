package org.ganzhi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A lake with only the required feeds (calls, data sessions, subscriber snapshots), as an
 * operator starts: every optional feed is configured but never arrives. Every stage must run on
 * it (features, personas, perception, publish, calibrate), say what it lacks, and score on the
 * evidence it has, never read a missing feed as good news. The service interaction feed delivers
 * once, and only a broken line: its silver table exists and is empty, which every stage must take
 * as no evidence too. One number that no subscriber snapshot lists makes calls on the second
 * night: it is flagged, counted and left out of gold.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequiredFeedsOnlyTest extends SparkTestBase {
    /** Two nights a day apart: calibrate trains on the first and tests on the second. */
    private static final List<String> NIGHTS = List.of("2026-11-08", "2026-11-09");
    private String lake;
    private JsonNode ingest;
    /** The first night's personas, which trained the model. */
    private JsonNode personas;
    private JsonNode perception;
    private JsonNode features;
    private JsonNode calibrate;
    /** Quarantine and voice rows of the last two deliveries, before they were ingested again. */
    private List<Long> rowsOfLastTwoDeliveries;
    /** A number no snapshot lists, calling on the second night. */
    private static final String STRANGER = "8613900000001";

    @BeforeAll
    void generateDropOptionalFeedsAndRun() throws Exception {
        lake = tmp.resolve("required-only").toString();
        GeneratedLake.run("generate", "--lake", lake, "--subscribers", "600", "--days", "16", "--start", "2026-11-01",
                "--seed", "11");
        for (SourceContract source : GanzhiConfig.defaults().sources().values()) {
            if (!source.required()) {
                deleteTree(Path.of(lake, "landing", source.name()));
            }
        }
        Path interactions = Files.createDirectories(Path.of(lake, "landing", "service_interaction", "dt=" + NIGHTS.get(0)));
        Files.writeString(interactions.resolve("part-0.jsonl"), "{\"interaction_id\": \"cut off\n");
        Path strangerCalls = Path.of(lake, "landing", "voice_cdr", "dt=" + NIGHTS.get(1), "zz-stranger.csv.gz");
        try (var out = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(Files.newOutputStream(strangerCalls)),
                java.nio.charset.StandardCharsets.UTF_8)) {
            for (int i = 0; i < 3; i++) {
                out.write("stranger" + i + ",+" + STRANGER + ",10086,MO," + NIGHTS.get(1) + " 1" + i + ":00:00,60,CELL-X,4G,NORMAL,4.0,0\n");
            }
        }
        ingest = GeneratedLake.run("ingest", "--lake", lake, "--date", "2026-11-01", "--to", "2026-11-16");
        rowsOfLastTwoDeliveries = List.of(lastTwoDeliveries("quarantine/rejected_rows"), lastTwoDeliveries("silver/voice_cdr"));
        GeneratedLake.run("ingest", "--lake", lake, "--date", "2026-11-15", "--to", "2026-11-16");
        for (String night : NIGHTS) {
            features = GeneratedLake.run("features", "--lake", lake, "--date", night);
            JsonNode scored = GeneratedLake.run("personas", "--lake", lake, "--date", night);
            personas = personas == null ? scored : personas; // the first night trains the model
            perception = GeneratedLake.run("perception", "--lake", lake, "--date", night);
        }
        GeneratedLake.run("publish", "--lake", lake, "--date", NIGHTS.get(1));
        // 600 subscribers churn too rarely in a week for the default 30 positives per side.
        Path conf = tmp.resolve("few-positives.conf");
        Files.writeString(conf, "include classpath(\"reference.conf\")\nganzhi.calibrate.min-positives = 5\n");
        calibrate = GeneratedLake.run("calibrate", "--lake", lake, "--conf", conf.toString(), "--date", "2026-11-16",
                "--train-from", NIGHTS.get(0), "--train-to", NIGHTS.get(0), "--test-from", NIGHTS.get(1), "--test-to", NIGHTS.get(1));
    }

    private long lastTwoDeliveries(String table) {
        return scalarLong("SELECT count(*) FROM delta.`" + lake + "/" + table + "` WHERE delivery_date >= DATE'2026-11-15'");
    }

    @Test
    void rerunningPartOfARangeReplacesExactlyItsRows() {
        assertTrue(rowsOfLastTwoDeliveries.get(0) > 0, "the rerun replaces quarantine partitions too");
        assertEquals(rowsOfLastTwoDeliveries, List.of(lastTwoDeliveries("quarantine/rejected_rows"), lastTwoDeliveries("silver/voice_cdr")));
    }

    @Test
    void ingestSaysOnceWhichOptionalFeedsDidNotArrive() {
        List<String> warnings = toList(ingest.get("warnings"));
        assertTrue(warnings.contains("optional source billing has no data in 16 of 16 deliveries (2026-11-01 to 2026-11-16)"),
                warnings.toString());
        assertEquals(0, ingest.get("sources").get("complaint").path("rows_read").asLong());
    }

    @Test
    void aFeedThatDeliveredOnlyRejectsLeavesAnEmptyTable() {
        assertEquals(1, ingest.get("sources").get("service_interaction").get("quarantined").asLong());
        assertEquals(0, scalarLong("SELECT count(*) FROM delta.`" + lake + "/silver/service_interaction`"));
        assertEquals(0, scalarLong("SELECT sum(interactions) FROM delta.`" + lake + "/features/subscriber_window` WHERE as_of_date = DATE'"
                + NIGHTS.get(1) + "'"));
    }

    @Test
    void everySubscriberGetsAPersonaAndAPerceptionScore() {
        long subscribers = scalarLong("SELECT count(DISTINCT msisdn) FROM delta.`" + lake + "/silver/subscriber`");
        assertEquals(subscribers, scalarLong("SELECT count(*) FROM delta.`" + lake + "/personas/subscriber_profile` WHERE date = DATE'"
                + NIGHTS.get(1) + "' AND persona IS NOT NULL AND msisdn IN (SELECT msisdn FROM delta.`" + lake + "/silver/subscriber`)"));
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/perception/subscriber_score` WHERE date = DATE'"
                + NIGHTS.get(1) + "' AND perception_index IS NOT NULL") > subscribers * 0.9);
    }

    @Test
    void aNumberNoSnapshotListsIsFlaggedCountedAndLeftOutOfGold() {
        String stranger = TestKeys.pseudonymizer().pseudonym(STRANGER);
        String night = "DATE'" + NIGHTS.get(1) + "'";
        assertEquals(0, scalarLong("SELECT count(*) FROM delta.`" + lake + "/silver/subscriber` WHERE msisdn = '" + stranger + "'"));
        assertEquals(3, scalarLong("SELECT count(*) FROM delta.`" + lake + "/silver/voice_cdr` WHERE msisdn = '" + stranger + "'"),
                "a call of an unknown number is a real call: accepted, not quarantined");
        assertEquals(1, features.get("unknown_subscribers").asLong(), features.toString());
        assertEquals(0, features.get("unknown_cells").asLong(), "no cell snapshot at all: nothing to check cells against");
        assertTrue(features.get("warnings").toString().contains("1 subscriber(s) with events"), features.toString());
        assertEquals(3, scalarLong("SELECT count(*) FROM delta.`" + lake + "/features/subscriber_window` WHERE msisdn = '"
                + stranger + "' AND as_of_date = " + night + " AND NOT known_subscriber"), "one row per window length");
        assertEquals(0, scalarLong("SELECT count(*) FROM delta.`" + lake + "/features/subscriber_window` WHERE msisdn <> '"
                + stranger + "' AND as_of_date = " + night + " AND NOT known_subscriber"), "every generated subscriber is known");
        assertEquals(0, scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE msisdn = '"
                + stranger + "'"));
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = " + night) > 500);
    }

    @Test
    void thePersonaModelSaysWhichFeaturesItHadNoDataFor() {
        String warnings = personas.get("warnings").toString();
        assertTrue(warnings.contains("trained without data for [") && warnings.contains("traditional_channel_share"), warnings);
        assertTrue(perception.get("warnings").toString().contains("drivers without information tonight"), perception.toString());
    }

    @Test
    void calibrateFitsWhatTheFeedsCanLabelAndSaysWhatTheyCannot() {
        String said = calibrate.toString();
        assertTrue(said.contains("complaint") && said.contains("0 positives"), said);
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/calibration/report` WHERE outcome = 'churn'") > 0, said);
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static void deleteTree(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
