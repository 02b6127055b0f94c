package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;

import static org.ganzhi.publish.GoldTestRows.count;
import static org.ganzhi.publish.GoldTestRows.number;
import static org.ganzhi.publish.GoldTestRows.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gold.segment_summary with k = 2: one large group, two small ones, one of another date. */
class SegmentSummaryTest extends SparkTestBase {
    private static final String BIG = "date = DATE'2026-11-10' AND persona = 'STREAMER' AND value_tier = 'HIGH' "
            + "AND lifecycle_stage = 'IN_NETWORK' AND region = 'North'";

    private Dataset<Row> summary;

    @BeforeAll
    void compute() {
        // The big group: 11 indexes (sorted 12 30 41 50 55 60 72 86 88 90 95) and one subscriber without.
        Dataset<Row> scores = spark.sql("""
                SELECT msisdn, DATE(date) date, persona, value_tier, lifecycle_stage, region,
                       CAST(perception_index AS DOUBLE) perception_index, experience_level,
                       CAST(network_score AS DOUBLE) network_score, CAST(NULL AS DOUBLE) service_score,
                       CAST(NULL AS DOUBLE) process_score, CAST(NULL AS DOUBLE) billing_score,
                       CAST(NULL AS DOUBLE) product_score FROM VALUES
                  ('A01', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 30, 'NEGATIVE', 40),
                  ('A02', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 12, 'NEGATIVE', 20),
                  ('A03', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 50, 'NONE', 60),
                  ('A04', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 41, 'NONE', NULL),
                  ('A05', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 90, 'HIGH', NULL),
                  ('A06', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 88, 'HIGH', NULL),
                  ('A07', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 72, 'MEDIUM', NULL),
                  ('A08', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 60, 'LOW', NULL),
                  ('A09', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 55, 'LOW', NULL),
                  ('A10', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 86, 'HIGH', NULL),
                  ('A11', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 95, 'HIGH', NULL),
                  ('A12', '2026-11-10', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', NULL, NULL, NULL),
                  ('A01', '2026-11-09', 'STREAMER', 'HIGH', 'IN_NETWORK', 'North', 31, 'NEGATIVE', 40),
                  ('B01', '2026-11-10', 'CALLER', 'LOW', 'IN_NETWORK', 'North', 70, 'MEDIUM', 70),
                  ('C01', '2026-11-10', NULL, 'LOW', 'ONBOARDING', 'South', 40, 'NONE', 50),
                  ('C02', '2026-11-10', NULL, 'LOW', 'ONBOARDING', 'South', 80, 'MEDIUM', 90)
                AS t(msisdn, date, persona, value_tier, lifecycle_stage, region, perception_index, experience_level,
                     network_score)""");
        summary = SegmentSummary.compute(scores, GoldTestRows.settings()).cache();
    }

    @Test
    void meanP10AndLevelDistribution() {
        assertEquals(4, summary.count(), "a group per date: A01's Nov 9 row is its own");
        Row big = only(summary, BIG);
        assertEquals(12L, count(big, "subscribers"));
        assertEquals(11L, count(big, "scored_subscribers"));
        assertEquals(679.0 / 11, number(big, "perception_index_mean"), 1e-9);
        assertEquals(30.0, number(big, "perception_index_p10"), 0, "the ceil(0.1 x 11) = 2nd smallest of 11");
        assertEquals(40.0, number(big, "network_score_mean"), 1e-12, "over the three who have the dimension");
        assertEquals(20.0, number(big, "network_score_p10"), 0);
        assertNull(big.getAs("service_score_mean"));
        assertNull(big.getAs("service_score_p10"));
        assertEquals(2L, count(big, "negative_subscribers"));
        assertEquals(2L, count(big, "none_subscribers"));
        assertEquals(2L, count(big, "low_subscribers"));
        assertEquals(1L, count(big, "medium_subscribers"));
        assertEquals(4L, count(big, "high_subscribers"));
        assertEquals(2.0 / 11, number(big, "negative_share"), 1e-12, "shares are of the subscribers with a level");
        assertEquals(1.0 / 11, number(big, "medium_share"), 1e-12);
        assertEquals(4.0 / 11, number(big, "high_share"), 1e-12);
        assertFalse(big.<Boolean>getAs("redacted"));
    }

    @Test
    void aMissingAttributeIsItsOwnGroupAndTwoSubscribersAreEnough() {
        Row unknown = only(summary, "persona = 'UNKNOWN'");
        assertEquals("ONBOARDING", unknown.getAs("lifecycle_stage"));
        assertFalse(unknown.<Boolean>getAs("redacted"), "k = 2 subscribers is enough");
        assertEquals(2L, count(unknown, "subscribers"));
        assertEquals(60.0, number(unknown, "perception_index_mean"), 1e-12);
        assertEquals(40.0, number(unknown, "perception_index_p10"), 0);
        assertEquals(0.5, number(unknown, "none_share"), 1e-12);
        assertEquals(0.0, number(unknown, "negative_share"), 0);
    }

    @Test
    void aGroupOfOneIsRedacted() {
        Row caller = only(summary, "persona = 'CALLER'");
        assertTrue(caller.<Boolean>getAs("redacted"));
        for (String c : new String[]{"subscribers", "scored_subscribers", "perception_index_mean", "perception_index_p10",
                "network_score_p10", "medium_subscribers", "medium_share"}) {
            assertNull(caller.getAs(c), c);
        }
        Row earlier = only(summary, "date = DATE'2026-11-09'");
        assertEquals(Date.valueOf("2026-11-09"), earlier.getAs("date"));
        assertTrue(earlier.<Boolean>getAs("redacted"));
    }
}
