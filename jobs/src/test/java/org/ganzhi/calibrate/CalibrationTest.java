package org.ganzhi.calibrate;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.ganzhi.Cli;
import org.ganzhi.SparkTestBase;
import org.ganzhi.cli.Main;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.perception.PerceptionSettings.Driver;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Calibration on a synthetic population: 800 subscribers on each of five dates; the complaint
 * log-odds fall steeply with the call_drop_rate score, slightly with interaction_failure_rate, and
 * not at all with bill_shock_ratio (missing for a third of the rows). Trained on Nov 1..3, tested
 * on Nov 5.
 */
class CalibrationTest extends SparkTestBase {
    private static final List<Driver> DRIVERS = List.of(
            new Driver("call_drop_rate", "NETWORK", 0.01, 0.08, 1.0, "VOICE", "HOME_CELL", 10),
            new Driver("voice_mos", "NETWORK", 4.0, 2.8, 0.8, "VOICE", "HOME_CELL", 10),
            new Driver("interaction_failure_rate", "SERVICE", 0.06, 0.35, 1.0, "ANY", "SEGMENT", 3),
            new Driver("bill_shock_ratio", "BILLING", 1.2, 2.0, 1.0, "ANY", "NONE", 10));
    private static final Map<String, Double> DIMENSIONS = Map.of("NETWORK", 0.30, "SERVICE", 0.20, "PROCESS", 0.20,
            "BILLING", 0.15, "PRODUCT", 0.15);
    /** The risk model's inputs: the driver scores and a tenure that does not matter. */
    private static final List<String> INPUTS = List.of("call_drop_rate_score", "voice_mos_score",
            "interaction_failure_rate_score", "bill_shock_ratio_score", "tenure_days");
    private static final Calibration.Split SPLIT = new Calibration.Split(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 3),
            LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 5));

    private CalibrateSettings settings;
    private Dataset<Row> examples;
    private Calibration.Result result;

    @BeforeAll
    void fit() {
        settings = settings(30);
        examples = synthetic(spark, 800, 5).cache();
        result = Calibration.calibrate(examples, Outcomes.COMPLAINT, SPLIT, DRIVERS, DIMENSIONS, INPUTS, settings);
    }

    /**
     * {@code subscribers} rows on each of the dates Nov 1 .. Nov {@code days}: four driver scores
     * uniform on 0..100 (bill_shock_ratio missing for a third), perception_index their mean and
     * complaint_next_7d drawn with log-odds −3 + 0.06 (100 − call drop) + 0.008 (100 − interaction).
     */
    static Dataset<Row> synthetic(SparkSession spark, int subscribers, int days) {
        StructType schema = StructType.fromDDL("msisdn STRING, date DATE, perception_index DOUBLE, call_drop_rate_score DOUBLE, "
                + "voice_mos_score DOUBLE, interaction_failure_rate_score DOUBLE, bill_shock_ratio_score DOUBLE, "
                + "tenure_days INT, complaint_next_7d INT");
        Random random = new Random(42);
        List<Row> rows = new ArrayList<>();
        for (int day = 1; day <= days; day++) {
            for (int sub = 0; sub < subscribers; sub++) {
                double callDrop = 100 * random.nextDouble();
                double mos = 100 * random.nextDouble();
                double interaction = 100 * random.nextDouble();
                Double billShock = random.nextDouble() < 0.33 ? null : 100 * random.nextDouble();
                double logOdds = -3.0 + 0.06 * (100 - callDrop) + 0.008 * (100 - interaction);
                int complained = random.nextDouble() < 1 / (1 + Math.exp(-logOdds)) ? 1 : 0;
                double index = (callDrop + mos + interaction + (billShock == null ? 50 : billShock)) / 4;
                rows.add(RowFactory.create("S" + sub, Date.valueOf(LocalDate.of(2026, 11, day)), index, callDrop, mos,
                        interaction, billShock, random.nextInt(3000), complained));
            }
        }
        return spark.createDataFrame(rows, schema);
    }

    private static CalibrateSettings settings(int minPositives) {
        return CalibrateSettings.from(GanzhiConfig.defaults().with(Map.of("ganzhi.calibrate.horizon-days", 7,
                "ganzhi.calibrate.min-positives", minPositives, "ganzhi.calibrate.regression.max-iterations", 50)));
    }

    @Test
    void theModelRanksTheLaterDatesWell() {
        assertTrue(result.fitted(), String.valueOf(result.note()));
        assertEquals(2400, result.trainExamples());
        assertEquals(800, result.testExamples());
        Calibration.Evaluation e = result.evaluation();
        assertTrue(e.auc() > 0.75, "AUC " + e.auc());
        assertTrue(e.topDecileLift() > 1.5, "lift " + e.topDecileLift());
        assertNotNull(e.indexAuc());
        assertTrue(e.proposedWeightsAuc() > e.currentWeightsAuc(),
                "the proposed weights rank better than the current: " + e.proposedWeightsAuc() + " vs " + e.currentWeightsAuc());

        List<Calibration.ReliabilityBin> curve = e.reliability();
        assertEquals(10, curve.size(), curve.toString());
        assertEquals(800, curve.stream().mapToLong(Calibration.ReliabilityBin::examples).sum());
        assertTrue(curve.get(9).observedRate() > 3 * curve.get(0).observedRate(), "the riskiest decile complains most: " + curve);
        for (Calibration.ReliabilityBin b : curve) {
            assertEquals(b.observedRate(), b.meanPredicted(), 0.12, "a calibrated model predicts the observed rate: " + b);
        }
    }

    @Test
    void complaintPointsAreWorthWhatTheOutcomesSay() {
        // Truth: log-odds = 2 - 0.05 x index before complaints + 0.15 x complaint points, so one complaint
        // point moves the odds as much as three index points (the configured costs count it as one).
        Random random = new Random(5);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            double before = 40 + 60 * random.nextDouble();
            double points = random.nextDouble() < 0.2 ? 5 + 10 * random.nextInt(4) : 0;
            double logOdds = 2 - 0.05 * before + 0.15 * points;
            double label = random.nextDouble() < 1 / (1 + Math.exp(-logOdds)) ? 1 : 0;
            rows.add(RowFactory.create(before - points, points, label));
        }
        Dataset<Row> train = spark.createDataFrame(rows, StructType.fromDDL("perception_index DOUBLE, complaint_points DOUBLE, "
                + Calibration.LABEL + " DOUBLE"));
        assertEquals(3.0, Calibration.complaintPointWorth(train, settings), 0.6);
        assertNull(Calibration.complaintPointWorth(train.drop("complaint_points"), settings), "no complaint points, no answer");
    }

    @Test
    void theInformativeDriverHasTheMostNegativeCoefficient() {
        Map<String, Double> beta = result.driverFit().driverCoefficients();
        assertEquals(List.of("call_drop_rate", "voice_mos", "interaction_failure_rate", "bill_shock_ratio"),
                List.copyOf(beta.keySet()));
        double callDrop = beta.get("call_drop_rate");
        assertTrue(callDrop < -0.03, "about -0.06 per point: " + callDrop);
        beta.forEach((driver, b) -> assertTrue(driver.equals("call_drop_rate") || b > callDrop, driver + " " + b));
        assertTrue(Math.abs(beta.get("bill_shock_ratio")) < Math.abs(callDrop) / 5, "bill shock carries nothing: " + beta);
        assertTrue(result.driverFit().features().contains("bill_shock_ratio_score_missing"), "indicator for the driver with gaps");
        assertFalse(result.driverFit().features().contains("call_drop_rate_score_missing"), "no indicator without gaps");
        assertEquals(50, result.driverFit().imputedMeans().get("bill_shock_ratio_score"), 3, "imputed with the training mean");
        assertEquals(50, result.fit().featureMeans().get("call_drop_rate_score"), 3, "the average subscriber of the reasons");
        assertFalse(result.driverFit().inputs().contains("tenure_days"), "the driver model reads drivers only");
    }

    @Test
    void theInformativeDriversDimensionGetsTheLargestProposedWeight() {
        Map<String, Double> dimensions = new LinkedHashMap<>();
        Map<String, Double> network = new LinkedHashMap<>();
        for (Calibration.ProposedWeight p : result.proposals()) {
            if (p.level().equals("DIMENSION")) {
                dimensions.put(p.name(), p.proposedWeight());
            } else if (p.dimension().equals("NETWORK")) {
                network.put(p.name(), p.proposedWeight());
            }
        }
        assertEquals(1.0, dimensions.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(dimensions.get("NETWORK") > 0.6, dimensions.toString());
        dimensions.forEach((dim, w) -> assertTrue(dim.equals("NETWORK") || w < dimensions.get("NETWORK"), dimensions.toString()));
        assertEquals(1.0, network.values().stream().mapToDouble(Double::doubleValue).sum(), 1e-9);
        assertTrue(network.get("call_drop_rate") > network.get("voice_mos"), network.toString());
        assertEquals(0.0, dimensions.get("PROCESS"), "no PROCESS driver in the data");
    }

    @Test
    void proposedWeightsAreTheNormalisedNegativeCoefficients() {
        Map<String, Double> beta = new LinkedHashMap<>();
        beta.put("call_drop_rate", -0.04);
        beta.put("voice_mos", -0.01);
        beta.put("interaction_failure_rate", -0.05);
        beta.put("bill_shock_ratio", 0.02);
        Map<String, Calibration.ProposedWeight> byName = new LinkedHashMap<>();
        Calibration.proposeWeights(beta, DRIVERS.subList(0, 4), DIMENSIONS).forEach(p -> byName.put(p.level() + ":" + p.name(), p));
        assertEquals(0.5, byName.get("DIMENSION:NETWORK").proposedWeight(), 1e-12);
        assertEquals(0.5, byName.get("DIMENSION:SERVICE").proposedWeight(), 1e-12);
        assertEquals(0.0, byName.get("DIMENSION:BILLING").proposedWeight(), 1e-12, "a higher bill score raising risk is no evidence");
        assertEquals(0.8, byName.get("DRIVER:call_drop_rate").proposedWeight(), 1e-12);
        assertEquals(0.2, byName.get("DRIVER:voice_mos").proposedWeight(), 1e-12);
        assertEquals(1.0, byName.get("DRIVER:bill_shock_ratio").proposedWeight(), 1e-12, "keeps its current share in a 0 dimension");
        assertEquals(1.0 / 1.8, byName.get("DRIVER:call_drop_rate").currentWeight(), 1e-12, "1.0 of 1.0 + 0.8");
        assertEquals(0.30, byName.get("DIMENSION:NETWORK").currentWeight(), 1e-12);

        Map<String, Double> withoutMos = new LinkedHashMap<>(beta);
        withoutMos.remove("voice_mos");
        List<Calibration.ProposedWeight> partial = Calibration.proposeWeights(withoutMos, DRIVERS, DIMENSIONS);
        assertNull(partial.stream().filter(p -> p.name().equals("voice_mos")).findFirst().orElseThrow().proposedWeight(),
                "a driver the model did not see gets no proposal");
        assertTrue(Calibration.proposeWeights(Map.of("call_drop_rate", 0.01), DRIVERS, DIMENSIONS).isEmpty());
    }

    @Test
    void aSavedModelGivesTheSamePredictions() {
        Lake lake = new Lake(tmp.resolve("lake").toString());
        assertTrue(RiskScore.latestModel(spark, lake, Outcomes.COMPLAINT).isEmpty(), "no model trained yet");
        RiskModel trained = RiskModel.of(1, result, SPLIT, LocalDate.of(2026, 11, 12), "abc123", settings);
        trained.save(spark, lake);
        RiskModel loaded = RiskScore.latestModel(spark, lake, Outcomes.COMPLAINT).orElseThrow();
        assertEquals("complaint-v0001", loaded.versionName());
        assertEquals(INPUTS, loaded.inputs());
        assertEquals("abc123", loaded.perceptionSpec());
        assertEquals(result.evaluation().auc(), loaded.info().get("test_auc").asDouble(), 1e-12);

        Dataset<Row> test = examples.where(SPLIT.test());
        Dataset<Row> before = RiskScore.apply(test, trained, settings.risk()).withColumnRenamed("complaint_risk", "before");
        Dataset<Row> after = RiskScore.apply(test, loaded, settings.risk());
        Dataset<Row> both = before.join(after.select("msisdn", "complaint_risk", "complaint_model_version", "complaint_reasons"),
                "msisdn").cache();
        assertEquals(800, both.count());
        assertEquals(0.0, both.agg(max(abs(col("before").minus(col("complaint_risk"))))).first().getDouble(0), 1e-12);
        Row any = both.first();
        assertEquals("complaint-v0001", any.getAs("complaint_model_version"));
        double risk = any.getAs("complaint_risk");
        assertTrue(risk > 0 && risk < 1);

        // The reasons: positive log-odds terms, most first, at most three; a poor call-drop score is the
        // first reason of the riskiest subscribers.
        for (Row r : both.orderBy(col("complaint_risk").desc()).limit(20).collectAsList()) {
            List<Row> reasons = r.getList(r.fieldIndex("complaint_reasons"));
            assertTrue(reasons.size() >= 1 && reasons.size() <= 3, reasons.toString());
            assertEquals("call_drop_rate_score", reasons.get(0).getAs("input"), reasons.toString());
            assertTrue(reasons.get(0).<Double>getAs("value") < 30, reasons.toString());
            for (int i = 0; i < reasons.size(); i++) {
                assertTrue(reasons.get(i).<Double>getAs("contribution") > 0);
                assertTrue(i == 0 || reasons.get(i).<Double>getAs("contribution") <= reasons.get(i - 1).<Double>getAs("contribution"));
            }
        }
        Row safest = both.orderBy(col("complaint_risk").asc()).first();
        assertTrue(safest.getList(safest.fieldIndex("complaint_reasons")).stream()
                .noneMatch(x -> ((Row) x).getAs("input").equals("call_drop_rate_score")), "a good score is no reason");

        Row none = RiskScore.withoutModel(test, Outcomes.CHURN).first();
        assertTrue(none.isNullAt(1) && none.isNullAt(2) && none.isNullAt(3));
        assertThrows(GanzhiException.class, () -> RiskScore.apply(test.drop("voice_mos_score"), loaded, settings.risk()));
    }

    @Test
    void gradientBoostedTreesAsAnOptionWithImportancesAndReasons() {
        CalibrateSettings trees = CalibrateSettings.from(GanzhiConfig.defaults().with(Map.of("ganzhi.calibrate.min-positives", 30,
                "ganzhi.calibrate.regression.max-iterations", 50, "ganzhi.calibrate.risk.algorithm", "gbt",
                "ganzhi.calibrate.risk.gbt.max-iterations", 15, "ganzhi.calibrate.risk.gbt.max-depth", 3,
                "ganzhi.calibrate.risk.gbt.reason-candidates", 3)));
        Calibration.Result gbt = Calibration.calibrate(examples, Outcomes.COMPLAINT, SPLIT, DRIVERS, DIMENSIONS, INPUTS, trees);
        assertEquals(Calibration.GBT, gbt.fit().algorithm());
        assertNull(gbt.fit().intercept());
        assertTrue(gbt.fit().coefficients().isEmpty());
        assertEquals(Calibration.LOGISTIC, gbt.driverFit().algorithm(), "weights are still proposed from coefficients");
        assertTrue(gbt.evaluation().auc() > 0.75, "AUC " + gbt.evaluation().auc());
        Calibration.Coefficient top = gbt.fit().importances().stream()
                .max(java.util.Comparator.comparingDouble(Calibration.Coefficient::coefficient)).orElseThrow();
        assertEquals("call_drop_rate_score", top.feature(), gbt.fit().importances().toString());

        Lake lake = new Lake(tmp.resolve("gbt-lake").toString());
        RiskModel.of(1, gbt, SPLIT, LocalDate.of(2026, 11, 12), "abc123", trees).save(spark, lake);
        RiskModel loaded = RiskScore.latestModel(spark, lake, Outcomes.COMPLAINT).orElseThrow();
        assertEquals(Calibration.GBT, loaded.algorithm());
        Dataset<Row> risk = RiskScore.apply(examples.where(SPLIT.test()), loaded, trees.risk()).cache();
        assertEquals(800, risk.count(), "one row per subscriber");
        for (Row r : risk.orderBy(col("complaint_risk").desc()).limit(10).collectAsList()) {
            List<Row> reasons = r.getList(r.fieldIndex("complaint_reasons"));
            assertEquals("call_drop_rate_score", reasons.get(0).getAs("input"), reasons.toString());
            assertTrue(reasons.get(0).<Double>getAs("contribution") > 0.5, "setting the drop score to average lowers the odds");
        }
    }

    @Test
    void tooFewPositivesGiveANoteInsteadOfAFit() {
        Calibration.Result sparse = Calibration.calibrate(examples, Outcomes.COMPLAINT, SPLIT, DRIVERS, DIMENSIONS, INPUTS,
                settings(5000));
        assertFalse(sparse.fitted());
        assertTrue(sparse.note().contains("at least 5000 positives"), sparse.note());
        assertEquals(800, sparse.testExamples());
    }

    @Test
    void theDefaultSplitEndsTheTestDatesAHorizonBeforeTheRunDate() {
        Calibration.Split split = Calibration.Split.byDefault(LocalDate.of(2026, 12, 31), settings);
        // horizon 7, test-days 7, gap-days 7, train-days 28 (the defaults)
        assertEquals(LocalDate.of(2026, 12, 24), split.testTo());
        assertEquals(LocalDate.of(2026, 12, 18), split.testFrom());
        assertEquals(LocalDate.of(2026, 12, 10), split.trainTo());
        assertEquals(LocalDate.of(2026, 11, 13), split.trainFrom());
        assertThrows(GanzhiException.class, () -> new Calibration.Split(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 5),
                LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 6)));
    }

    @Test
    void theCommandChecksItsDatesBeforeSparkStarts() {
        String lake = tmp.toString();
        assertEquals(Main.USER_ERROR, run("calibrate", "--lake", lake, "--date", "2026-11-21", "--train-from", "2026-11-01"));
        assertTrue(lastError.contains("all of --train-from"), lastError);
        assertEquals(Main.USER_ERROR, run("calibrate", "--lake", lake, "--date", "2026-11-21", "--train-from", "2026-11-01",
                "--train-to", "2026-11-07", "--test-from", "2026-11-10", "--test-to", "2026-11-15"));
        assertTrue(lastError.contains("latest possible scoring date is 2026-11-14"), lastError);
        assertEquals(Main.USER_ERROR, run("calibrate", "--lake", lake, "--date", "2026-11-21", "--train-from", "2026-11-01",
                "--train-to", "2026-11-10", "--test-from", "2026-11-10", "--test-to", "2026-11-14"));
        assertTrue(lastError.contains("must end before the test dates"), lastError);
        assertEquals(Main.OK, run("calibrate", "--help"));
    }

    private String lastError = "";

    private int run(String... args) {
        Cli.Outcome outcome = Cli.run(Map.of(), args);
        lastError = outcome.err();
        return outcome.code();
    }
}
