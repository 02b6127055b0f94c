package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.ganzhi.publish.GoldTestRows.count;
import static org.ganzhi.publish.GoldTestRows.number;
import static org.ganzhi.publish.GoldTestRows.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gold.region_scorecard of 2026-11-10, k = 2, the default targets (mean index 75, poor share
 * 0.15, HIGH share 0.30, dimension means 75) except service-score, which has none here.
 */
class RegionScorecardTest extends SparkTestBase {
    private Dataset<Row> scorecard;

    @BeforeAll
    void compute() {
        Dataset<Row> scores = spark.sql("""
                SELECT msisdn, DATE(date) date, region, CAST(perception_index AS DOUBLE) perception_index, experience_level,
                       CAST(network_score AS DOUBLE) network_score, CAST(service_score AS DOUBLE) service_score,
                       CAST(process_score AS DOUBLE) process_score, CAST(billing_score AS DOUBLE) billing_score,
                       CAST(product_score AS DOUBLE) product_score FROM VALUES
                  ('N1', '2026-11-10', 'North', 80, 'MEDIUM', 70, 60, NULL, 75, 74),
                  ('N2', '2026-11-10', 'North', 90, 'HIGH', 90, 80, NULL, 75, 74),
                  ('N3', '2026-11-10', 'North', 50, 'NONE', NULL, 40, NULL, 75, 74),
                  ('N4', '2026-11-10', 'North', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                  ('N5', '2026-11-09', 'North', 0, 'NEGATIVE', 0, 0, 0, 0, 0),
                  ('S1', '2026-11-10', 'South', 85, 'HIGH', 85, 85, 85, 85, 85),
                  ('S2', '2026-11-10', 'South', 75, 'MEDIUM', 75, 75, 75, 75, 75),
                  ('E1', '2026-11-10', 'East', 70, 'MEDIUM', 70, 70, 70, 70, 70),
                  ('E2', '2026-11-10', 'East', 90, 'HIGH', 90, 90, 90, 90, 90),
                  ('W1', '2026-11-10', 'West', 95, 'HIGH', 95, 95, 95, 95, 95),
                  ('U1', '2026-11-10', NULL, 99, 'HIGH', 99, 99, 99, 99, 99),
                  ('U2', '2026-11-10', NULL, 99, 'HIGH', 99, 99, 99, 99, 99)
                AS t(msisdn, date, region, perception_index, experience_level,
                     network_score, service_score, process_score, billing_score, product_score)""");
        Map<String, Object> noServiceTarget = new HashMap<>();
        noServiceTarget.put("ganzhi.publish.region-targets.service-score", null);
        scorecard = RegionScorecard.compute(scores, LocalDate.of(2026, 11, 10), GoldTestRows.settings(noServiceTarget)).cache();
    }

    @Test
    void kpisOfTheRunDate() {
        assertEquals(5, scorecard.count(), "North, South, East, West, UNKNOWN");
        Row north = only(scorecard, "region = 'North'");
        assertEquals(Date.valueOf("2026-11-10"), north.getAs("date"));
        assertEquals(4L, count(north, "subscribers"), "N5 is of Nov 9");
        assertEquals(3L, count(north, "scored_subscribers"), "N4 has no index");
        assertEquals(220.0 / 3, number(north, "perception_index_mean"), 1e-9);
        assertEquals(1L, count(north, "poor_subscribers"), "NONE is poor by default, MEDIUM is not");
        assertEquals(1.0 / 3, number(north, "poor_share"), 1e-12);
        assertEquals(1L, count(north, "high_subscribers"));
        assertEquals(1.0 / 3, number(north, "high_share"), 1e-12);
        assertEquals(80.0, number(north, "network_score_mean"), 1e-12, "over the two who have the dimension");
        assertEquals(60.0, number(north, "service_score_mean"), 1e-12);
        assertNull(north.getAs("process_score_mean"), "nobody has it");
        assertFalse(north.<Boolean>getAs("redacted"));
    }

    @Test
    void gapsToTheTargets() {
        Row north = only(scorecard, "region = 'North'");
        assertEquals(75.0, number(north, "perception_index_mean_target"), 0);
        assertEquals(220.0 / 3 - 75, number(north, "perception_index_mean_gap"), 1e-9);
        assertFalse(north.<Boolean>getAs("perception_index_mean_met"));
        assertEquals(1.0 / 3 - 0.15, number(north, "poor_share_gap"), 1e-12);
        assertFalse(north.<Boolean>getAs("poor_share_met"), "a poor share above its target misses it");
        assertEquals(1.0 / 3 - 0.30, number(north, "high_share_gap"), 1e-12);
        assertTrue(north.<Boolean>getAs("high_share_met"));
        assertEquals(5.0, number(north, "network_score_mean_gap"), 1e-12);
        assertTrue(north.<Boolean>getAs("network_score_mean_met"));
        assertEquals(0.0, number(north, "billing_score_mean_gap"), 1e-12);
        assertTrue(north.<Boolean>getAs("billing_score_mean_met"), "exactly on target is met");
        assertEquals(-1.0, number(north, "product_score_mean_gap"), 1e-12);
        assertFalse(north.<Boolean>getAs("product_score_mean_met"));
        assertNull(north.getAs("process_score_mean_gap"), "no value, no gap");
        assertNull(north.getAs("process_score_mean_met"));
        assertNull(north.getAs("service_score_mean_target"), "service-score has no target here");
        assertNull(north.getAs("service_score_mean_gap"));
        assertNull(north.getAs("service_score_mean_met"));

        Row south = only(scorecard, "region = 'South'");
        assertEquals(0.0, number(south, "poor_share"), 0);
        assertEquals(-0.15, number(south, "poor_share_gap"), 1e-12);
        assertTrue(south.<Boolean>getAs("poor_share_met"), "a poor share below its target meets it");
        assertEquals(5.0, number(south, "perception_index_mean_gap"), 1e-12);
        assertTrue(south.<Boolean>getAs("perception_index_mean_met"));
    }

    @Test
    void rankedByMeanIndexTiesByName() {
        // West (95, one subscriber) is first but redacted; East and South tie on 80.
        assertEquals(2L, count(only(scorecard, "region = 'East'"), "rank"));
        assertEquals(3L, count(only(scorecard, "region = 'South'"), "rank"));
        assertEquals(4L, count(only(scorecard, "region = 'North'"), "rank"));
        Row unknown = only(scorecard, "region = 'UNKNOWN'");
        assertEquals(2L, count(unknown, "subscribers"));
        assertEquals(99.0, number(unknown, "perception_index_mean"), 1e-12);
        assertNull(unknown.getAs("rank"), "subscribers without a region are no unit to rank");
    }

    @Test
    void aRegionOfOneSubscriberIsRedacted() {
        Row west = only(scorecard, "region = 'West'");
        assertTrue(west.<Boolean>getAs("redacted"));
        assertNull(west.getAs("subscribers"));
        assertNull(west.getAs("perception_index_mean"));
        assertNull(west.getAs("perception_index_mean_gap"));
        assertNull(west.getAs("perception_index_mean_met"));
        assertNull(west.getAs("high_share"));
        assertNull(west.getAs("rank"));
        assertEquals(75.0, number(west, "perception_index_mean_target"), 0, "a target is configuration, not data");
    }
}
