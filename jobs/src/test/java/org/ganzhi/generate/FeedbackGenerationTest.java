package org.ganzhi.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.ganzhi.TestKeys;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Sentiment;
import org.ganzhi.privacy.Pseudonymizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feedback feed: the text composer driven directly with seeded streams (variety, sentiment,
 * determinism, privacy material), a few thousand subscribers simulated without Spark (rates,
 * planted shares and the planted experience against the truth records, and no other feed
 * changed by it). The landing files and the truth table of a generated lake are checked on the
 * shared accuracy lake (VoiceOfCustomerLakeTest).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackGenerationTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 2);
    private static final int SUBSCRIBERS = 5000;
    private static final int DAYS = 14;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A mobile number as people type it: 138 1234 5678, 138-1234-5678, +86 13812345678, ... */
    private static final Pattern PHONE = Pattern.compile("1[3-9]\\d[ -]?\\d{4}[ -]?\\d{4}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._]+@[a-z0-9]+\\.com");

    private final GanzhiConfig config = GanzhiConfig.defaults();
    private final GeneratorSettings settings = GeneratorSettings.from(config);
    private final FeedbackTexts.Author author = new FeedbackTexts.Author() {
        @Override
        public String city() {
            return "Chengdu";
        }

        @Override
        public String national() {
            return "13812345678";
        }

        @Override
        public String someoneElse(Rng rng) {
            return "15987654321";
        }
    };

    /** The simulation without Spark: truth records, landing lines (feedback_id → line) and clean counts. */
    private final List<JsonNode> truth = new ArrayList<>();
    private final Map<String, String> landing = new HashMap<>();
    private final Map<String, Long> subscribersByCause = new HashMap<>();
    private long cleanRows;
    private long dirtyRows;

    @BeforeAll
    void simulateWithoutSpark() throws IOException {
        Set<String> kept = Set.of("feedback", Deliveries.TRUTH_FEEDBACK, Deliveries.TRUTH_SUBSCRIBER, Deliveries.COUNTS);
        List<Row> rows = new ArrayList<>() {
            // Only what this test reads: the voice and data rows are simulated (they bring the
            // network problems) but not kept.
            @Override
            public boolean add(Row row) {
                return kept.contains(row.getString(0)) && super.add(row);
            }
        };
        simulate(SUBSCRIBERS, DAYS, 11, true, rows, List.of("voice_cdr", "data_session", "feedback"));
        for (Row row : rows) {
            String value = row.getString(2);
            switch (row.getString(0)) {
                case Deliveries.TRUTH_FEEDBACK -> truth.add(JSON.readTree(value));
                case Deliveries.TRUTH_SUBSCRIBER -> subscribersByCause.merge(JSON.readTree(value).get("experience_cause").asText(), 1L, Long::sum);
                case Deliveries.COUNTS -> {
                    String[] f = value.split(",");
                    if (f[0].equals("feedback")) {
                        if (f[3].equals(Deliveries.CLEAN)) {
                            cleanRows += Long.parseLong(f[4]);
                        } else {
                            dirtyRows += Long.parseLong(f[4]);
                        }
                    }
                }
                default -> {
                    JsonNode line = parse(value);
                    if (line != null && line.has("feedback_id")) {
                        landing.put(line.get("feedback_id").asText(), value);
                    }
                }
            }
        }
    }

    // ---- the text composer ------------------------------------------------------------------------

    @Test
    void textsAreNonEmptyVariedFilledAndTheSameForTheSameSeed() {
        List<String> first = composeMixed(42, 3000);
        assertEquals(first, composeMixed(42, 3000), "same seed, same texts");
        assertNotEquals(first, composeMixed(43, 3000));
        for (String text : first) {
            assertFalse(text.isBlank());
            assertFalse(text.contains("{") || text.contains("}"), "a placeholder left unfilled: " + text);
            assertTrue(text.length() < 1000, text);
        }
        long distinct = first.stream().distinct().count();
        assertTrue(distinct > 0.95 * first.size(), "distinct texts " + distinct + " of " + first.size());
    }

    @Test
    void aNegativeChineseBillingTextIsNotAPositiveOne() {
        FeedbackTexts texts = new FeedbackTexts(settings.feedback, "86");
        int billing = Planted.DIMENSIONS.indexOf(Cause.BILLING);
        int topics = settings.feedback.phrases.topics[billing].length;
        Rng rng = new Rng(7, 99, 0, 0);
        Set<String> negative = new HashSet<>();
        Set<String> positive = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            negative.add(texts.compose(rng, Planted.ZH, billing, i % topics, Sentiment.NEGATIVE, 1, author).text);
            positive.add(texts.compose(rng, Planted.ZH, billing, i % topics, Sentiment.POSITIVE, 1, author).text);
        }
        assertTrue(negative.size() > 250 && positive.size() > 200, "distinct " + negative.size() + " / " + positive.size());
        assertTrue(negative.stream().noneMatch(positive::contains), "no text is both");
        // The words of a complaint and of praise: a reader (or a model) can tell them apart.
        assertTrue(negative.stream().filter(t -> t.matches(".*(扣|不对|离谱|看不懂|没到账|没退|漫游费|算错|乱七八糟|头大|明细|慢).*")).count()
                > 0.9 * negative.size());
        assertTrue(positive.stream().filter(t -> t.matches(".*(清楚|一致|便宜|稳定|放心|退回|及时|划算|方便|很快|不算贵|没再出现|一目了然).*")).count()
                > 0.9 * positive.size());
        assertTrue(negative.stream().allMatch(t -> t.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)));
    }

    @Test
    void privacyMaterialComesInThePlantedSharesAndIsWhatTheFlagsSay() {
        FeedbackTexts texts = new FeedbackTexts(settings.feedback, "86");
        Rng rng = new Rng(5, 99, 0, 0);
        int n = 20_000;
        int phones = 0;
        int emails = 0;
        int names = 0;
        for (int i = 0; i < n; i++) {
            int language = rng.pick(settings.feedback.languageCumulative);
            int dimension = rng.nextInt(Planted.DIMENSIONS.size());
            FeedbackTexts.Composed c = texts.compose(rng, language, dimension,
                    rng.nextInt(settings.feedback.phrases.topics[dimension].length), Sentiment.values()[rng.nextInt(3)],
                    rng.nextInt(Planted.FEEDBACK_CHANNELS.size()), author);
            assertEquals(c.phone, PHONE.matcher(c.text).find(), c.text);
            assertEquals(c.email, EMAIL.matcher(c.text).find(), c.text);
            phones += c.phone ? 1 : 0;
            emails += c.email ? 1 : 0;
            names += c.name ? 1 : 0;
        }
        // Binomial: 4 standard errors around the planted 3 %, 1 %, 1 %.
        assertEquals(0.03, (double) phones / n, 4 * Math.sqrt(0.03 * 0.97 / n), "phone numbers");
        assertEquals(0.01, (double) emails / n, 4 * Math.sqrt(0.01 * 0.99 / n), "e-mail addresses");
        assertEquals(0.01, (double) names / n, 4 * Math.sqrt(0.01 * 0.99 / n), "names");
    }

    // ---- the simulated feed against its truth ------------------------------------------------------------

    @Test
    void everyCleanRowHasItsTruthAndTheRateIsAboutOneTextInTwentyDays() {
        assertEquals(cleanRows, truth.size(), "one truth record per clean feedback row");
        assertTrue(dirtyRows > 0, "the feed gets planted defects too");
        Set<String> ids = new HashSet<>();
        for (JsonNode t : truth) {
            assertTrue(ids.add(t.get("feedback_id").asText()), "ids are unique");
            assertTrue(landing.containsKey(t.get("feedback_id").asText()), "the truth describes a landed row");
        }
        double perSubscriberDay = (double) (cleanRows + dirtyRows) / ((double) SUBSCRIBERS * DAYS);
        assertTrue(perSubscriberDay > 0.04 && perSubscriberDay < 0.065, "texts per subscriber and day " + perSubscriberDay);
    }

    @Test
    void languagesComeInThePlantedShares() {
        Map<String, Long> languages = count("language");
        double n = truth.size();
        assertEquals(0.6, languages.get("ZH") / n, 0.05, languages.toString());
        assertEquals(0.3, languages.get("EN") / n, 0.05, languages.toString());
        assertEquals(0.1, languages.get("MIXED") / n, 0.03, languages.toString());
        for (JsonNode t : truth) {
            String text = text(t);
            boolean han = text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            boolean latinWord = Pattern.compile("[A-Za-z]{2,}").matcher(text.replaceAll("<[^>]+>|&nbsp;|APP|Agent|Customer", "")).find();
            switch (t.get("language").asText()) {
                case "ZH" -> assertTrue(han, text);
                case "MIXED" -> assertTrue(han && latinWord, "Chinese with English words: " + text);
                default -> assertTrue(latinWord, text);
            }
        }
        // The declared language: on about half the rows, mostly right.
        long declared = truth.stream().filter(t -> t.has("declared_language")).count();
        long right = truth.stream().filter(t -> t.has("declared_language")
                && t.get("declared_language").asText().equals(t.get("language").asText())).count();
        assertEquals(0.5, declared / n, 0.04);
        assertEquals(0.92, (double) right / declared, 0.04);
    }

    @Test
    void aPlantedCauseIsVoicedInNegativeTextsAboutItsDimension() {
        long none = subscribersByCause.get("NONE");
        for (Cause cause : Planted.DIMENSIONS) {
            long subscribers = subscribersByCause.getOrDefault(cause.name(), 0L);
            assertTrue(subscribers > 50, cause + " subscribers " + subscribers);
            double withCause = negativeAbout(cause, cause.name()) / (double) subscribers;
            double withoutCause = negativeAbout(cause, "NONE") / (double) none;
            assertTrue(withCause > 10 * withoutCause, cause + ": negative texts per subscriber with the cause " + withCause
                    + ", without " + withoutCause);
        }
        // Good-experience subscribers mostly praise, state and ask.
        List<JsonNode> good = truth.stream().filter(t -> t.get("experience_cause").asText().equals("NONE")).toList();
        double negativeShare = good.stream().filter(t -> t.get("sentiment").asText().equals("NEGATIVE")).count() / (double) good.size();
        assertTrue(negativeShare > 0.05 && negativeShare < 0.2, "NEGATIVE share of good-experience subscribers " + negativeShare);
        // Days of dropped calls and failed sessions bring NEGATIVE NETWORK texts that day.
        List<JsonNode> networkDays = truth.stream().filter(t -> t.get("trigger").asText().equals("NETWORK_DAY")).toList();
        assertTrue(networkDays.size() > 20, "texts after network problems " + networkDays.size());
        assertTrue(networkDays.stream().allMatch(t -> t.get("category").asText().equals("NETWORK")
                && t.get("sentiment").asText().equals("NEGATIVE")));
        assertTrue(count("topic").size() >= 20, "topics " + count("topic").keySet());
    }

    @Test
    void channelsCarryTheirOwnFields() {
        Map<String, long[]> anonymous = new TreeMap<>();
        long transcripts = 0;
        long labelled = 0;
        long labelledRight = 0;
        Map<String, double[]> stars = new TreeMap<>();
        for (JsonNode t : truth) {
            String channel = t.get("channel").asText();
            JsonNode line = parse(landing.get(t.get("feedback_id").asText()));
            boolean isAnonymous = t.get("anonymous").asBoolean();
            assertEquals(isAnonymous, !line.has("msisdn"), "an anonymous row has no msisdn: " + line);
            assertEquals(isAnonymous, !t.has("msisdn_pseudonym"));
            long[] a = anonymous.computeIfAbsent(channel, k -> new long[2]);
            a[0]++;
            a[1] += isAnonymous ? 1 : 0;
            if (channel.equals("HOTLINE")) {
                transcripts++;
                assertTrue(line.get("text").asText().matches("(?s).*(坐席：|Agent: ).*"), line.toString());
                if (line.has("agent_category")) {
                    labelled++;
                    labelledRight += line.get("agent_category").asText().equals(t.get("category").asText()) ? 1 : 0;
                }
            } else {
                assertFalse(line.has("agent_category"), "only transcripts have an agent's category");
            }
            if (line.has("rating")) {
                assertTrue(List.of("APP_STORE", "APP", "WEB").contains(channel), channel + " with a rating");
                int rating = line.get("rating").asInt();
                assertTrue(rating >= 1 && rating <= 5);
                double[] s = stars.computeIfAbsent(t.get("sentiment").asText(), k -> new double[2]);
                s[0]++;
                s[1] += rating;
            }
            if (line.has("product_id")) {
                assertTrue(settings.productFunnel.products.contains(line.get("product_id").asText()));
            }
            if (t.get("category").asText().equals("PROCESS")) {
                assertTrue(t.has("service_item") == line.has("service_item"));
            }
        }
        for (String channel : List.of("APP_STORE", "WEB", "SOCIAL")) {
            long[] a = anonymous.get(channel);
            assertEquals(0.2, (double) a[1] / a[0], 0.08, channel + " anonymous share");
        }
        for (String channel : List.of("APP", "SURVEY", "HOTLINE")) {
            assertEquals(0, anonymous.get(channel)[1], channel + " rows know their writer");
        }
        assertEquals(0.6, (double) labelled / transcripts, 0.06, "agent-labelled transcripts");
        assertTrue(labelledRight > 0.9 * labelled && labelledRight < labelled, "agents' labels right " + labelledRight + " of " + labelled);
        assertTrue(stars.get("NEGATIVE")[1] / stars.get("NEGATIVE")[0] < 2.2, "ratings follow the sentiment");
        assertEquals(3.0, stars.get("NEUTRAL")[1] / stars.get("NEUTRAL")[0], 0.25);
        assertTrue(stars.get("POSITIVE")[1] / stars.get("POSITIVE")[0] > 4.0);
        long processItems = truth.stream().filter(t -> t.get("category").asText().equals("PROCESS") && t.has("service_item")).count();
        long process = truth.stream().filter(t -> t.get("category").asText().equals("PROCESS")).count();
        assertEquals(0.7, (double) processItems / process, 0.08, "PROCESS texts name their catalogue item");
        assertTrue(truth.stream().anyMatch(t -> t.get("channel").asText().equals("WEB") && text(t).matches("(?s).*(<br|&nbsp;|<p>).*")),
                "web forms keep some HTML");
    }

    @Test
    void switchingTheFeedOnChangesNoOtherFeed() {
        List<String> sources = new ArrayList<>(config.sources().keySet());
        List<String> withoutFeedback = sources.stream().filter(s -> !s.equals("feedback")).toList();
        List<Row> with = new ArrayList<>();
        List<Row> without = new ArrayList<>();
        simulate(60, 3, 5, false, with, sources);
        simulate(60, 3, 5, false, without, withoutFeedback);
        Set<String> feedbackOnly = Set.of("feedback", Deliveries.TRUTH_FEEDBACK, Deliveries.COUNTS);
        List<String> others = with.stream().filter(r -> !feedbackOnly.contains(r.getString(0)))
                .map(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2)).toList();
        assertEquals(without.stream().filter(r -> !r.getString(0).equals(Deliveries.COUNTS))
                .map(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2)).toList(), others);
        // The counts, in whatever order the task's tally lists them, less the feedback feed's own.
        assertEquals(countLines(without), countLines(with).stream().filter(l -> !l.startsWith("feedback,")).toList());
        assertTrue(countLines(with).stream().anyMatch(l -> l.startsWith("feedback,")), "the feed wrote something");
    }

    private static List<String> countLines(List<Row> rows) {
        return rows.stream().filter(r -> r.getString(0).equals(Deliveries.COUNTS)).map(r -> r.getString(2)).sorted().toList();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** Simulates subscribers of a seed with the given sources switched on, rows into {@code out}. */
    private void simulate(int subscribers, int days, long seed, boolean dirtyDefaults, List<Row> out, List<String> on) {
        DayCalendar calendar = new DayCalendar(START, days, config.operator().timezone());
        ReferenceData ref = ReferenceData.build(settings, config.operator(), seed, subscribers, calendar, days);
        List<String> sources = new ArrayList<>(config.sources().keySet());
        Map<String, LandingLines> lines = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceContract contract = config.source(sources.get(i));
            if (on.contains(contract.name())) {
                lines.put(contract.name(), new LandingLines(contract, i, "true", "false",
                        dirtyDefaults ? settings.dirtyShare(contract.name()) : 0.01, settings.msisdnSpellingCumulative,
                        config.operator().countryCode(), new String[]{"12"}, calendar));
            }
        }
        Pseudonymizer pseudonymizer = TestKeys.pseudonymizer();
        Deliveries deliveries = new Deliveries(days, calendar, settings.lateShare, settings.maxLateDays, sources, out);
        SubscriberSimulator simulator = new SubscriberSimulator(ref, lines, deliveries, pseudonymizer);
        for (long i = 0; i < subscribers; i++) {
            simulator.simulate(i);
        }
        deliveries.flushCounts();
    }

    /** Texts of every language, dimension, topic, sentiment and channel, drawn from one seeded stream. */
    private List<String> composeMixed(long seed, int n) {
        FeedbackTexts texts = new FeedbackTexts(settings.feedback, "86");
        Rng rng = new Rng(seed, 99, 0, 0);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int dimension = rng.nextInt(Planted.DIMENSIONS.size());
            out.add(texts.compose(rng, rng.pick(settings.feedback.languageCumulative), dimension,
                    rng.nextInt(settings.feedback.phrases.topics[dimension].length), Sentiment.values()[rng.nextInt(3)],
                    rng.nextInt(Planted.FEEDBACK_CHANNELS.size()), author).text);
        }
        return out;
    }

    private long negativeAbout(Cause dimension, String writerCause) {
        return truth.stream().filter(t -> t.get("category").asText().equals(dimension.name())
                && t.get("sentiment").asText().equals("NEGATIVE") && t.get("experience_cause").asText().equals(writerCause)).count();
    }

    private Map<String, Long> count(String field) {
        Map<String, Long> counts = new TreeMap<>();
        truth.forEach(t -> counts.merge(t.get(field).asText(), 1L, Long::sum));
        return counts;
    }

    /** The landed text of a truth record's row. */
    private String text(JsonNode t) {
        return parse(landing.get(t.get("feedback_id").asText())).get("text").asText();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }
}
