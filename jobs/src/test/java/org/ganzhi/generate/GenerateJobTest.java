package org.ganzhi.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.SparkTestBase;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.privacy.PhoneNumbers;
import org.ganzhi.privacy.PseudonymKey;
import org.ganzhi.privacy.Pseudonymizer;
import org.ganzhi.sample.GenerateOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generates one small lake (2 000 subscribers x 2 days) and checks it from the outside: layout and
 * formats of every feed, truth counts against an independent count of the landing lines, planted
 * signals (bad cells, personas, causes), late deliveries, and determinism.
 */
class GenerateJobTest extends SparkTestBase {
    private static final LocalDate START = LocalDate.of(2026, 11, 2);
    private static final int SUBSCRIBERS = 2000;
    private static final int DAYS = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GanzhiConfig config;
    private Pseudonymizer pseudonymizer;
    private Path lake;
    private RunSummary summary;
    /** Truth counts and landing lines, read once: (source, kind) → rows; source → dt → lines. */
    private final Map<String, Long> dirtyRows = new HashMap<>();
    private final Map<String, Long> deliveredRows = new HashMap<>();
    private final Map<String, Map<String, List<String>>> landingLines = new HashMap<>();

    @BeforeAll
    void generate() {
        config = GanzhiConfig.defaults();
        lake = tmp.resolve("lake");
        pseudonymizer = new Pseudonymizer(PseudonymKey.resolve(
                ConfigFactory.parseMap(Map.of("key-env", "X", "allow-development-key", true)), lake.toString(),
                Map.of("X", "00112233445566778899aabbccddeeff"), new Configuration()));
        summary = new RunSummary("generate");
        GenerateJob.run(spark, config, new GenerateOptions(new Lake(lake.toString()), SUBSCRIBERS, DAYS, START, 7, false),
                pseudonymizer, summary);
        for (Row r : sql("select source, kind, sum(rows) from parquet.`" + truth("dirty_rows") + "` group by 1, 2")) {
            dirtyRows.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
            dirtyRows.merge(r.getString(0) + "/*", r.getLong(2), Long::sum);
        }
        for (Row r : sql("select source, sum(rows) from parquet.`" + truth("delivered_rows") + "` group by 1")) {
            deliveredRows.put(r.getString(0), r.getLong(1));
        }
    }

    // ---- layout and formats ---------------------------------------------------------------------

