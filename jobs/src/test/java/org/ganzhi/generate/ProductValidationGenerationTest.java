package org.ganzhi.generate;

import org.apache.spark.sql.Row;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The product_validation feed, simulated without Spark: the day feeds ({@link ReferenceFeeds})
 * driven directly into a row list, a few weeks of every product's evaluations (a few hundred
 * rows). Checks the planted phases, evaluators and methods, the weak and healthy dimensions
 * against truth/product_validation's rows, empty scores and comments, determinism, that no other
 * feed changes when it is switched on, and that the generic defects land in it as counted.
 */
class ProductValidationGenerationTest {
    private static final LocalDate START = LocalDate.of(2026, 11, 2);
    private static final String SOURCE = "product_validation";
    private static final List<String> DIMENSIONS = Planted.VALIDATION_DIMENSIONS;
    private static final List<String> IN_VALIDATION = List.of("SMART_HOME", "AI_ASSISTANT");
    private static final List<String> LAUNCHED = List.of("5G_BOOST", "VIDEO_PACK", "FAMILY_SHARE", "CLOUD_STORAGE",
            "INTL_ROAMING");

    private final GanzhiConfig config = GanzhiConfig.defaults();
    private final GeneratorSettings settings = GeneratorSettings.from(config);
    private final SourceContract contract = config.source(SOURCE);
    private final int columns = contract.columns().size();

    @Test
    void everyProductIsEvaluatedInItsPlantedPhaseByThatPhasesEvaluators() {
        List<Map<String, String>> rows = cleanRows(deliver(settings, 7, 21, List.of(SOURCE), 0));
        Map<String, Integer> perProduct = new TreeMap<>();
        Map<String, int[]> kinds = new HashMap<>();
        for (Map<String, String> r : rows) {
            String product = r.get("product_id");
            String phase = r.get("phase");
            String kind = r.get("evaluator_kind");
            String method = r.get("method");
            perProduct.merge(product, 1, Integer::sum);
            assertEquals(IN_VALIDATION.contains(product) ? "PRE_LAUNCH" : "POST_LAUNCH", phase, r.toString());
            Set<String> allowed = switch (phase + "/" + kind) {
                case "PRE_LAUNCH/INTERNAL" -> Set.of("USABILITY_TEST", "EXPERT_WALKTHROUGH");
                case "PRE_LAUNCH/CUSTOMER" -> Set.of("QUESTIONNAIRE", "USABILITY_TEST");
                case "POST_LAUNCH/INTERNAL" -> Set.of("EXPERT_WALKTHROUGH", "QUESTIONNAIRE");
                default -> Set.of("QUESTIONNAIRE", "INTERVIEW");
            };
            assertTrue(allowed.contains(method), phase + " " + kind + " evaluates by " + method);
            int[] k = kinds.computeIfAbsent(phase, x -> new int[2]);
            k[kind.equals("CUSTOMER") ? 1 : 0]++;
            int hour = Integer.parseInt(r.get("evaluated_at").substring(11, 13));
            assertTrue(kind.equals("INTERNAL") ? hour >= 9 && hour < 18 : hour >= 8 && hour < 22, r.toString());
            assertTrue(r.get("evaluation_id").matches("pv[0-9a-f]{16}"), r.get("evaluation_id"));
        }
        Set<String> everyProduct = new TreeSet<>(LAUNCHED);
        everyProduct.addAll(IN_VALIDATION);
        assertEquals(everyProduct, perProduct.keySet(), "every product is evaluated");
        // A few a day: 3 per product in validation, 4 per launched product (Poisson over 21 days, less the late tail).
        for (String product : IN_VALIDATION) {
            assertTrue(perProduct.get(product) > 40 && perProduct.get(product) < 90, product + " " + perProduct);
        }
        for (String product : LAUNCHED) {
            assertTrue(perProduct.get(product) > 60 && perProduct.get(product) < 115, product + " " + perProduct);
        }
        // Mostly customers after launch, half and half before it.
        int[] post = kinds.get("POST_LAUNCH");
        int[] pre = kinds.get("PRE_LAUNCH");
        assertEquals(0.8, (double) post[1] / (post[0] + post[1]), 0.07, "customer share after launch");
        assertEquals(0.5, (double) pre[1] / (pre[0] + pre[1]), 0.12, "customer share before launch");
    }

