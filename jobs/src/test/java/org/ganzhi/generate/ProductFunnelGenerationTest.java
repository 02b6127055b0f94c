package org.ganzhi.generate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.ganzhi.common.Lake;
import org.ganzhi.common.RunSummary;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.ingest.ContractParser;
import org.ganzhi.ingest.LandingReader;
import org.ganzhi.privacy.Pseudonymizer;
import org.ganzhi.sample.GenerateOptions;
import org.ganzhi.publish.AdoptionFunnel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_position;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generates a lake of the product_event feed alone (10 000 subscribers x 45 days, the other feeds
 * switched off so it stays quick), reads it with ingestion's own contract parser and measures
 * the adoption funnel against the planted rates in truth/product_funnel.
 * <p>
 * The measurement follows journeys, not a window: every (subscriber, product) whose campaign
 * contact came in the first {@value #COHORT_DAYS} days, and the deepest stage each reached.
 * A journey lasts at most 17 days (delay-days 2 + 3 + 7 + 5) and a row arrives at most 3 days
 * late, so these journeys are seen whole. For this one test a subscriber is contacted about a
 * product at most once (recontact-days 90, longer than the range), so a subscriber and product
 * are one journey; churn and dirty rows are switched off, since a leaving subscriber or a
 * quarantined row would cut a journey short and bias the rates low (defects of product_event
 * are checked with every other feed's in LandingLinesTest and GenerateJobTest).
 */
class ProductFunnelGenerationTest extends SparkTestBase {
    private static final LocalDate START = LocalDate.of(2026, 11, 2);
    private static final int SUBSCRIBERS = 10_000;
    private static final int DAYS = 45;
    private static final int COHORT_DAYS = DAYS - 17 - 3;
    private static final List<String> STAGES = AdoptionFunnel.STAGES;

    private GanzhiConfig config;
    private Pseudonymizer pseudonymizer;
    private Lake lake;
    private Dataset<Row> parsed;

    @BeforeAll
    void generateAndParse() {
        Map<String, Object> overrides = new HashMap<>();
        for (String other : List.of("voice_cdr", "data_session", "billing", "complaint", "service_interaction",
                "service_order", "survey", "outcome", "feedback", "product_validation", "subscriber", "plan", "cell", "cell_outage")) {
            overrides.put("ganzhi.sources." + other + ".enabled", false);
        }
        overrides.put("ganzhi.generate.product-funnel.recontact-days", 90);
        overrides.put("ganzhi.generate.dirty.source-shares.product_event", 0.0);
        overrides.put("ganzhi.generate.lifecycle.churn-per-day.bad-experience", 0.0);
        overrides.put("ganzhi.generate.lifecycle.churn-per-day.good-experience", 0.0);
        config = GanzhiConfig.defaults().with(overrides);
        assertEquals(List.of("product_event"), List.copyOf(config.sources().keySet()));
        pseudonymizer = TestKeys.pseudonymizer();
        lake = new Lake(tmp.resolve("lake").toString());
        GenerateJob.run(spark, config, new GenerateOptions(lake, SUBSCRIBERS, DAYS, START, 3, false), pseudonymizer,
                new RunSummary("generate"));

        SourceContract contract = config.source("product_event");
        String[] partitions = IntStream.range(0, DAYS).mapToObj(d -> lake.landingPartition("product_event", START.plusDays(d)))
                .toArray(String[]::new);
        parsed = new ContractParser(contract, config.operator(), config.ingest(), pseudonymizer)
                .parse(LandingReader.read(spark, contract, partitions))
                .withColumn("stage_order", array_position(array(STAGES.stream().map(stage -> lit(stage))
                        .toArray(Column[]::new)), col("stage")).cast("int"))
                .cache();
        parsed.createOrReplaceTempView("product_event");
    }

    @Test
    void everyLandingRowPassesTheContractAndTheVolumeIsSmall() {
        long rows = scalarLong("SELECT count(*) FROM product_event");
        assertEquals(0L, scalarLong("SELECT count(*) FROM product_event WHERE " + ContractParser.REASON + " IS NOT NULL"),
                "clean rows only in this lake: every line parses under the contract");
        assertEquals(rows, scalarLong("SELECT count(DISTINCT event_id) FROM product_event"), "ids are unique");
        assertEquals(scalarLong("SELECT sum(rows) FROM parquet.`" + lake.truth("delivered_rows") + "` WHERE source = 'product_event'"),
                rows, "the truth counts every delivered row");
        // About three events per subscriber and month (fewer in the first weeks, with no journeys under way yet).
        double perSubscriberMonth = rows / (SUBSCRIBERS * DAYS / 30.0);
        assertTrue(perSubscriberMonth > 2 && perSubscriberMonth < 6, "events per subscriber and month " + perSubscriberMonth);
        assertEquals(5L, scalarLong("SELECT count(DISTINCT product_id) FROM product_event"));
        assertEquals(5L, scalarLong("SELECT count(DISTINCT stage) FROM product_event"));
        assertEquals(5L, scalarLong("SELECT count(DISTINCT channel) FROM product_event"));
    }

    @Test
    void eachStageOfAJourneyComesAfterTheOneBefore() {
        // One journey per subscriber and product here. A use without its subscription can only be
        // at the end, where the subscription row may arrive after the last delivery.
        long outOfOrder = scalarLong("""
                SELECT count(*) FROM (
                  SELECT msisdn, product_id,
                         min(CASE WHEN stage_order = 1 THEN ts END) a, min(CASE WHEN stage_order = 2 THEN ts END) i,
                         min(CASE WHEN stage_order = 3 THEN ts END) t, min(CASE WHEN stage_order = 4 THEN ts END) c,
                         min(CASE WHEN stage_order = 5 THEN ts END) u, count(CASE WHEN stage_order < 5 THEN 1 END) steps,
                         min(CASE WHEN stage_order = 5 THEN event_date END) first_use
                  FROM product_event GROUP BY msisdn, product_id)
                WHERE i <= a OR t <= i OR c <= t OR u <= c OR steps > 4
                   OR (u IS NOT NULL AND c IS NULL AND first_use < DATE'""" + START.plusDays(DAYS - 3) + "')");
        assertEquals(0L, outOfOrder);
        assertTrue(scalarLong("SELECT count(*) FROM product_event WHERE stage = 'USE'") > 100);
    }

    /**
     * Conversion of stage k from stage k-1 among the cohort's journeys against the planted rate p:
     * given n journeys at k-1, those going on are Binomial(n, p), so the measured share is within
     * 4 standard errors, 4 sqrt(p (1 - p) / n), of p (20 checks; a miss by chance is below 1e-3).
     * n runs from about 5 000 contacts (VIDEO_PACK) down to some 75 subscribers (INTL_ROAMING's
     * USE), so the tolerance runs from about 0.03 to 0.19; the interest stages (n in the
     * thousands, tolerance 0.03) would notice persona factors being left out of the rates.
     */
    @Test
    void measuredConversionsMatchThePlantedRates() {
        Map<String, Double> planted = new HashMap<>();
        for (Row r : sql("SELECT product_id, stage, conversion_from_previous FROM parquet.`" + lake.truth("product_funnel")
                + "` WHERE stage_order > 1")) {
            planted.put(r.getString(0) + "/" + r.getString(1), r.getDouble(2));
        }
        assertEquals(20, planted.size());
        Map<String, long[]> reached = new HashMap<>();
        for (Row r : sql(cohortDeepestStages("product_id", ""))) {
            reached.computeIfAbsent(r.getString(0), k -> new long[STAGES.size() + 1])[r.getInt(1)] = r.getLong(2);
        }
        assertEquals(5, reached.size());
        for (Map.Entry<String, long[]> product : reached.entrySet()) {
            long[] atLeast = atLeast(product.getValue());
            assertTrue(atLeast[1] > 1500, product.getKey() + " contacts " + atLeast[1]);
            for (int k = 2; k <= STAGES.size(); k++) {
                double p = planted.get(product.getKey() + "/" + STAGES.get(k - 1));
                long n = atLeast[k - 1];
                double measured = (double) atLeast[k] / n;
                double tolerance = 4 * Math.sqrt(p * (1 - p) / n);
                assertEquals(p, measured, tolerance, product.getKey() + " " + STAGES.get(k - 1) + " from " + n);
            }
        }
    }

    @Test
    void theProductPersonaTakesUpProductsMoreReadily() {
        Map<String, long[]> reached = new HashMap<>();
        for (Row r : sql(cohortDeepestStages("CASE WHEN persona = 'PRODUCT' THEN 'PRODUCT' ELSE 'OTHER' END",
                "JOIN (SELECT msisdn_pseudonym AS msisdn, persona FROM parquet.`" + lake.truth("subscriber") + "`) USING (msisdn)"))) {
            reached.computeIfAbsent(r.getString(0), k -> new long[STAGES.size() + 1])[r.getInt(1)] = r.getLong(2);
        }
        long[] product = atLeast(reached.get("PRODUCT"));
        long[] other = atLeast(reached.get("OTHER"));
        // Planted: every conversion x 1.5 for PRODUCT (pooled over products: interest 0.29 vs 0.44).
        double productInterest = (double) product[2] / product[1];
        double otherInterest = (double) other[2] / other[1];
        assertTrue(productInterest > 1.3 * otherInterest, "interest PRODUCT " + productInterest + " others " + otherInterest);
        double productAcceptance = (double) product[4] / product[1];
        double otherAcceptance = (double) other[4] / other[1];
        assertTrue(productAcceptance > 2 * otherAcceptance,
                "acceptance from awareness PRODUCT " + productAcceptance + " others " + otherAcceptance);
    }

    /** Journeys of the cohort per group and deepest stage: (group, deepest stage_order, journeys). */
    private String cohortDeepestStages(String group, String join) {
        return "SELECT " + group + " AS g, deepest, count(*) FROM ("
                + "  SELECT msisdn, product_id, max(stage_order) deepest FROM product_event GROUP BY msisdn, product_id"
                + "  HAVING min(CASE WHEN stage_order = 1 THEN event_date END) < DATE'" + START.plusDays(COHORT_DAYS) + "') "
                + join + " GROUP BY 1, 2";
    }

    /** Journeys that reached at least stage k, from journeys by deepest stage (index = stage_order). */
    private static long[] atLeast(long[] byDeepest) {
        long[] atLeast = new long[byDeepest.length];
        for (int k = byDeepest.length - 1; k >= 1; k--) {
            atLeast[k] = byDeepest[k] + (k + 1 < byDeepest.length ? atLeast[k + 1] : 0);
        }
        return atLeast;
    }
}
