package org.ganzhi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.ganzhi.Cli;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.ganzhi.common.Lake;
import org.ganzhi.common.LakeLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI end to end, in this JVM: a lake generated with planted truth and run nightly for two
 * delivery dates (the shared {@link GeneratedLake#twoNights()}), and check every source's summary against the truth — accepted rows, each
 * quarantine reason, duplicates — and that no raw number reached a table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EndToEndTest extends SparkTestBase {
    private static final Map<String, String> ENV = Map.of("GANZHI_PSEUDONYM_KEY", TestKeys.HEX);
    private String lake;
    private final Map<String, JsonNode> nightly = new HashMap<>();

    @BeforeAll
    void generateAndRunTwoNights() throws Exception {
        lake = GeneratedLake.twoNights();
        nightly.putAll(GeneratedLake.twoNightsSummaries());
    }

    private JsonNode run(String... args) {
        JsonNode summary = Cli.succeed(ENV, args);
        assertEquals("SUCCEEDED", summary.get("status").asText());
        return summary;
    }

    @Test
    void everySourceReconcilesWithThePlantedTruth() {
        for (Map.Entry<String, JsonNode> night : nightly.entrySet()) {
            String date = night.getKey();
            JsonNode sources = night.getValue().get("sources");
            for (Row truth : sql("SELECT source, sum(rows) FROM parquet.`" + lake + "/truth/delivered_rows` "
                    + "WHERE delivery_date = DATE'" + date + "' GROUP BY source")) {
                JsonNode counts = sources.get(truth.getString(0));
                String where = truth.getString(0) + " on " + date;
                assertEquals(truth.getLong(1), counts.get("accepted").asLong(), "accepted " + where);
                assertEquals(counts.get("rows_read").asLong(), counts.get("accepted").asLong()
                        + counts.get("quarantined").asLong() + counts.get("duplicates_dropped").asLong(), "reconciles " + where);
            }
            Map<String, Long> planted = new HashMap<>();
            for (Row dirty : sql("SELECT source, kind, rows FROM parquet.`" + lake + "/truth/dirty_rows` "
                    + "WHERE delivery_date = DATE'" + date + "'")) {
                planted.put(dirty.getString(0) + "/" + dirty.getString(1), dirty.getLong(2));
            }
            Map<String, Long> found = new HashMap<>();
            sources.fields().forEachRemaining(source -> {
                if (source.getValue().path("delivered").asBoolean()) {
                    source.getValue().get("quarantined_by_reason").fields().forEachRemaining(reason ->
                            found.put(source.getKey() + "/" + reason.getKey(), reason.getValue().asLong()));
                    long duplicates = source.getValue().get("duplicates_dropped").asLong();
                    if (duplicates > 0) {
                        found.put(source.getKey() + "/DUPLICATE", duplicates);
                    }
                }
            });
            planted.values().removeIf(n -> n == 0);
            assertEquals(planted, found, "quarantine reasons and duplicates per source on " + date);
            assertTrue(found.keySet().containsAll(List.of("voice_cdr/MALFORMED_LINE", "voice_cdr/BAD_MSISDN",
                    "voice_cdr/BAD_TIMESTAMP", "voice_cdr/UNKNOWN_CODE", "voice_cdr/OUT_OF_RANGE", "voice_cdr/DUPLICATE")), found.toString());
        }
    }

    @Test
    void smallNightsInterpretExpressionsAndSayWhy() {
        for (Map.Entry<String, JsonNode> night : nightly.entrySet()) {
            String how = night.getValue().get("expressions").asText();
            assertTrue(how.matches("interpreted: input \\d+\\.\\d MB < 32\\.0 MB \\(ganzhi\\.execution\\.interpret-expressions-below\\)"),
                    night.getKey() + ": " + how);
        }
    }

    @Test
    void quarantineTableHoldsWhatTheSummarySays() {
        JsonNode voice = nightly.get("2026-11-03").get("sources").get("voice_cdr");
        assertEquals(voice.get("quarantined").asLong(), scalarLong("SELECT count(*) FROM delta.`" + lake
                + "/quarantine/rejected_rows` WHERE source = 'voice_cdr' AND delivery_date = DATE'2026-11-03'"));
    }

    @Test
    void noRawSubscriberNumberReachesAnyTable() {
        for (String table : List.of("silver/voice_cdr", "silver/data_session", "silver/subscriber", "silver/complaint",
                "silver/service_interaction", "silver/billing", "silver/survey", "silver/service_order",
                "quarantine/rejected_rows")) {
            String path = lake + "/" + table;
            // Every digit run (spaces and dashes removed, so "+86 138 1234 5678" counts) of every
            // string column, matched against every planted subscriber's number in every spelling.
            String columns = String.join(", ", List.of(spark.read().format("delta").load(path).schema().fields()).stream()
                    .filter(f -> f.dataType().typeName().equals("string")).map(f -> "coalesce(`" + f.name() + "`, '')").toList());
            long rawNumbers = scalarLong("WITH runs AS (SELECT explode(regexp_extract_all(regexp_replace(concat_ws('|', " + columns
                    + "), '[ -]', ''), '[0-9]{8,}', 0)) AS run FROM delta.`" + path + "`), "
                    + "national AS (SELECT CASE WHEN run LIKE '0086%' THEN substring(run, 5) "
                    + "WHEN length(run) = 13 AND run LIKE '86%' THEN substring(run, 3) ELSE run END AS number FROM runs) "
                    + "SELECT count(*) FROM national JOIN parquet.`" + lake + "/truth/subscriber` t "
                    + "ON national.number = substring(t.msisdn, 3)");
            assertEquals(0L, rawNumbers, table + " holds raw subscriber numbers");
        }
        assertEquals(0L, scalarLong("SELECT count(*) FROM delta.`" + lake + "/silver/voice_cdr` v JOIN parquet.`" + lake
                + "/truth/subscriber` t ON v.msisdn = t.msisdn OR v.other_party = t.msisdn"));
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/silver/voice_cdr` v JOIN parquet.`" + lake
                + "/truth/subscriber` t ON v.msisdn = t.msisdn_pseudonym") > 1000, "pseudonyms join the truth");
    }

    @Test
    void lateRowsArriveInTheirEventDate() {
        JsonNode voice = nightly.get("2026-11-03").get("sources").get("voice_cdr");
        long late = voice.get("late_rows").asLong();
        assertTrue(late > 0);
        assertEquals(late, scalarLong("SELECT count(*) FROM delta.`" + lake + "/silver/voice_cdr` "
                + "WHERE delivery_date = DATE'2026-11-03' AND event_date < DATE'2026-11-03'"));
    }

    @Test
    void theSqlCommandAnswersOverSilverQuarantineAndTruth() throws Exception {
        Cli.Outcome sql = Cli.run(ENV, "sql", "--lake", lake,
                "SELECT reason_code, count(*) AS n FROM quarantine.rejected_rows WHERE source = 'voice_cdr' GROUP BY 1 ORDER BY 1;"
                        + " SELECT count(DISTINCT run_date) AS nights FROM ops.run_log WHERE command = 'nightly'");
        assertEquals(0, sql.code(), sql.err());
        List<String> lines = sql.out().strip().lines().toList();
        assertEquals("reason_code,n", lines.get(0));
        assertTrue(lines.contains("BAD_MSISDN," + scalarLong("SELECT count(*) FROM delta.`" + lake
                + "/quarantine/rejected_rows` WHERE source = 'voice_cdr' AND reason_code = 'BAD_MSISDN'")), lines.toString());
        // The second statement's result follows the first after one blank line.
        int blank = lines.indexOf("");
        assertEquals("nights", lines.get(blank + 1));
        assertEquals(String.valueOf(scalarLong("SELECT count(DISTINCT run_date) FROM delta.`" + lake
                + "/ops/run_log` WHERE command = 'nightly'")), lines.get(blank + 2));
        JsonNode summary = sql.summary();
        assertEquals("sql", summary.get("command").asText());
        assertEquals(2, summary.get("statements").asInt());
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log` WHERE command = 'nightly' AND status = 'SUCCEEDED'") >= 2);
    }

    @Test
    void aSecondWriterIsRefusedAtOnceWhileReadersGoOn() throws Exception {
        try (LakeLock running = LakeLock.acquire(new Lake(lake), "nightly", "the-running-night", new Configuration(),
                new StringBuilder())) {
            Cli.Outcome second = Cli.run(ENV, "nightly", "--lake", lake, "--date", "2026-11-03");
            assertEquals(Main.USER_ERROR, second.code());
            assertTrue(second.err().startsWith("ganzhi: the lake " + lake
                    + " is being written by 'nightly' (run the-running-night"), second.err());
            assertEquals(1, second.err().strip().lines().count(), "one paragraph, no stack trace");
            assertEquals("", second.out(), "refused before anything ran");

            JsonNode status = run("sql", "--lake", lake, "SELECT count(*) FROM ops.run_log");
            assertTrue(status.get("warnings").toString().contains("being written by 'nightly' (run the-running-night)"),
                    status.toString());
        }
    }

    @Test
    void aStatementSparkRejectsIsAUserErrorLoggedAsFailed() throws Exception {
        Cli.Outcome sql = Cli.run(ENV, "sql", "--lake", lake, "SELECT no_such_column FROM ops.run_log");
        assertEquals(Main.USER_ERROR, sql.code(), sql.err());
        assertTrue(sql.err().contains("the SQL statement failed"), sql.err());
        assertEquals("FAILED", sql.summary().get("status").asText());
    }

    @Test
    void perceptionScoresEverySubscriberOfTheNight() {
        String scores = "delta.`" + lake + "/perception/subscriber_score` WHERE date = DATE'2026-11-03'";
        assertEquals(scalarLong("SELECT count(*) FROM delta.`" + lake + "/personas/subscriber_profile` WHERE date = DATE'2026-11-03'"),
                scalarLong("SELECT count(*) FROM " + scores));
        // Levels follow the default bands (HIGH needs an index confidence of 0.4); the top detractors
        // never lose more than the index lost, and the dimensions' losses are exactly what it lost.
        assertEquals(0L, scalarLong("SELECT count(*) FROM " + scores + " AND (perception_index NOT BETWEEN 0 AND 100 "
                + "OR experience_level <> CASE WHEN perception_index >= 85 AND index_confidence >= 0.4 THEN 'HIGH' "
                + "WHEN perception_index >= 70 THEN 'MEDIUM' "
                + "WHEN perception_index >= 55 THEN 'LOW' WHEN perception_index >= 40 THEN 'NONE' ELSE 'NEGATIVE' END "
                + "OR aggregate(top_detractors, 0D, (acc, x) -> acc + x.points_lost) > 100 - perception_index + 0.01 "
                + "OR abs(aggregate(detractor_dimensions, 0D, (acc, x) -> acc + x.points_lost) - (100 - perception_index)) > 0.02)"));
        assertEquals(1L, scalarLong("SELECT count(DISTINCT perception_spec) FROM " + scores));
        assertTrue(scalarLong("SELECT count(*) FROM " + scores + " AND network_score IS NOT NULL") > 1000);
    }

    @Test
    void nightlyPublishesEveryGoldTableAndRedactsSmallGroups() {
        String night = " WHERE date = DATE'2026-11-03'";
        assertEquals(scalarLong("SELECT count(*) FROM delta.`" + lake + "/perception/subscriber_score`" + night),
                scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception`" + night));
        // Every aggregate: no row below k = 10 subscribers shows its measures unless marked redacted.
        Map<String, String> subscribersOf = Map.of("segment_summary", "subscribers", "region_scorecard", "subscribers",
                "complaint_insight", "subscribers", "service_demand_ranking", "subscribers",
                "channel_experience", "subscribers", "commitment_compliance", "subscribers", "cell_experience", "home_subscribers",
                "adoption_funnel", "subscribers");
        for (Map.Entry<String, String> t : subscribersOf.entrySet()) {
            String table = "delta.`" + lake + "/gold/" + t.getKey() + "`" + night;
            assertTrue(scalarLong("SELECT count(*) FROM " + table) > 0, t.getKey() + " is published");
            assertEquals(0L, scalarLong("SELECT count(*) FROM " + table + " AND " + t.getValue() + " < 10 AND NOT redacted"),
                    t.getKey() + " shows a group of fewer than 10 subscribers");
        }
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/segment_summary`" + night + " AND redacted") > 0,
                "1 500 subscribers over persona x tier x lifecycle x region leave some small groups");
    }
}
