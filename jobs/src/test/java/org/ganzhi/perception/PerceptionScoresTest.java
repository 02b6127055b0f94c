package org.ganzhi.perception;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.SparkTestBase;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ganzhi.common.GanzhiException;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

/** Hand-computed perception scores on a few subscribers with the default drivers and weights. */
class PerceptionScoresTest extends SparkTestBase {
    /** Group priors from any sample size, so the priors below are the test's own subscribers. */
    private static final Map<String, Object> SMALL_GROUPS = Map.of("ganzhi.perception.prior-min-samples", 1);

    @BeforeAll
    void likeTheJob() {
        spark.conf().set(PerceptionJob.CONSTRAINT_PROPAGATION, "false");
    }

    private PerceptionSettings settings(Map<String, Object> overrides) {
        Map<String, Object> all = new HashMap<>(SMALL_GROUPS);
        all.putAll(overrides);
        return PerceptionSettings.from(GanzhiConfig.defaults().with(all));
    }

    /**
     * One subscriber: msisdn, home cell, segment, voice lean, {driver -> {total, samples}} and
     * window counts (complaints_about_billing, complaints_open, ...).
     */
    private record Sub(String msisdn, String cell, Integer segment, Double lean, Map<String, double[]> measures,
                       Map<String, Long> counts) {
        Sub(String msisdn, String cell, Integer segment, Double lean, Map<String, double[]> measures) {
            this(msisdn, cell, segment, lean, measures, Map.of());
        }
    }

    private static final List<String> COUNTS = List.of("complaints_about_network", "complaints_about_billing",
            "complaints_open", "complaints_resolved_late", "complaints_repeat", "complaints_escalated",
            PerceptionScores.FEEDBACK_PREFIX + "billing");

    private Dataset<Row> measured(PerceptionSettings s, List<Sub> subs) {
        StructType schema = new StructType().add("msisdn", "string").add("home_cell", "string").add("segment_id", "int")
                .add("device_model", "string").add(PerceptionScores.VOICE_LEAN, "double");
        for (String c : COUNTS) {
            schema = schema.add(c, DataTypes.LongType);
        }
        for (PerceptionSettings.Driver d : s.drivers()) {
            schema = schema.add(DriverMeasures.total(d), DataTypes.DoubleType).add(DriverMeasures.samples(d), DataTypes.DoubleType);
        }
        List<Row> rows = new ArrayList<>();
        for (Sub sub : subs) {
            List<Object> values = new ArrayList<>(List.of(sub.msisdn(), sub.cell(), sub.segment(), "phone"));
            values.add(sub.lean());
            for (String c : COUNTS) {
                values.add(sub.counts().getOrDefault(c, 0L));
            }
            for (PerceptionSettings.Driver d : s.drivers()) {
                double[] m = sub.measures().get(d.name());
                values.add(m == null ? null : m[0]);
                values.add(m == null ? null : m[1]);
            }
            rows.add(RowFactory.create(values.toArray()));
        }
        return spark.createDataFrame(rows, schema);
    }

    private Map<String, Row> score(PerceptionSettings s, List<Sub> subs) {
        Map<String, Row> byMsisdn = new HashMap<>();
        PerceptionScores.score(PerceptionScores.priors(measured(s, subs), s), s).collectAsList()
                .forEach(r -> byMsisdn.put(r.getAs("msisdn"), r));
        return byMsisdn;
    }

    private static final Map<String, Object> UNWEIGHTED = Map.of("ganzhi.perception.personal-weighting.enabled", false);

    private static final List<Sub> SUBSCRIBERS = List.of(
            // 1 drop in 3 calls, and a disputed bill.
            new Sub("A", "c1", 0, null, Map.of("call_drop_rate", new double[]{1, 3}, "bill_disputed", new double[]{1, 1})),
            // 0 drops in 397 calls on the same cell: the cell's pooled rate is 1 / 400.
            new Sub("B", "c1", 0, null, Map.of("call_drop_rate", new double[]{0, 397})),
            // Nothing but two product interactions.
            new Sub("C", "c2", 1, null, Map.of("product_contacts", new double[]{2, 1})),
            // Alone on c3: 10 drops in 100 calls, no failed session in 200; a pure voice user.
            new Sub("D", "c3", 1, 1.0, Map.of("call_drop_rate", new double[]{10, 100}, "data_failure_rate", new double[]{0, 200})));