    @Test
    void plantedWeakDimensionsScoreLowAndHealthyOnesHighAsTheTruthSays() {
        List<ProductValidationSettings.TruthRow> truth = settings.productValidation.truth();
        assertEquals(7 * 8, truth.size(), "one truth row per product and dimension");
        Map<String, Set<String>> weak = new TreeMap<>();
        Set<String> risky = new HashSet<>();
        for (ProductValidationSettings.TruthRow t : truth) {
            assertEquals(IN_VALIDATION.contains(t.productId()) ? "PRE_LAUNCH" : "POST_LAUNCH", t.phase());
            if (t.weak()) {
                weak.computeIfAbsent(t.productId(), k -> new TreeSet<>()).add(t.dimension());
                assertEquals(2.2, t.scoreCentre());
                assertEquals(2.22, t.plantedMean(), 0.02);
            } else {
                assertEquals(4.0, t.scoreCentre());
                assertEquals(3.96, t.plantedMean(), 0.02);
            }
            if (t.risky()) {
                risky.add(t.productId());
            }
        }
        assertEquals(Map.of("AI_ASSISTANT", Set.of("accuracy", "speed"), "VIDEO_PACK", Set.of("speed"),
                "CLOUD_STORAGE", Set.of("operability")), weak);
        assertEquals(Set.of("AI_ASSISTANT"), risky, "only the product in validation with two weak dimensions is risky");

        Map<String, double[]> measured = meanScores(cleanRows(deliver(settings, 7, 21, List.of(SOURCE), 0)));
        Map<String, String> report = new TreeMap<>();
        measured.forEach((k, m) -> report.put(k, String.format("%.2f (%d)", m[1] / m[0], (long) m[0])));
        System.out.println("product_validation mean scores over 21 days: " + report);
        for (ProductValidationSettings.TruthRow t : truth) {
            double[] m = measured.get(t.productId() + "/" + t.dimension());
            double mean = m[1] / m[0];
            assertTrue(m[0] >= 30, t + " has " + m[0] + " scores");
            assertTrue(t.weak() ? mean < 2.8 : mean > 3.5, t + ": measured mean " + mean);
            assertEquals(t.plantedMean(), mean, 0.45, t + ": measured mean");
        }
    }

    @Test
    void theWeakDimensionsAreSettings() {
        GeneratorSettings moved = GeneratorSettings.from(config.with(Map.of(
                "ganzhi.generate.product-validation.weak-dimensions.SMART_HOME", List.of("attention"),
                "ganzhi.generate.product-validation.risky-min-weak-dimensions", 1)));
        Map<String, double[]> measured = meanScores(cleanRows(deliver(moved, 7, 14, List.of(SOURCE), 0)));
        double[] attention = measured.get("SMART_HOME/attention");
        assertTrue(attention[1] / attention[0] < 2.8, "SMART_HOME attention made weak: " + attention[1] / attention[0]);
        assertTrue(moved.productValidation.truth().stream().anyMatch(t -> t.productId().equals("SMART_HOME") && t.risky()),
                "one weak dimension is risky with risky-min-weak-dimensions = 1");
        assertThrows(ConfigError.class, () -> GeneratorSettings.from(config.with(Map.of(
                "ganzhi.generate.product-validation.products-in-validation", List.of("VIDEO_PACK")))),
                "a launched product cannot be in validation too");
        assertThrows(ConfigError.class, () -> GeneratorSettings.from(config.with(Map.of(
                "ganzhi.generate.product-validation.weak-dimensions.AI_ASSISTANT", List.of("beauty")))));
    }

