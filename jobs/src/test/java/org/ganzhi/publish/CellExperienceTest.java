package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.ganzhi.publish.GoldTestRows.count;
import static org.ganzhi.publish.GoldTestRows.number;
import static org.ganzhi.publish.GoldTestRows.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gold.cell_experience, run date 2026-11-10, 7-day window (Nov 4..10), k = 2, default hot-spot
 * rule: at least 200 connected calls and 10 drops to be ranked, a hot spot from a 4 % drop rate.
 */
class CellExperienceTest extends SparkTestBase {
    private static final LocalDate D = LocalDate.of(2026, 11, 10);

    private Dataset<Row> cellDaily;
    private Dataset<Row> scores;
    private Dataset<Row> cells;
    private Dataset<Row> experience;

    @BeforeAll
    void compute() {
        // C1 in full on two days; its Nov 3 (900 drops) is before the window.
        Dataset<Row> c1 = spark.sql("""
                SELECT cell_id, DATE(date) date, CAST(call_attempts AS BIGINT) call_attempts,
                       CAST(calls_connected AS BIGINT) calls_connected, CAST(calls_dropped AS BIGINT) calls_dropped,
                       CAST(calls_setup_failed AS BIGINT) calls_setup_failed, CAST(mos_sum AS DOUBLE) mos_sum,
                       CAST(mos_samples AS BIGINT) mos_samples, CAST(sessions AS BIGINT) sessions,
                       CAST(sessions_failed AS BIGINT) sessions_failed, CAST(throughput_kbps_sum AS DOUBLE) throughput_kbps_sum,
                       CAST(throughput_samples AS BIGINT) throughput_samples,
                       CAST(low_throughput_sessions AS BIGINT) low_throughput_sessions, CAST(rtt_ms_sum AS DOUBLE) rtt_ms_sum,
                       CAST(rtt_samples AS BIGINT) rtt_samples, CAST(outages AS BIGINT) outages,
                       CAST(outage_minutes AS DOUBLE) outage_minutes, CAST(complaints_naming_cell AS BIGINT) complaints_naming_cell,
                       CAST(network_complaints_home_subscribers AS BIGINT) network_complaints_home_subscribers FROM VALUES
                  ('C1', '2026-11-05', 1200, 1000, 100, 60, 2500, 1000, 4000, 400, 3000000, 3000, 2000, 300000, 3000, 1, 180, 3, 1),
                  ('C1', '2026-11-06', 1200, 1000, 100, 60, 2700, 1000, 6000, 600, 5000000, 5000, 3000, 700000, 5000, 1, 300, 2, 1),
                  ('C1', '2026-11-03', 1200, 1000, 900, 60, 2000, 1000, 6000, 600, 5000000, 5000, 3000, 700000, 5000, 1, 1440, 50, 50)
                AS t(cell_id, date, call_attempts, calls_connected, calls_dropped, calls_setup_failed, mos_sum, mos_samples,
                     sessions, sessions_failed, throughput_kbps_sum, throughput_samples, low_throughput_sessions, rtt_ms_sum,
                     rtt_samples, outages, outage_minutes, complaints_naming_cell, network_complaints_home_subscribers)""");
        // The other cells: voice counts only.
        Dataset<Row> others = spark.sql("""
                SELECT cell_id, DATE(date) date, CAST(call_attempts AS BIGINT) call_attempts,
                       CAST(calls_connected AS BIGINT) calls_connected, CAST(calls_dropped AS BIGINT) calls_dropped,
                       0L calls_setup_failed, CAST(NULL AS DOUBLE) mos_sum, 0L mos_samples, 0L sessions, 0L sessions_failed,
                       CAST(NULL AS DOUBLE) throughput_kbps_sum, 0L throughput_samples, 0L low_throughput_sessions,
                       CAST(NULL AS DOUBLE) rtt_ms_sum, 0L rtt_samples, 0L outages, 0.0D outage_minutes,
                       CAST(complaints AS BIGINT) complaints_naming_cell, 0L network_complaints_home_subscribers FROM VALUES
                  ('C2', '2026-11-07', 5, 4, 4, 0),
                  ('C3', '2026-11-07', 350, 300, 15, 4),
                  ('C4', '2026-11-08', 5500, 5000, 100, 0),
                  ('C5', '2026-11-09', 1100, 1000, 5, 0),
                  ('C7', '2026-11-10', 300, 250, 25, 0),
                  ('C8', '2026-11-10', 330, 300, 15, 0)
                AS t(cell_id, date, call_attempts, calls_connected, calls_dropped, complaints)""");
        cellDaily = c1.unionByName(others);
        scores = spark.sql("""
                SELECT msisdn, DATE(date) date, home_cell, experience_level FROM VALUES
                  ('H1', '2026-11-10', 'C1', 'NEGATIVE'), ('H2', '2026-11-10', 'C1', 'MEDIUM'),
                  ('H3', '2026-11-10', 'C1', NULL), ('H4', '2026-11-09', 'C1', 'NEGATIVE'),
                  ('H5', '2026-11-10', 'C3', 'LOW'),
                  ('H6', '2026-11-10', 'C4', 'NONE'), ('H7', '2026-11-10', 'C4', 'HIGH'),
                  ('H8', '2026-11-10', NULL, 'NEGATIVE')
                AS t(msisdn, date, home_cell, experience_level)""");
        // C1 was re-sited after D (Nov 12); C7 is in no snapshot.
        cells = spark.sql("""
                SELECT cell_id, DATE(snapshot_date) snapshot_date, site_id, region, CAST(lat AS DOUBLE) lat,
                       CAST(lon AS DOUBLE) lon, rat, band FROM VALUES
                  ('C1', '2026-11-01', 'S1', 'North', 30.0, 120.0, '4G', 'B3'),
                  ('C1', '2026-11-08', 'S1', 'North', 30.5, 120.5, '5G', 'n78'),
                  ('C1', '2026-11-12', 'S9', 'South', 31.0, 121.0, '5G', 'n78'),
                  ('C2', '2026-11-01', 'S2', 'North', 30.1, 120.1, '4G', 'B1'),
                  ('C3', '2026-11-01', 'S2', 'North', 30.1, 120.1, '4G', 'B1'),
                  ('C4', '2026-11-01', 'S3', 'South', 29.0, 119.0, '5G', 'n41'),
                  ('C5', '2026-11-01', 'S3', 'South', 29.0, 119.0, '5G', 'n41'),
                  ('C6', '2026-11-01', 'S4', 'South', 29.5, 119.5, '4G', 'B3'),
                  ('C8', '2026-11-01', 'S4', 'South', 29.5, 119.5, '4G', 'B3')
                AS t(cell_id, snapshot_date, site_id, region, lat, lon, rat, band)""");
        experience = CellExperience.compute(cellDaily, scores, cells, D,
                GoldTestRows.settings(Map.of("ganzhi.publish.include-unknown-cells", true))).cache();
    }