    @Test
    void smallSamplesShrinkTowardTheHomeCellAndNoEvidenceSitsAtThePrior() {
        Map<String, Row> r = score(settings(UNWEIGHTED), SUBSCRIBERS);
        Row a = r.get("A");
        // (1 + 10 x 0.0025) / (3 + 10) = 0.078846, not 1/3: three calls do not condemn A.
        assertEquals(0.078846, a.<Double>getAs("call_drop_rate_value"), 1e-6);
        assertEquals(3.0 / 13, a.<Double>getAs("call_drop_rate_confidence"), 1e-4);
        assertEquals(1.65, a.<Double>getAs("call_drop_rate_score"), 0.01, "(0.08 - 0.078846) / 0.07 x 100");
        // A had no data session: the population's failure rate (D's 0 of 200), with no confidence,
        // instead of leaving the drop rate alone to decide NETWORK.
        assertEquals(0.0, a.<Double>getAs("data_failure_rate_value"), 1e-9);
        assertEquals(0.0, a.<Double>getAs("data_failure_rate_confidence"), 1e-9);
        assertEquals((1.65 + 100) / 2, a.<Double>getAs("network_score"), 0.01);
        assertEquals(3.0 / 13 / 2, a.<Double>getAs("network_confidence"), 1e-3, "half the weight has a quarter of its own");
        assertEquals(3L, (long) a.getAs("network_samples"), "own samples only");
        assertEquals(0.0, a.<Double>getAs("billing_score"), 1e-9);
        double aIndex = (0.30 * (1.65 + 100) / 2 + 0.15 * 0) / 0.45;
        assertEquals(aIndex, a.<Double>getAs("perception_index"), 0.01, "SERVICE, PROCESS and PRODUCT have no driver at all");
        assertEquals("NEGATIVE", a.getAs("experience_level"));
        assertEquals(List.of("SERVICE", "PROCESS", "PRODUCT"), a.getList(a.fieldIndex("dimensions_missing")));
        List<Row> detractors = a.getList(a.fieldIndex("top_detractors"));
        assertEquals(2, detractors.size(), "only drivers that lost points");
        assertEquals("bill_disputed", detractors.get(0).getAs("driver"));
        assertEquals(100.0 / 3, detractors.get(0).<Double>getAs("points_lost"), 0.01);
        assertEquals("call_drop_rate", detractors.get(1).getAs("driver"));
        assertEquals(0.30 / 0.45 / 2 * (100 - 1.648), detractors.get(1).<Double>getAs("points_lost"), 0.01);
        assertEquals(100 - aIndex, a.<Row>getList(a.fieldIndex("detractor_dimensions")).stream()
                .mapToDouble(d -> d.<Double>getAs("points_lost")).sum(), 0.01, "the dimensions' losses add up to 100 - index");

        Row b = r.get("B");
        assertEquals(100.0, b.<Double>getAs("perception_index"), 1e-9);
        assertEquals("HIGH", b.getAs("experience_level"), "397 calls of evidence");
        assertEquals(397.0 / 407 / 2, b.<Double>getAs("index_confidence"), 1e-3);
        assertTrue(b.getList(b.fieldIndex("top_detractors")).isEmpty());

        Row c = r.get("C");
        assertEquals(66.67, c.<Double>getAs("product_score"), 0.01, "2 contacts: (4 - 2) / (4 - 1) x 100");
        // No call on c2 (no samples there): the population's drop rate 11 / 500, not a perfect score.
        assertEquals(0.022, c.<Double>getAs("call_drop_rate_value"), 1e-6);
        double cNetwork = ((0.08 - 0.022) / 0.07 * 100 + 100) / 2;
        assertEquals(cNetwork, c.<Double>getAs("network_score"), 0.01);
        assertEquals(0.0, c.<Double>getAs("network_confidence"), 1e-9);
        assertEquals((0.30 * cNetwork + 0.15 * 66.67) / 0.45, c.<Double>getAs("perception_index"), 0.01);
        assertEquals("MEDIUM", c.getAs("experience_level"));
        assertEquals(1.0 / 3, c.<Double>getAs("index_confidence"), 1e-3, "only PRODUCT is C's own");
        assertFalse(c.getList(c.fieldIndex("drivers_missing")).contains("product_contacts"));
        assertFalse(c.getList(c.fieldIndex("drivers_missing")).contains("call_drop_rate"));
        assertTrue(c.getList(c.fieldIndex("drivers_missing")).contains("voice_mos"), "nobody has a MOS: no prior either");
    }