    @Test
    void scoresAreOneToFiveOrEmptyAndCommentsFollowTheLowestScore() {
        List<Map<String, String>> rows = cleanRows(deliver(settings, 11, 21, List.of(SOURCE), 0));
        long scores = 0;
        long empty = 0;
        long comments = 0;
        long complaints = 0;
        boolean chinese = false;
        boolean english = false;
        Set<String> assistantComplaints = new HashSet<>();
        for (Map<String, String> r : rows) {
            int lowest = 6;
            for (String d : DIMENSIONS) {
                String value = r.get(d);
                scores++;
                if (value.isEmpty()) {
                    empty++;
                    continue;
                }
                int score = Integer.parseInt(value);
                assertTrue(score >= 1 && score <= 5, r.toString());
                lowest = Math.min(lowest, score);
            }
            String comment = r.get("comment");
            if (comment.isEmpty()) {
                continue;
            }
            comments++;
            String product = r.get("product_id");
            boolean complaint = lowest <= 2;
            complaints += complaint ? 1 : 0;
            assertTrue(ProductValidationPhrases.all(complaint, product).contains(comment),
                    (complaint ? "a complaint" : "praise") + " expected for lowest score " + lowest + ": " + comment);
            chinese |= comment.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
            english |= comment.matches("[A-Z][A-Za-z0-9 ,'.]+");
            if (complaint && product.equals("AI_ASSISTANT")) {
                assistantComplaints.add(comment);
            }
        }
        System.out.println("product_validation: " + rows.size() + " evaluations, unrated " + empty + " of " + scores
                + " scores, " + comments + " comments (" + complaints + " complaints)");
        assertEquals(0.10, (double) empty / scores, 0.02, "share of dimensions left unrated");
        assertEquals(0.40, (double) comments / rows.size(), 0.06, "share of evaluations with a comment");
        assertTrue(complaints > 0.2 * comments && complaints < comments, "complaints " + complaints + " of " + comments);
        assertTrue(chinese && english, "comments in Chinese and English");
        assertTrue(assistantComplaints.stream().anyMatch(c -> c.contains("听错") || c.contains("mishearing")),
                "the assistant's own complaints: " + assistantComplaints);
    }

    @Test
    void theSameSeedGivesTheSameRowsAndAnotherSeedOthers() {
        List<String> first = lines(deliver(settings, 5, 4, List.of(SOURCE), 0.005));
        assertFalse(first.isEmpty());
        assertEquals(first, lines(deliver(settings, 5, 4, List.of(SOURCE), 0.005)));
        assertNotEquals(first, lines(deliver(settings, 6, 4, List.of(SOURCE), 0.005)));
    }

    @Test
    void switchingTheFeedOnChangesNoOtherFeed() {
        List<String> others = List.of("plan", "cell", "cell_outage");
        List<String> with = new ArrayList<>(others);
        with.add(SOURCE);
        List<Row> without = deliver(settings, 9, 5, others, 0.01);
        List<Row> withFeed = deliver(settings, 9, 5, with, 0.01);
        assertTrue(withFeed.stream().anyMatch(r -> r.getString(0).equals(SOURCE)), "the feed wrote something");
        assertEquals(rowsExcept(without, SOURCE), rowsExcept(withFeed, SOURCE));
        assertEquals(countLines(without), countLines(withFeed).stream().filter(l -> !l.startsWith(SOURCE + ",")).toList());
    }