    @Test
    void aCellNoSnapshotListsIsLeftOutByDefault() {
        List<String> published = CellExperience.compute(cellDaily, scores, cells, D, GoldTestRows.settings())
                .select("cell_id").as(Encoders.STRING()).collectAsList();
        assertEquals(List.of("C1", "C2", "C3", "C4", "C5", "C6", "C8"), published.stream().sorted().toList(),
                "C7 has traffic but no snapshot: no site, no region, not reported");
    }

    @Test
    void networkKpisOverTheWindow() {
        assertEquals(8, experience.count(), "C1..C8: C6 from the snapshot, C7 from cell_daily");
        Row c1 = only(experience, "cell_id = 'C1'");
        assertEquals(Date.valueOf("2026-11-04"), c1.getAs("window_start"));
        assertEquals(Date.valueOf("2026-11-10"), c1.getAs("window_end"));
        assertEquals(2L, count(c1, "reported_days"));
        assertEquals(2400L, count(c1, "call_attempts"));
        assertEquals(2000L, count(c1, "calls_connected"));
        assertEquals(200L, count(c1, "calls_dropped"), "Nov 3 is outside the window");
        assertEquals(0.1, number(c1, "drop_rate"), 1e-12);
        assertEquals(120L, count(c1, "calls_setup_failed"));
        assertEquals(0.05, number(c1, "setup_failure_rate"), 1e-12);
        assertEquals(2.6, number(c1, "mos_mean"), 1e-12);
        assertEquals(10000L, count(c1, "sessions"));
        assertEquals(0.1, number(c1, "data_failure_rate"), 1e-12);
        assertEquals(1000.0, number(c1, "throughput_kbps_mean"), 1e-9, "8 000 000 kbps over 8 000 sessions");
        assertEquals(0.625, number(c1, "low_throughput_share"), 1e-12);
        assertEquals(125.0, number(c1, "rtt_ms_mean"), 1e-9);
        assertEquals(2L, count(c1, "outages"));
        assertEquals(480.0, number(c1, "outage_minutes"), 1e-9);
        assertEquals(240.0, number(c1, "outage_minutes_per_day"), 1e-9);
        assertEquals(5L, count(c1, "complaints_naming_cell"));
        assertEquals(2L, count(c1, "network_complaints_home_subscribers"));
    }