    @Test
    void aSubscriberWithoutEvidenceIsNotHigh() {
        // E has no call, no session, nothing: every driver at its prior, index high, confidence 0.
        List<Sub> subs = new ArrayList<>(SUBSCRIBERS);
        subs.add(new Sub("E", "c1", 0, null, Map.of()));
        Row e = score(settings(UNWEIGHTED), subs).get("E");
        assertTrue(e.<Double>getAs("perception_index") >= 85, "c1's network is good: " + e.getAs("perception_index"));
        assertEquals(0.0, e.<Double>getAs("index_confidence"), 1e-9);
        assertEquals(0L, (long) e.getAs("index_samples"));
        assertEquals("MEDIUM", e.getAs("experience_level"), "HIGH needs evidence");
    }

    @Test
    void complaintsCostIndexPointsAndMoveTheLevel() {
        // F and G: the same 400 clean calls on c5; G opened a billing complaint, still open, escalated.
        Map<String, double[]> calls = Map.of("call_drop_rate", new double[]{0, 400}, "data_failure_rate", new double[]{0, 100},
                "bill_disputed", new double[]{0, 1});
        Map<String, Long> complaint = Map.of("complaints_about_billing", 1L, "complaints_open", 1L, "complaints_escalated", 1L);
        List<Sub> subs = List.of(new Sub("F", "c5", 0, null, calls), new Sub("G", "c5", 0, null, calls, complaint));
        Map<String, Row> r = score(settings(UNWEIGHTED), subs);
        Row f = r.get("F");
        Row g = r.get("G");
        assertEquals(100.0, f.<Double>getAs("perception_index"), 1e-9);
        assertEquals("HIGH", f.getAs("experience_level"));
        // NETWORK 0.30 and BILLING 0.15 are scored: shares 2/3 and 1/3. The billing complaint (10) and its
        // being still open (5) cost BILLING 15 index points = 45 BILLING points; the escalation costs
        // PROCESS 5, which no driver scores for G: they come off the index directly.
        assertEquals(55.0, g.<Double>getAs("billing_score"), 0.01);
        assertNull(g.getAs("process_score"), "no order: PROCESS has no score, its complaint points still count");
        assertEquals(80.0, g.<Double>getAs("perception_index"), 0.01, "a billing complaint, open and escalated: 20 points");
        assertEquals(20.0, g.<Double>getAs("complaint_points"), 0.01);
        assertEquals("MEDIUM", g.getAs("experience_level"), "two levels down from HIGH");
        List<Row> top = g.getList(g.fieldIndex("top_detractors"));
        assertEquals(List.of("complaints", "complaints"), top.stream().map(x -> x.<String>getAs("driver")).toList());
        assertEquals(List.of("BILLING", "PROCESS"), top.stream().map(x -> x.<String>getAs("dimension")).toList());
        assertEquals(2.0, top.get(0).<Double>getAs("value"), 1e-9, "opened and still open");
        assertEquals(15.0, top.get(0).<Double>getAs("points_lost"), 0.01);
        assertEquals(5.0, top.get(1).<Double>getAs("points_lost"), 0.01);
        assertEquals(20.0, g.<Row>getList(g.fieldIndex("detractor_dimensions")).stream()
                .mapToDouble(x -> x.<Double>getAs("points_lost")).sum(), 0.01, "losses add up to 100 - index");

        // max-points caps the whole cost; the dimensions' parts keep their proportions.
        Row capped = score(settings(Map.of("ganzhi.perception.personal-weighting.enabled", false,
                "ganzhi.perception.complaint-cost.max-points", 8)), subs).get("G");
        assertEquals(92.0, capped.<Double>getAs("perception_index"), 0.01);
        assertEquals(8.0, capped.<Double>getAs("complaint_points"), 0.01);
    }

