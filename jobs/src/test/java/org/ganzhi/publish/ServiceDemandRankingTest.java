package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;

import static org.ganzhi.publish.GoldTestRows.count;
import static org.ganzhi.publish.GoldTestRows.number;
import static org.ganzhi.publish.GoldTestRows.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gold.service_demand_ranking, run date 2026-11-10, 7-day window (event dates Nov 4..10), k = 2. */
class ServiceDemandRankingTest extends SparkTestBase {
    private Dataset<Row> ranking;

    @BeforeAll
    void compute() {
        Dataset<Row> interactions = spark.sql("""
                SELECT msisdn, DATE(event_date) event_date, service_item, service_class,
                       CAST(handle_time_s AS INT) handle_time_s, outcome FROM VALUES
                  ('A', '2026-11-05', 'H01', 'HANDLING', 100, 'DONE'),
                  ('B', '2026-11-05', 'H01', 'HANDLING', 200, 'FAILED'),
                  ('C', '2026-11-05', 'H01', 'HANDLING', 300, 'DONE'),
                  ('A', '2026-11-06', 'H02', 'HANDLING', 60, 'DONE'),
                  ('B', '2026-11-06', 'H02', 'HANDLING', NULL, 'FAILED'),
                  ('D', '2026-11-04', 'H03', 'HANDLING', 30, 'DONE'),
                  ('D', '2026-11-07', 'H03', 'HANDLING', 30, 'DONE'),
                  ('D', '2026-11-10', 'H03', 'HANDLING', 60, 'TRANSFERRED'),
                  ('E', '2026-11-08', 'H03', 'HANDLING', 40, 'DONE'),
                  ('F', '2026-11-08', 'H04', 'HANDLING', 10, 'DONE'),
                  ('A', '2026-11-03', 'H05', 'HANDLING', 10, 'DONE'),
                  ('G', '2026-11-11', 'H03', 'HANDLING', 10, 'DONE'),
                  ('A', '2026-11-09', 'Q01', 'QUERY', 20, 'DONE'),
                  ('B', '2026-11-09', 'Q01', 'QUERY', 40, 'FAILED')
                AS t(msisdn, event_date, service_item, service_class, handle_time_s, outcome)""");
        ranking = ServiceDemandRanking.compute(interactions, LocalDate.of(2026, 11, 10), GoldTestRows.settings()).cache();
    }

    @Test
    void itemsOutsideTheWindowAreNotRanked() {
        // H05 (Nov 3) has no row; G's H03 on Nov 11 would tie H03 with H01 on 3 subscribers.
        assertEquals(5, ranking.count());
        Row h03 = only(ranking, "service_item = 'H03'");
        assertEquals(Date.valueOf("2026-11-04"), h03.getAs("window_start"));
        assertEquals(Date.valueOf("2026-11-10"), h03.getAs("window_end"));
        assertEquals(4L, count(h03, "interactions"));
        assertEquals(2L, count(h03, "subscribers"), "D three times and E once");
    }

    @Test
    void attentionAndFrequencyRanksWithinTheClass() {
        // Subscribers: H01 3, H02 2, H03 2 (tie: H02 first by code although H03 has more interactions).
        assertEquals(1L, count(only(ranking, "service_item = 'H01'"), "rank_by_attention"));
        assertEquals(2L, count(only(ranking, "service_item = 'H02'"), "rank_by_attention"));
        assertEquals(3L, count(only(ranking, "service_item = 'H03'"), "rank_by_attention"));
        // Interactions: H03 4, H01 3, H02 2.
        assertEquals(1L, count(only(ranking, "service_item = 'H03'"), "rank_by_frequency"));
        assertEquals(2L, count(only(ranking, "service_item = 'H01'"), "rank_by_frequency"));
        assertEquals(3L, count(only(ranking, "service_item = 'H02'"), "rank_by_frequency"));
        Row q01 = only(ranking, "service_item = 'Q01'");
        assertEquals(1L, count(q01, "rank_by_attention"), "QUERY items are ranked among themselves");
        assertEquals(1L, count(q01, "rank_by_frequency"));
        assertEquals(1.0, number(q01, "class_interaction_share"), 1e-12);
    }

    @Test
    void sharesFailuresAndHandleTime() {
        // The HANDLING class has 3 + 2 + 4 + 1 = 10 interactions in the window (H04's included).
        Row h01 = only(ranking, "service_item = 'H01'");
        assertEquals(0.3, number(h01, "class_interaction_share"), 1e-12);
        assertEquals(1L, count(h01, "failed_interactions"));
        assertEquals(1.0 / 3, number(h01, "failed_share"), 1e-12);
        assertEquals(200.0, number(h01, "handle_time_s_mean"), 1e-12);
        Row h02 = only(ranking, "service_item = 'H02'");
        assertEquals(0.2, number(h02, "class_interaction_share"), 1e-12);
        assertEquals(0.5, number(h02, "failed_share"), 1e-12);
        assertEquals(60.0, number(h02, "handle_time_s_mean"), 1e-12, "the interaction without a time is not a 0");
        assertEquals(1L, count(h02, "handle_time_samples"));
        Row h03 = only(ranking, "service_item = 'H03'");
        assertEquals(0.4, number(h03, "class_interaction_share"), 1e-12);
        assertEquals(0.0, number(h03, "failed_share"), 1e-12, "TRANSFERRED is not FAILED");
        assertEquals(40.0, number(h03, "handle_time_s_mean"), 1e-12);
        assertFalse(h03.<Boolean>getAs("redacted"));
    }

    @Test
    void anItemOfOneSubscriberIsRedactedRanksIncluded() {
        Row h04 = only(ranking, "service_item = 'H04'");
        assertEquals("HANDLING", h04.getAs("service_class"));
        assertTrue(h04.<Boolean>getAs("redacted"));
        assertNull(h04.getAs("subscribers"));
        assertNull(h04.getAs("interactions"));
        assertNull(h04.getAs("rank_by_attention"));
        assertNull(h04.getAs("rank_by_frequency"));
        assertNull(h04.getAs("class_interaction_share"));
        assertNull(h04.getAs("handle_time_s_mean"));
    }
}