    @Test
    void attributesFromTheLatestSnapshotUpToD() {
        Row c1 = only(experience, "cell_id = 'C1'");
        assertEquals("S1", c1.getAs("site_id"), "the Nov 12 re-siting had not happened by D");
        assertEquals("North", c1.getAs("region"));
        assertEquals(30.5, number(c1, "lat"), 0);
        assertEquals(120.5, number(c1, "lon"), 0);
        assertEquals("5G", c1.getAs("rat"));
        assertEquals("n78", c1.getAs("band"));

        Row c7 = only(experience, "cell_id = 'C7'");
        assertEquals("UNKNOWN", c7.getAs("region"));
        assertNull(c7.getAs("lat"));
        assertEquals(0.1, number(c7, "drop_rate"), 1e-12, "a cell without a snapshot still reports its KPIs");

        Row c6 = only(experience, "cell_id = 'C6'");
        assertEquals(0L, count(c6, "reported_days"));
        assertEquals(0L, count(c6, "call_attempts"));
        assertNull(c6.getAs("drop_rate"), "no calls: the rate is unknown, not 0");
        assertEquals(0.0, number(c6, "outage_minutes"), 0);
        assertFalse(c6.<Boolean>getAs("hot_spot"));
    }

    @Test
    void onlyCellsPassingBothGuardsAreRanked() {
        Row c2 = only(experience, "cell_id = 'C2'");
        assertEquals(1.0, number(c2, "drop_rate"), 0, "4 drops in 4 calls");
        assertFalse(c2.<Boolean>getAs("hot_spot_eligible"));
        assertNull(c2.getAs("hot_spot_rank"), "4 calls are never the worst cell");
        assertFalse(c2.<Boolean>getAs("hot_spot"));
        Row c5 = only(experience, "cell_id = 'C5'");
        assertFalse(c5.<Boolean>getAs("hot_spot_eligible"), "1 000 calls but only 5 drops");
        assertNull(c5.getAs("hot_spot_rank"));

        // Rates: C1 and C7 10 % (C1 has more drops), C3 and C8 5 % with 15 drops each (by cell id), C4 2 %.
        assertEquals(1L, count(only(experience, "cell_id = 'C1'"), "hot_spot_rank"));
        assertEquals(2L, count(only(experience, "cell_id = 'C7'"), "hot_spot_rank"));
        assertEquals(3L, count(only(experience, "cell_id = 'C3'"), "hot_spot_rank"));
        assertEquals(4L, count(only(experience, "cell_id = 'C8'"), "hot_spot_rank"));
        assertEquals(5L, count(only(experience, "cell_id = 'C4'"), "hot_spot_rank"));
        assertEquals(4, experience.where("hot_spot").count());
        assertEquals(0, experience.where("hot_spot AND cell_id IN ('C2', 'C4', 'C5', 'C6')").count(),
                "C4's 2 % is below 4 %, the others are not eligible");
    }

    @Test
    void topFlagsTheWorstEligibleCellsWhateverTheirRate() {
        Dataset<Row> withTop = CellExperience.compute(cellDaily, scores, cells, D,
                GoldTestRows.settings(Map.of("ganzhi.publish.hot-spot.top", 5, "ganzhi.publish.include-unknown-cells", true)));
        assertTrue(only(withTop, "cell_id = 'C4'").<Boolean>getAs("hot_spot"), "rank 5 of top 5");
        assertFalse(only(withTop, "cell_id = 'C5'").<Boolean>getAs("hot_spot"), "not eligible, so never in the top");
        assertEquals(5, withTop.where("hot_spot").count());
    }

    @Test
    void subscriberMeasuresAreRedactedNetworkKpisAreNot() {
        Row c1 = only(experience, "cell_id = 'C1'");
        assertEquals(3L, count(c1, "home_subscribers"), "H4 is of Nov 9");
        assertEquals(1L, count(c1, "poor_subscribers"));
        assertEquals(0.5, number(c1, "poor_share"), 1e-12, "H3 has no level");
        assertFalse(c1.<Boolean>getAs("redacted"));

        Row c4 = only(experience, "cell_id = 'C4'");
        assertFalse(c4.<Boolean>getAs("redacted"), "exactly k home subscribers is enough");
        assertEquals(2L, count(c4, "home_subscribers"));
        assertEquals(1L, count(c4, "poor_subscribers"), "NONE is poor, HIGH is not");
        assertEquals(0.5, number(c4, "poor_share"), 1e-12);

        Row c3 = only(experience, "cell_id = 'C3'");
        assertTrue(c3.<Boolean>getAs("redacted"), "one home subscriber");
        assertNull(c3.getAs("home_subscribers"));
        assertNull(c3.getAs("poor_subscribers"));
        assertNull(c3.getAs("poor_share"));
        assertNull(c3.getAs("complaints_naming_cell"));
        assertNull(c3.getAs("network_complaints_home_subscribers"));
        assertEquals(300L, count(c3, "calls_connected"), "network KPIs stay");
        assertEquals(0.05, number(c3, "drop_rate"), 1e-12);
        assertEquals(3L, count(c3, "hot_spot_rank"));
        assertTrue(c3.<Boolean>getAs("hot_spot"));

        assertTrue(only(experience, "cell_id = 'C2'").<Boolean>getAs("redacted"), "no home subscribers at all");
    }
}