    @Test
    void negativeTextsCostTheirDimensionLikeASmallerComplaint() {
        // H wrote two negative texts about billing; I opened a billing complaint and wrote one. Same clean calls.
        Map<String, double[]> calls = Map.of("call_drop_rate", new double[]{0, 400}, "data_failure_rate", new double[]{0, 100},
                "bill_disputed", new double[]{0, 1});
        String texts = PerceptionScores.FEEDBACK_PREFIX + "billing";
        List<Sub> subs = List.of(new Sub("F", "c5", 0, null, calls),
                new Sub("H", "c5", 0, null, calls, Map.of(texts, 2L)),
                new Sub("I", "c5", 0, null, calls, Map.of(texts, 1L, "complaints_about_billing", 1L)));
        Map<String, Row> r = score(settings(UNWEIGHTED), subs);
        Row h = r.get("H");
        // feedback-cost.negative = 6 a text: 12 index points off BILLING, whose share is 1/3 -> 36 BILLING points.
        assertEquals(64.0, h.<Double>getAs("billing_score"), 0.01);
        assertEquals(88.0, h.<Double>getAs("perception_index"), 0.01);
        assertEquals(12.0, h.<Double>getAs("feedback_points"), 0.01);
        assertEquals(0.0, h.<Double>getAs("complaint_points"), 0.01);
        Row topOfH = h.<Row>getList(h.fieldIndex("top_detractors")).get(0);
        assertEquals("negative_feedback", topOfH.<String>getAs("driver"));
        assertEquals("BILLING", topOfH.<String>getAs("dimension"));
        assertEquals(2.0, topOfH.<Double>getAs("value"), 1e-9, "two texts");
        assertEquals(12.0, topOfH.<Double>getAs("points_lost"), 0.01);
        Row i = r.get("I");
        assertEquals(84.0, i.<Double>getAs("perception_index"), 0.01, "a complaint (10) and a text (6)");
        assertEquals(10.0, i.<Double>getAs("complaint_points"), 0.01);
        assertEquals(6.0, i.<Double>getAs("feedback_points"), 0.01);
        assertEquals(List.of("complaints", "negative_feedback"), i.<Row>getList(i.fieldIndex("top_detractors")).stream()
                .map(x -> x.<String>getAs("driver")).toList(), "each signal is its own detractor, the complaint first");
        // max-points caps the texts' cost on its own: four texts at most 18 points.
        Row many = score(settings(UNWEIGHTED), List.of(new Sub("J", "c5", 0, null, calls, Map.of(texts, 4L)))).get("J");
        assertEquals(18.0, many.<Double>getAs("feedback_points"), 0.01);
    }