    @Test
    void everySourceHasAPartitionWithSuccessMarkerForEveryDay() throws IOException {
        for (SourceContract contract : config.sources().values()) {
            for (int d = 0; d < DAYS; d++) {
                Path partition = lake.resolve("landing").resolve(contract.name()).resolve("dt=" + START.plusDays(d));
                assertTrue(Files.isDirectory(partition), partition.toString());
                Path success = partition.resolve("_SUCCESS");
                assertTrue(Files.exists(success) && Files.size(success) == 0, success.toString());
                try (Stream<Path> files = Files.list(partition)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).toList()) {
                        assertTrue(file.getFileName().toString().matches("part-\\d{5}" + java.util.regex.Pattern.quote(contract.fileExtension())),
                                file.toString());
                    }
                }
            }
        }
        assertTrue(Files.exists(lake.resolve("landing/voice_cdr/dt=" + START + "/part-00000.csv.gz")));
        assertTrue(Files.exists(lake.resolve("landing/complaint/dt=" + START.plusDays(1) + "/part-00000.jsonl")));
    }

    @Test
    void summaryCountsEveryLandingLine() throws IOException {
        for (SourceContract contract : config.sources().values()) {
            long written = summary.root().get("sources").get(contract.name()).get("rows_written").asLong();
            long landed = contract.isText()
                    ? lines(contract.name()).values().stream().mapToLong(List::size).sum()
                    : spark.read().parquet(lake.resolve("landing").resolve(contract.name()).toString()).count();
            assertEquals(landed, written, contract.name());
            assertTrue(written > 0, contract.name());
        }
        assertEquals(SUBSCRIBERS, summary.root().get("subscribers").asLong());
        assertTrue(summary.root().get("stages").get("generate").asDouble() > 0);
    }

    @Test
    void textFeedsFollowTheirContracts() throws IOException {
        Map<String, List<String>> voice = lines("voice_cdr");
        long full = voice.values().stream().flatMap(List::stream).filter(l -> csvFields(l).size() == 11).count();
        assertTrue(full > 15_000, "voice legs: " + full);
        String clean = voice.get(START.toString()).stream().filter(l -> csvFields(l).size() == 11)
                .filter(l -> csvFields(l).get(4).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")).findFirst().orElseThrow();
        assertTrue(clean.startsWith("vc"), clean);

        int parsed = 0;
        for (String line : lines("complaint").values().stream().flatMap(List::stream).toList()) {
            JsonNode node = parseJson(line);
            if (node == null || !node.has("updated_at")) {
                continue;
            }
            parsed++;
            assertTrue(node.get("ticket_id").asText().startsWith("tk"));
            if (node.has("opened_at")) {
                assertTrue(node.get("opened_at").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+08:00"), line);
            }
            assertFalse(node.has("closed_at") && node.get("closed_at").isNull(), "nulls are omitted: " + line);
        }
        assertTrue(parsed > 10, "complaint rows: " + parsed);

        Set<String> stages = new HashSet<>();
        int events = 0;
        int isoTimes = 0;
        for (String line : lines("product_event").values().stream().flatMap(List::stream).toList()) {
            JsonNode node = parseJson(line);
            if (node == null || !node.has("stage") || !node.has("ts")) {
                continue;
            }
            events++;
            stages.add(node.get("stage").asText());
            assertTrue(node.get("event_id").asText().startsWith("pe"), line);
            // A few carry a planted bad timestamp (BAD_TIMESTAMP rows).
            isoTimes += node.get("ts").asText().matches("\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):\\d{2}:\\d{2}\\+08:00") ? 1 : 0;
        }
        assertTrue(events > 100 && isoTimes > 0.95 * events, "product events " + events + ", with ISO times " + isoTimes);
        assertTrue(stages.containsAll(List.of("AWARENESS", "INTEREST", "TRIAL")), "product event stages: " + stages);

        StructType subscriber = spark.read().parquet(lake.resolve("landing/subscriber").toString()).schema();
        assertEquals(DataTypes.DateType, subscriber.apply("activation_date").dataType());
        assertEquals(DataTypes.BooleanType, subscriber.apply("is_enterprise").dataType());
        assertEquals(DataTypes.StringType, subscriber.apply("msisdn").dataType());
        StructType plan = spark.read().parquet(lake.resolve("landing/plan").toString()).schema();
        assertEquals(DataTypes.DoubleType, plan.apply("monthly_fee").dataType());
        assertEquals(DataTypes.LongType, plan.apply("data_allowance_mb").dataType());
        assertEquals((long) SUBSCRIBERS * DAYS + dirty("subscriber", "DUPLICATE"),
                spark.read().parquet(lake.resolve("landing/subscriber").toString()).count());
    }

    // ---- truth against an independent count of the landing -------------------------------------

    @Test
    void dirtyRowTruthMatchesWhatIsInLanding() throws IOException {
        Set<String> truthNumbers = truthMsisdns();
        for (String source : List.of("voice_cdr", "data_session")) {
            int fields = config.source(source).columns().size();
            long malformed = 0;
            long badMsisdn = 0;
            long duplicates = 0;
            for (List<String> day : lines(source).values()) {
                duplicates += day.size() - new HashSet<>(day).size();
                for (String line : day) {
                    List<String> f = csvFields(line);
                    if (f.size() != fields) {
                        malformed++;
                    } else if (!f.get(1).isEmpty()) {
                        String e164 = PhoneNumbers.normaliseMsisdn(f.get(1), config.operator());
                        if (e164 == null) {
                            badMsisdn++;
                        } else {
                            assertTrue(truthNumbers.contains(e164), "unknown subscriber in " + source);
                        }
                    }
                }
            }
            assertEquals(dirty(source, "MALFORMED_LINE"), malformed, source);
            assertEquals(dirty(source, "DUPLICATE"), duplicates, source);
            assertEquals(dirty(source, "BAD_MSISDN"), badMsisdn, source);
            for (String kind : List.of("MALFORMED_LINE", "MISSING_REQUIRED", "BAD_MSISDN", "BAD_TIMESTAMP", "BAD_NUMBER",
                    "UNKNOWN_CODE", "OUT_OF_RANGE", "DUPLICATE")) {
                assertTrue(dirty(source, kind) >= 3, source + " " + kind + ": " + dirty(source, kind));
            }
        }
        long brokenJson = lines("complaint").values().stream().flatMap(List::stream).filter(l -> parseJson(l) == null).count();
        assertEquals(dirty("complaint", "MALFORMED_LINE"), brokenJson);

        // Every landing line is either a clean delivered row or a planted dirty row.
        for (SourceContract contract : config.sources().values()) {
            if (contract.isText()) {
                long landed = lines(contract.name()).values().stream().mapToLong(List::size).sum();
                assertEquals(landed, delivered(contract.name()) + dirty(contract.name(), null), contract.name());
            }
        }
    }

    @Test
    void lateRowsArriveAfterTheirEventDateAndNeverBefore() throws IOException {
        assertTrue(scalarLong("select sum(rows) from parquet.`" + truth("delivered_rows")
                + "` where source = 'voice_cdr' and event_date < delivery_date") > 0);
        assertEquals(0, scalarLong("select count(*) from parquet.`" + truth("delivered_rows")
                + "` where event_date > delivery_date"));
        assertTrue(scalarLong("select sum(rows) from parquet.`" + truth("delivered_rows")
                + "` where source = 'billing' and event_date < date'" + START + "'") > 0, "bills are exported after issue");
        long late = 0;
        for (Map.Entry<String, List<String>> day : lines("voice_cdr").entrySet()) {
            for (String line : day.getValue()) {
                List<String> f = csvFields(line);
                if (f.size() == 11 && f.get(4).matches("\\d{4}-\\d{2}-\\d{2} .*")) {
                    String eventDate = f.get(4).substring(0, 10);
                    assertTrue(eventDate.compareTo(day.getKey()) <= 0, "delivered before its event: " + line);
                    late += eventDate.compareTo(day.getKey()) < 0 ? 1 : 0;
                }
            }
        }
        assertTrue(late > 0);
    }

    // ---- planted signals ----------------------------------------------------------------------

    @Test
    void badCellsDropFarMoreCalls() throws IOException {
        Set<String> badCells = sql("select cell_id from parquet.`" + truth("bad_cell") + "`").stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet());
        assertFalse(badCells.isEmpty());
        long[] bad = new long[2];
        long[] normal = new long[2];
        for (String line : lines("voice_cdr").values().stream().flatMap(List::stream).toList()) {
            List<String> f = csvFields(line);
            if (f.size() != 11 || !(f.get(8).equals("NORMAL") || f.get(8).equals("DROPPED"))) {
                continue;
            }
            long[] counts = badCells.contains(f.get(6)) ? bad : normal;
            counts[0]++;
            counts[1] += f.get(8).equals("DROPPED") ? 1 : 0;
        }
        double badShare = (double) bad[1] / bad[0];
        double normalShare = (double) normal[1] / normal[0];
        assertTrue(badShare > 0.05 && badShare > 5 * normalShare, "drop share bad " + badShare + " normal " + normalShare);
    }

    @Test
    void personasShowInUsage() throws IOException {
        Map<String, String> persona = new HashMap<>();
        for (Row r : sql("select msisdn, persona from parquet.`" + truth("subscriber") + "`")) {
            persona.put(r.getString(0), r.getString(1));
        }
        Map<String, double[]> usage = new TreeMap<>();   // persona -> calls, bytes
        for (String line : lines("voice_cdr").values().stream().flatMap(List::stream).toList()) {
            List<String> f = csvFields(line);
            String p = f.size() == 11 ? persona.get(PhoneNumbers.normaliseMsisdn(f.get(1), config.operator())) : null;
            if (p != null) {
                usage.computeIfAbsent(p, k -> new double[2])[0]++;
            }
        }
        for (String line : lines("data_session").values().stream().flatMap(List::stream).toList()) {
            List<String> f = csvFields(line);
            String p = f.size() == 12 ? persona.get(PhoneNumbers.normaliseMsisdn(f.get(1), config.operator())) : null;
            if (p != null && f.get(5).matches("\\d+")) {
                usage.computeIfAbsent(p, k -> new double[2])[1] += Long.parseLong(f.get(5));
            }
        }
        Map<String, Long> subscribers = persona.values().stream().collect(Collectors.groupingBy(p -> p, Collectors.counting()));
        double dataCalls = usage.get("DATA")[0] / subscribers.get("DATA");
        double voiceCalls = usage.get("VOICE")[0] / subscribers.get("VOICE");
        double dataBytes = usage.get("DATA")[1] / subscribers.get("DATA");
        double voiceBytes = usage.get("VOICE")[1] / subscribers.get("VOICE");
        assertTrue(voiceCalls > 3 * dataCalls, "calls VOICE " + voiceCalls + " DATA " + dataCalls);
        assertTrue(dataBytes > 5 * voiceBytes, "bytes DATA " + dataBytes + " VOICE " + voiceBytes);
    }

    @Test
    void networkCauseIsExactlyTheBadHomeCellsAndDrivesComplaints() {
        Map<String, String> causeByPseudonym = new HashMap<>();
        Map<String, Integer> subscribersByCause = new HashMap<>();
        for (Row r : sql("select msisdn_pseudonym, experience_cause, home_cell_bad from parquet.`" + truth("subscriber") + "`")) {
            assertEquals(r.getString(1).equals("NETWORK"), r.getBoolean(2), "NETWORK cause is exactly a bad home cell");
            causeByPseudonym.put(r.getString(0), r.getString(1));
            subscribersByCause.merge(r.getString(1), 1, Integer::sum);
        }
        assertTrue(subscribersByCause.get("NETWORK") > 10);
        double noneShare = (double) subscribersByCause.get("NONE") / SUBSCRIBERS;
        assertTrue(noneShare > 0.6 && noneShare < 0.8, "good-experience share " + noneShare);

        Set<String> badCells = sql("select cell_id from parquet.`" + truth("bad_cell") + "`").stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet());
        Map<String, Integer> ticketsByCause = new HashMap<>();
        for (Row r : sql("select msisdn_pseudonym, cause, category, cell_id from parquet.`" + truth("complaint") + "`")) {
            String subscriberCause = causeByPseudonym.get(r.getString(0));
            ticketsByCause.merge(subscriberCause, 1, Integer::sum);
            if (!r.getString(1).equals("NONE")) {
                assertEquals(subscriberCause, r.getString(1), "a complaint's cause is its subscriber's cause");
            }
            if (r.getString(1).equals("NETWORK")) {
                assertTrue(List.of("NETWORK_VOICE", "NETWORK_DATA", "COVERAGE").contains(r.getString(2)));
                assertTrue(badCells.contains(r.getString(3)), "a NETWORK complaint names the bad cell");
            }
        }
        double network = (double) ticketsByCause.getOrDefault("NETWORK", 0) / subscribersByCause.get("NETWORK");
        double none = (double) ticketsByCause.getOrDefault("NONE", 0) / subscribersByCause.get("NONE");
        assertTrue(network > 4 * none, "complaints per subscriber NETWORK " + network + " NONE " + none);
    }

    // ---- determinism and safety -----------------------------------------------------------------

    @Test
    void sameSeedGivesTheSameLandingWhateverThePartitioning() throws IOException {
        Path other = tmp.resolve("again");
        Files.createDirectories(other.resolve("landing/voice_cdr"));
        Files.writeString(other.resolve("landing/voice_cdr/stale.csv"), "old");
        Files.createDirectories(other.resolve("keep"));
        Files.writeString(other.resolve("keep/me.txt"), "mine");
        GanzhiConfig finerTasks = config.with(Map.of("ganzhi.generate.subscribers-per-partition", 300));
        GenerateJob.run(spark, finerTasks, new GenerateOptions(new Lake(other.toString()), SUBSCRIBERS, DAYS, START, 7, true),
                pseudonymizer, new RunSummary("generate"));
        for (String source : List.of("voice_cdr", "data_session", "complaint", "billing", "survey", "product_event")) {
            assertEquals(sorted(lines(lake, source, false)), sorted(lines(other, source, false)), source);
        }
        assertEquals(0, spark.read().parquet(lake.resolve("landing/subscriber").toString())
                .exceptAll(spark.read().parquet(other.resolve("landing/subscriber").toString())).count());
        assertFalse(Files.exists(other.resolve("landing/voice_cdr/stale.csv")), "overwrite deletes the old landing");
        assertEquals("mine", Files.readString(other.resolve("keep/me.txt")), "overwrite touches nothing else");
    }

    @Test
    void differentSeedsSimulateDifferentSubscribers() {
        assertEquals(simulated(7, List.of(5L, 3L, 9L)), simulated(7, List.of(9L, 5L, 3L)), "order of subscribers does not matter");
        assertNotEquals(simulated(7, List.of(3L, 5L, 9L)), simulated(8, List.of(3L, 5L, 9L)));
    }

    @Test
    void refusesALakeWithLandingUnlessOverwrite() {
        GanzhiException e = assertThrows(GanzhiException.class, () -> GenerateJob.run(spark, config,
                new GenerateOptions(new Lake(lake.toString()), 10, 1, START, 7, false), pseudonymizer, new RunSummary("generate")));
        assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    }

    @Test
    void refusesEventSourcesInParquet() {
        GanzhiConfig parquetVoice = config.with(Map.of("ganzhi.sources.voice_cdr.format", "parquet"));
        GanzhiException e = assertThrows(GanzhiException.class, () -> GenerateJob.run(spark, parquetVoice,
                new GenerateOptions(new Lake(tmp.resolve("parquet").toString()), 10, 1, START, 7, false), pseudonymizer,
                new RunSummary("generate")));
        assertTrue(e.getMessage().contains("voice_cdr"), e.getMessage());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The rows the simulator hands to delivery for some subscribers, per subscriber in index order. */
    private Map<Long, List<String>> simulated(long seed, List<Long> indices) {
        GeneratorSettings settings = GeneratorSettings.from(config);
        DayCalendar calendar = new DayCalendar(START, DAYS, config.operator().timezone());
        ReferenceData ref = ReferenceData.build(settings, config.operator(), seed, SUBSCRIBERS, calendar, DAYS);
        List<String> sources = new ArrayList<>(config.sources().keySet());
        Map<String, LandingLines> landing = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceContract contract = config.source(sources.get(i));
            landing.put(contract.name(), new LandingLines(contract, i, "true", "false", settings.dirtyShare(contract.name()),
                    settings.msisdnSpellingCumulative, "86", new String[]{"12"}, calendar));
        }
        List<Row> buffer = new ArrayList<>();
        SubscriberSimulator simulator = new SubscriberSimulator(ref, landing,
                new Deliveries(DAYS, calendar, settings.lateShare, settings.maxLateDays, sources, buffer), pseudonymizer);
        Map<Long, List<String>> rows = new TreeMap<>();
        for (long index : indices) {
            simulator.simulate(index);
            rows.put(index, buffer.stream().map(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2)).toList());
            buffer.clear();
        }
        return rows;
    }

    private Set<String> truthMsisdns() {
        return sql("select msisdn from parquet.`" + truth("subscriber") + "`").stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
    }

    /** Dirty rows of a kind (all kinds when null) in the truth. */
    private long dirty(String source, String kind) {
        return dirtyRows.getOrDefault(source + "/" + (kind == null ? "*" : kind), 0L);
    }

    private long delivered(String source) {
        return deliveredRows.getOrDefault(source, 0L);
    }

    private String truth(String name) {
        return lake.resolve("truth").resolve(name).toString();
    }

    private Map<String, List<String>> lines(String source) throws IOException {
        Map<String, List<String>> cached = landingLines.get(source);
        if (cached == null) {
            cached = lines(lake, source, config.source(source).header());
            landingLines.put(source, cached);
        }
        return cached;
    }

    /** Landing lines of a text source by delivery date, read without Spark (gzip by extension), without headers. */
    private static Map<String, List<String>> lines(Path lake, String source, boolean header) throws IOException {
        Map<String, List<String>> byDay = new TreeMap<>();
        try (Stream<Path> partitions = Files.list(lake.resolve("landing").resolve(source))) {
            for (Path partition : partitions.sorted().toList()) {
                List<String> day = new ArrayList<>();
                try (Stream<Path> files = Files.list(partition)) {
                    for (Path file : files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().toList()) {
                        InputStream in = Files.newInputStream(file);
                        if (file.toString().endsWith(".gz")) {
                            in = new GZIPInputStream(in);
                        }
                        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                            reader.lines().skip(header ? 1 : 0).forEach(day::add);
                        }
                    }
                }
                byDay.put(partition.getFileName().toString().substring(3), day);
            }
        }
        return byDay;
    }

    private static List<String> sorted(Map<String, List<String>> lines) {
        return lines.entrySet().stream().flatMap(e -> e.getValue().stream().map(l -> e.getKey() + " " + l)).sorted().toList();
    }

    private static JsonNode parseJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** RFC 4180 fields of one comma-separated line. */
    private static List<String> csvFields(String line) {
        return LandingLinesTest.csv(line, ",");
    }
}