    @Test
    void plantedDefectsLandAsCounted() {
        // A high dirty share so that every kind shows up in a month of a small feed.
        List<Row> out = deliver(settings, 3, 30, List.of(SOURCE), 0.04);
        Map<String, Long> counted = new TreeMap<>();
        for (String line : countLines(out)) {
            String[] f = line.split(",");
            if (f[0].equals(SOURCE)) {
                counted.merge(f[3], Long.parseLong(f[4]), Long::sum);
            }
        }
        assertEquals(Set.of(Deliveries.CLEAN, "MALFORMED_LINE", "MISSING_REQUIRED", "BAD_TIMESTAMP", "BAD_NUMBER",
                "UNKNOWN_CODE", "OUT_OF_RANGE", "DUPLICATE"), counted.keySet(), "every kind that applies to the feed");
        System.out.println("product_validation rows by kind at 4 % per kind: " + counted);
        for (Map.Entry<String, Long> kind : counted.entrySet()) {
            assertTrue(kind.getValue() >= 5, kind.toString());
        }
        List<String> lines = lines(out);
        long malformed = 0;
        long missing = 0;
        long badTimestamp = 0;
        long badNumber = 0;
        long unknownCode = 0;
        long outOfRange = 0;
        for (String line : lines) {
            List<String> f = csvFields(line);
            if (f.size() != columns) {
                malformed++;
                continue;
            }
            Map<String, String> r = named(f);
            if (List.of("product_id", "phase", "method", "evaluator_kind").stream().anyMatch(c -> r.get(c).isEmpty())) {
                missing++;
            } else if (!r.get("evaluated_at").matches("\\d{4}-\\d{2}-\\d{2} ([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d")) {
                badTimestamp++;
            } else if (List.of("BETA", "FOCUS_GROUP", "VENDOR", "GAME_PASS").stream().anyMatch(r::containsValue)) {
                unknownCode++;
            } else {
                for (String d : DIMENSIONS) {
                    String v = r.get(d);
                    if (v.isEmpty()) {
                        continue;
                    }
                    if (!v.matches("-?\\d+")) {
                        badNumber++;
                    } else if (Integer.parseInt(v) < 1 || Integer.parseInt(v) > 5) {
                        outOfRange++;
                    }
                }
            }
        }
        assertEquals(counted.get("MALFORMED_LINE"), malformed);
        assertEquals(counted.get("MISSING_REQUIRED"), missing);
        assertEquals(counted.get("BAD_TIMESTAMP"), badTimestamp);
        assertEquals(counted.get("UNKNOWN_CODE"), unknownCode);
        assertEquals(counted.get("BAD_NUMBER"), badNumber);
        assertEquals(counted.get("OUT_OF_RANGE"), outOfRange);
        assertEquals(counted.get("DUPLICATE"), (long) lines.size() - new HashSet<>(lines).size());
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** The day feeds of a seed with the given sources on, each at the given dirty share per kind. */
    private List<Row> deliver(GeneratorSettings s, long seed, int days, List<String> on, double dirtyShare) {
        DayCalendar calendar = new DayCalendar(START, days, config.operator().timezone());
        ReferenceData ref = ReferenceData.build(s, config.operator(), seed, 100, calendar, days);
        List<String> sources = new ArrayList<>(config.sources().keySet());
        Map<String, LandingLines> lines = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            SourceContract c = config.source(sources.get(i));
            if (on.contains(c.name())) {
                lines.put(c.name(), new LandingLines(c, i, "true", "false", dirtyShare, s.msisdnSpellingCumulative,
                        config.operator().countryCode(), new String[]{"12"}, calendar));
            }
        }
        List<Row> out = new ArrayList<>();
        Deliveries deliveries = new Deliveries(days, calendar, s.lateShare, s.maxLateDays, sources, out);
        ReferenceFeeds feeds = new ReferenceFeeds(ref, lines, deliveries);
        for (int day = 0; day < days; day++) {
            feeds.deliverDay(day);
        }
        deliveries.flushCounts();
        return out;
    }

    /** The feed's landing lines, in the order they were delivered. */
    private static List<String> lines(List<Row> out) {
        return out.stream().filter(r -> r.getString(0).equals(SOURCE)).map(r -> r.getString(2)).toList();
    }

    private List<Map<String, String>> cleanRows(List<Row> out) {
        return lines(out).stream().map(l -> named(csvFields(l))).toList();
    }

    private Map<String, String> named(List<String> fields) {
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < columns; i++) {
            row.put(contract.columns().get(i).name(), fields.get(i));
        }
        return row;
    }

    /** "product/dimension" → {scores, sum}. */
    private static Map<String, double[]> meanScores(List<Map<String, String>> rows) {
        Map<String, double[]> sums = new HashMap<>();
        for (Map<String, String> r : rows) {
            for (String d : DIMENSIONS) {
                if (!r.get(d).isEmpty()) {
                    double[] s = sums.computeIfAbsent(r.get("product_id") + "/" + d, k -> new double[2]);
                    s[0]++;
                    s[1] += Integer.parseInt(r.get(d));
                }
            }
        }
        return sums;
    }

    private static List<String> rowsExcept(List<Row> out, String source) {
        return out.stream().filter(r -> !r.getString(0).equals(source) && !r.getString(0).equals(Deliveries.COUNTS))
                .map(r -> r.getString(0) + "|" + r.getString(1) + "|" + r.getString(2)).toList();
    }

    private static List<String> countLines(List<Row> rows) {
        return rows.stream().filter(r -> r.getString(0).equals(Deliveries.COUNTS)).map(r -> r.getString(2)).sorted().toList();
    }

    /** RFC 4180 fields of one line: quoted fields may hold commas and doubled quotes. */
    private static List<String> csvFields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