    @Test
    void aDriverThatIsTheSameForEveryoneCarriesNoWeight() {
        // Outage minutes 0 for everyone: 100 for all, no information; it must not lift NETWORK.
        List<Sub> subs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            subs.add(new Sub("H" + i, "c6", 0, null, Map.of("call_drop_rate", new double[]{i * 10, 100},
                    "outage_minutes_per_day", new double[]{0, 1}, "bill_disputed", new double[]{0, 1})));
        }
        PerceptionSettings s = settings(Map.of("ganzhi.perception.personal-weighting.enabled", false,
                "ganzhi.perception.evidence.min-subscribers", 4));
        Dataset<Row> drivers = PerceptionScores.drivers(PerceptionScores.priors(measured(s, subs), s), s);
        Set<String> uninformative = PerceptionScores.uninformative(drivers, s);
        assertTrue(uninformative.contains("outage_minutes_per_day"), "constant: " + uninformative);
        assertTrue(uninformative.contains("voice_mos"), "nobody has it: " + uninformative);
        assertFalse(uninformative.contains("call_drop_rate"), "0 to 30 drops in 100 calls: " + uninformative);
        Map<String, Row> r = score(s, subs);
        Row h3 = r.get("H3");
        assertEquals(0.0, h3.<Double>getAs("network_score"), 0.01, "30 drops in 100 calls, and nothing else that varies");
        assertEquals(100.0, h3.<Double>getAs("outage_minutes_per_day_score"), 1e-9, "still scored, for the record");
        assertEquals(0.0, h3.<Double>getAs("outage_minutes_per_day_weight"), 1e-9);
        assertNull(h3.getAs("billing_score"), "BILLING's only driver is the same for everyone: no information, no dimension");
        assertEquals(100.0 - 0.0, 100 - h3.<Double>getAs("perception_index"), 0.01, "NETWORK alone: 0");
        // Below min-subscribers nobody is judged constant.
        assertEquals(Set.of(), PerceptionScores.uninformative(drivers, settings(UNWEIGHTED)));
    }

    @Test
    void theDimensionThatLostMostCanDifferFromTheTopDriver() {
        // NETWORK: 10 drops in 100 calls (0 points) among two perfect drivers; BILLING: a disputed
        // bill (0 points) and a bill shock ratio of 1.0 (100 points).
        List<Sub> subs = List.of(new Sub("E", "c4", 0, null, Map.of("call_drop_rate", new double[]{10, 100},
                "call_setup_failure_rate", new double[]{0, 100}, "data_failure_rate", new double[]{0, 200},
                "bill_disputed", new double[]{1, 1}, "bill_shock_ratio", new double[]{1.0, 1})));
        Row e = score(settings(UNWEIGHTED), subs).get("E");
        assertEquals(100 * 1.8 / 2.8, e.<Double>getAs("network_score"), 0.01, "(0 x 1.0 + 100 x 0.8 + 100 x 1.0) / 2.8");
        assertEquals(100 * 1.0 / 1.8, e.<Double>getAs("billing_score"), 0.01, "(100 x 1.0 + 0 x 0.8) / 1.8");
        Row topDriver = e.<Row>getList(e.fieldIndex("top_detractors")).get(0);
        assertEquals("call_drop_rate", topDriver.getAs("driver"));
        assertEquals(0.30 / 0.45 * 1.0 / 2.8 * 100, topDriver.<Double>getAs("points_lost"), 0.01,
                "more than bill_disputed's 0.15 / 0.45 x 0.8 / 1.8 x 100");
        List<Row> dimensions = e.getList(e.fieldIndex("detractor_dimensions"));
        assertEquals("NETWORK", dimensions.get(0).getAs("dimension"));
        assertEquals(0.30 / 0.45 * (100 - 100 * 1.8 / 2.8), dimensions.get(0).<Double>getAs("points_lost"), 0.01);
        assertEquals(100 - e.<Double>getAs("perception_index"), dimensions.get(0).<Double>getAs("points_lost")
                + dimensions.get(1).<Double>getAs("points_lost"), 0.01, "the dimensions' losses add up to 100 - index");
    }

    @Test
    void personalWeightingLeansOnWhatTheSubscriberUsesInProportionToItsEvidence() {
        // D: drop rate scores 0 (10 / 100, prior = D's own cell), data failures score 100.
        double unweighted = score(settings(UNWEIGHTED), SUBSCRIBERS).get("D").<Double>getAs("network_score");
        Row d = score(settings(Map.of()), SUBSCRIBERS).get("D");
        assertEquals(50.0, unweighted, 0.01);
        // Voice lean 1, strength 0.5, scaled by confidence: drop rate 1 + 0.5 x 100/110, data failures 1 - 0.5 x 200/210.
        double voice = 1 + 0.5 * 100 / 110;
        double data = 1 - 0.5 * 200 / 210;
        assertEquals(voice, d.<Double>getAs("call_drop_rate_weight"), 1e-3);
        assertEquals(data * 100 / (voice + data), d.<Double>getAs("network_score"), 0.01);
        // A voice-leaning subscriber without any session: the data driver keeps its plain weight.
        List<Sub> subs = new ArrayList<>(SUBSCRIBERS);
        subs.add(new Sub("V", "c3", 1, 1.0, Map.of("call_drop_rate", new double[]{0, 50})));
        Row v = score(settings(Map.of()), subs).get("V");
        assertEquals(0.0, v.<Double>getAs("data_failure_rate_confidence"), 1e-9);
        assertEquals(1.0, v.<Double>getAs("data_failure_rate_weight"), 1e-9);
    }

    @Test
    void changingOneWeightChangesTheSpecAndTheScoresItTouchesOnly() {
        PerceptionSettings before = settings(UNWEIGHTED);
        PerceptionSettings after = settings(Map.of("ganzhi.perception.personal-weighting.enabled", false,
                "ganzhi.perception.drivers.call_drop_rate.weight", 2.0));
        assertNotEquals(before.specVersion(), after.specVersion());
        Map<String, Row> x = score(before, SUBSCRIBERS);
        Map<String, Row> y = score(after, SUBSCRIBERS);
        assertEquals(100.0 / 3, y.get("D").<Double>getAs("network_score"), 0.01, "(2 x 0 + 1 x 100) / 3");
        for (String m : List.of("A", "B", "C", "D")) {
            for (String column : List.of("service_score", "process_score", "billing_score", "product_score",
                    "call_drop_rate_score", "call_drop_rate_value", "data_failure_rate_score")) {
                assertEquals((Object) x.get(m).getAs(column), y.get(m).getAs(column), m + " " + column);
            }
        }
        assertEquals(before.specVersion(), x.get("A").getAs("perception_spec"));
        assertEquals(after.specVersion(), y.get("A").getAs("perception_spec"));
    }

    @Test
    void aFeatureSettingThatChangesAMeasureChangesTheSpec() {
        PerceptionSettings defaults = settings(Map.of());
        assertNotEquals(defaults.specVersion(), settings(Map.of("ganzhi.features.complaint-repeat-days", 14)).specVersion());
        assertNotEquals(defaults.specVersion(), settings(Map.of("ganzhi.features.low-throughput-kbps", 500)).specVersion());
        assertEquals(defaults.specVersion(), settings(Map.of("ganzhi.personas.temperature", 2.0)).specVersion(),
                "persona settings do not change a perception score");
    }

    @Test
    void everyComplaintCategoryMustCostADimension() {
        GanzhiException e = assertThrows(GanzhiException.class, () -> PerceptionSettings.from(GanzhiConfig.defaults()
                .with(Map.of("ganzhi.features.complaint-category-groups.service", List.of("STAFF_ATTITUDE")))));
        assertTrue(e.getMessage().contains("[OTHER]"), e.getMessage());
        GanzhiException named = assertThrows(GanzhiException.class, () -> PerceptionSettings.from(GanzhiConfig.defaults()
                .with(Map.of("ganzhi.features.complaint-category-groups.staff", List.of("STAFF_ATTITUDE")))));
        assertTrue(named.getMessage().contains("complaint-category-groups.staff"), named.getMessage());
    }

    @Test
    void preparedMeasuresFromTheWindowCellsAndPlans() {
        PerceptionSettings s = settings(Map.of());
        Dataset<Row> window = spark.sql("""
                SELECT * FROM VALUES
                  ('A', 'c1', 'POST-129', 'SMARTPHONE_4G', 200.0D, 0.0D, 100.0D, 3L, 50.0D),
                  ('B', 'c1', 'PRE-8', 'SMARTPHONE_4G', 80.0D, 20.0D, 60.0D, 1L, 50.0D),
                  ('C', 'c9', 'POST-129', 'SMARTPHONE_5G', NULL, NULL, NULL, 0L, 129.0D)
                AS t(msisdn, home_cell, plan_id, device_type, bill_total_due, bill_overage_charge, arpu, arpu_bills,
                     plan_monthly_fee)""");
        Dataset<Row> cells = spark.sql("""
                SELECT cell_id, CAST(date AS DATE) date, CAST(outage_minutes AS DOUBLE) outage_minutes FROM VALUES
                  ('c1', '2026-11-20', 60.0), ('c1', '2026-11-21', 0.0), ('c1', '2026-11-22', NULL),
                  ('c1', '2026-10-01', 999.0)
                AS t(cell_id, date, outage_minutes)""");
        Dataset<Row> plans = spark.sql("""
                SELECT * FROM VALUES ('POST-129', '5G Plus 129'), ('PRE-8', 'Prepaid Basic 8') AS t(plan_id, plan_name)""");
        Map<String, Row> r = new HashMap<>();
        DriverMeasures.prepare(window, cells, plans, LocalDate.parse("2026-11-22"), s).collectAsList()
                .forEach(row -> r.put(row.getAs("msisdn"), row));
        assertEquals(4.0, r.get("A").<Double>getAs("bill_shock_ratio"), 1e-9, "200 against (3 x 100 - 200) / 2 = 50");
        assertEquals(1.2, r.get("B").<Double>getAs("bill_shock_ratio"), 1e-9,
                "one bill: 80 less 20 of overage against the plan fee 50");
        assertNull(r.get("C").getAs("bill_shock_ratio"), "no bill, no shock");
        assertEquals(20.0, r.get("A").<Double>getAs("home_cell_outage_minutes_per_day"), 1e-9,
                "60 minutes over 3 days in the window; October is outside");
        assertNull(r.get("C").getAs("home_cell_outage_minutes_per_day"));
        assertEquals(1.0, r.get("A").<Double>getAs("device_plan_mismatch"), "a 5G plan on a 4G phone");
        assertEquals(0.0, r.get("B").<Double>getAs("device_plan_mismatch"));
        assertEquals(0.0, r.get("C").<Double>getAs("device_plan_mismatch"));
    }

    @Test
    void problemSignalsAreEvidenceOnlyWhenPresent() {
        PerceptionSettings s = settings(Map.of());
        Dataset<Row> window = spark.sql("SELECT * FROM VALUES ('A', 2L, 0L), ('B', 0L, 0L), ('C', NULL, 5L) "
                + "AS t(msisdn, complaints_about_billing, interactions_item_bill_questions)");
        // Only the two signal measures: the window row has no other measure columns.
        List<Column> out = new ArrayList<>(List.of(col("*")));
        for (String name : List.of("billing_complaints", "bill_questions")) {
            out.add(DriverMeasures.named(name).total().cast("double").as(name + "_total"));
            out.add(DriverMeasures.named(name).samples().as(name + "_samples"));
        }
        Map<String, Row> r = new HashMap<>();
        window.select(out.toArray(Column[]::new)).collectAsList().forEach(row -> r.put(row.getAs("msisdn"), row));
        assertEquals(2.0, r.get("A").<Double>getAs("billing_complaints_total"), 1e-9);
        assertEquals(1.0, r.get("A").<Double>getAs("billing_complaints_samples"), 1e-9);
        assertNull(r.get("A").getAs("bill_questions_samples"), "no bill questions: no evidence, not 100 points");
        assertNull(r.get("B").getAs("billing_complaints_total"));
        assertNull(r.get("C").getAs("billing_complaints_samples"));
        assertEquals(5.0, r.get("C").<Double>getAs("bill_questions_total"), 1e-9);
        assertEquals("BILLING", s.driversOf("BILLING").stream().filter(d -> d.name().equals("bill_questions"))
                .findFirst().orElseThrow().dimension(), "a default driver");
    }

    @Test
    void demarcationComparesWithCellAndDevicePeers() {
        PerceptionSettings s = settings(Map.of());
        // Cell X: 4 of 6 poor on NETWORK. Device M on cell Y: 3 of 4 poor on NETWORK. Z: alone.
        Dataset<Row> scored = spark.sql("""
                SELECT msisdn, home_cell, device_model, CAST(idx AS DOUBLE) perception_index,
                       CAST(net AS DOUBLE) network_score, CAST(NULL AS DOUBLE) service_score, CAST(NULL AS DOUBLE) process_score,
                       CAST(NULL AS DOUBLE) billing_score, CAST(bil AS DOUBLE) product_score,
                       array(named_struct('dimension', dim, 'points_lost', 10.0D)) detractor_dimensions
                FROM VALUES
                  ('x1', 'X', 'P', 30, 20, 90, 'call_drop_rate', 'NETWORK'),
                  ('x2', 'X', 'P', 30, 20, 90, 'call_drop_rate', 'NETWORK'),
                  ('x3', 'X', 'P', 30, 20, 90, 'call_drop_rate', 'NETWORK'),
                  ('x4', 'X', 'P', 30, 20, 90, 'call_drop_rate', 'NETWORK'),
                  ('x5', 'X', 'Q', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('x6', 'X', 'Q', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('y1', 'Y', 'M', 30, 20, 90, 'call_drop_rate', 'NETWORK'),
                  ('y2', 'Y2', 'M', 30, 20, 90, 'call_drop_rate', 'NETWORK'),
                  ('y3', 'Y3', 'M', 30, 20, 90, 'call_drop_rate', 'NETWORK'),
                  ('y4', 'Y4', 'M', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('y5', 'Y', 'R', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('y6', 'Y', 'R', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('y7', 'Y', 'R', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('y8', 'Y', 'R', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('y9', 'Y', 'R', 95, 95, 90, 'call_drop_rate', 'NETWORK'),
                  ('z1', 'Z', 'S', 40, 90, 20, 'device_plan_mismatch', 'PRODUCT')
                AS t(msisdn, home_cell, device_model, idx, net, bil, drv, dim)""");
        Map<String, Row> r = new HashMap<>();
        Demarcation.apply(scored, s).collectAsList().forEach(row -> r.put(row.getAs("msisdn"), row));
        assertEquals("AREA", r.get("x1").getAs("demarcation"), "3 of 5 cell peers poor");
        assertEquals(0.6, r.get("x1").<Double>getAs("peer_cell_poor_share"), 1e-9);
        // y5..y9 are y1's cell peers (0 of 5 poor); y2, y3, y4 its device peers: only 3, below min-peers 5.
        assertEquals(0.0, r.get("y1").<Double>getAs("peer_cell_poor_share"), 1e-9);
        assertEquals(3L, (long) r.get("y1").getAs("peer_device_subscribers"));
        assertEquals("NETWORK_WIDE", r.get("y1").getAs("demarcation"), "7 of 16 poor on NETWORK >= 0.25");
        assertEquals("PRODUCT", r.get("z1").getAs("demarcation_dimension"));
        assertEquals("SUBSCRIBER", r.get("z1").getAs("demarcation"), "nobody else is poor on PRODUCT");
        assertNull(r.get("x5").getAs("demarcation"), "not poor: no demarcation");

        Map<String, Row> fewer = new HashMap<>();
        Demarcation.apply(scored, settings(Map.of("ganzhi.perception.demarcation.min-peers", 3))).collectAsList()
                .forEach(row -> fewer.put(row.getAs("msisdn"), row));
        assertEquals("DEVICE", fewer.get("y1").getAs("demarcation"), "2 of 3 device peers poor, 0 of 5 cell peers");
        assertEquals(2.0 / 3, fewer.get("y1").<Double>getAs("peer_device_poor_share"), 1e-4);
    }
}
