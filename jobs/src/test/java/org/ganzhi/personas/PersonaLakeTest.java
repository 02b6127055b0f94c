package org.ganzhi.personas;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.spark.sql.Row;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Features and personas on the shared generated lake ({@link GeneratedLake}, 8 000 subscribers x
 * 28 days): the planted persona is recovered, labels are stable across nights and across a
 * retrain, windows equal a direct recomputation from silver, lifecycle and tier follow their
 * rules, and planted bad cells stand out.
 */
class PersonaLakeTest extends SparkTestBase {
    private String lake;

    @BeforeAll
    void buildLake() throws Exception {
        lake = GeneratedLake.accuracyLake();
        spark.read().format("delta").load(lake + "/personas/subscriber_profile").createOrReplaceTempView("profile");
        spark.read().format("delta").load(lake + "/features/subscriber_window").createOrReplaceTempView("window");
        spark.read().parquet(lake + "/truth/subscriber").createOrReplaceTempView("truth");
    }

    @Test
    void plantedPersonaIsThePrimaryPersonaOfAtLeast95Percent() {
        Row r = spark.sql("""
                SELECT count(*), avg(CASE WHEN p.persona = t.persona THEN 1.0 ELSE 0.0 END)
                FROM profile p JOIN truth t ON t.msisdn_pseudonym = p.msisdn WHERE p.date = DATE'2026-11-21'""").first();
        assertEquals(GeneratedLake.SUBSCRIBERS, r.getLong(0), "every subscriber has a profile");
        double accuracy = r.getDecimal(1).doubleValue();
        String confusion = spark.sql("""
                SELECT t.persona planted, p.persona, count(*) n FROM profile p JOIN truth t ON t.msisdn_pseudonym = p.msisdn
                WHERE p.date = DATE'2026-11-21' GROUP BY 1, 2 ORDER BY 1, 3 DESC""").collectAsList().toString();
        System.out.printf("planted persona recovered for %.2f %% of %d subscribers%n", accuracy * 100, GeneratedLake.SUBSCRIBERS);
        assertTrue(accuracy >= 0.95, "accuracy " + accuracy + ": " + confusion);
    }

    @Test
    void labelsAreStableAcrossNightsAndAcrossARetrain() throws Exception {
        Row nights = spark.sql("""
                SELECT avg(CASE WHEN a.persona = b.persona THEN 1.0 ELSE 0.0 END),
                       avg(CASE WHEN a.segment = b.segment THEN 1.0 ELSE 0.0 END)
                FROM profile a JOIN profile b ON a.msisdn = b.msisdn
                WHERE a.date = DATE'2026-11-20' AND b.date = DATE'2026-11-21'""").first();
        assertTrue(nights.getDecimal(0).doubleValue() >= 0.98, "persona kept across nights: " + nights);
        assertTrue(nights.getDecimal(1).doubleValue() >= 0.98, "segment kept across nights: " + nights);

        JsonNode retrained = GeneratedLake.run("retrain", "--lake", lake, "--date", "2026-11-21");
        JsonNode agreement = retrained.get("retrain_agreement");
        assertEquals("personas-v0002", retrained.get("persona_model").asText());
        assertEquals("personas-v0001", agreement.get("previous_model").asText());
        assertTrue(agreement.get("same_persona").asDouble() >= 0.98, agreement.toString());
        // k-means restarts from v0001's centroids, so it settles in nearly the same solution; it stops at
        // max-iterations, so the restart still moves a few subscribers on a border (3.5 % on 10 000
        // subscribers x 28 days).
        assertTrue(agreement.get("same_segment").asDouble() >= 0.95, agreement.toString());
    }

    @Test
    void lifecycleAndTierFollowTheirRules() {
        // Recomputed from the window rows the profile was built from; thresholds are the ones written on each row.
        long wrong = scalarLong("""
                SELECT count(*) FROM profile p
                JOIN window w ON w.msisdn = p.msisdn AND w.as_of_date = p.date AND w.window_days = 30
                JOIN window r ON r.msisdn = p.msisdn AND r.as_of_date = p.date AND r.window_days = 7
                WHERE p.date = DATE'2026-11-21' AND (p.lifecycle_stage <> CASE
                    WHEN w.complaints_open + w.orders_overdue_open > 0 THEN 'SERVICE_REQUEST'
                    WHEN r.complaints_resolved + r.orders_completed > 0 THEN 'REQUEST_RESOLVED'
                    WHEN w.active_days = 0 THEN 'DORMANT'
                    WHEN w.tenure_days < 90 THEN 'ONBOARDING' ELSE 'IN_NETWORK' END
                  OR p.value_tier <> CASE WHEN p.arpu >= p.tier_high_arpu THEN 'HIGH' WHEN p.arpu < p.tier_low_arpu THEN 'LOW' ELSE 'MID' END
                  OR p.arpu <> coalesce(w.arpu, w.plan_monthly_fee))""");
        assertEquals(0L, wrong);
        Map<String, Long> stages = new java.util.HashMap<>();
        sql("SELECT lifecycle_stage, count(*) FROM profile WHERE date = DATE'2026-11-21' GROUP BY 1")
                .forEach(row -> stages.put(row.getString(0), row.getLong(1)));
        assertTrue(stages.keySet().containsAll(List.of("ONBOARDING", "IN_NETWORK", "SERVICE_REQUEST", "REQUEST_RESOLVED")), stages.toString());
        // The planted onboarding subscribers (tenure < 90 days) without a request are ONBOARDING.
        assertEquals(0L, scalarLong("""
                SELECT count(*) FROM profile p JOIN truth t ON t.msisdn_pseudonym = p.msisdn
                WHERE p.date = DATE'2026-11-21' AND p.lifecycle_stage = 'ONBOARDING' AND NOT t.onboarding"""));
        Row tiers = spark.sql("""
                SELECT avg(CASE WHEN value_tier = 'HIGH' THEN 1.0 ELSE 0 END), avg(CASE WHEN value_tier = 'LOW' THEN 1.0 ELSE 0 END)
                FROM profile WHERE date = DATE'2026-11-21'""").first();
        assertEquals(0.2, tiers.getDecimal(0).doubleValue(), 0.02, "top 20 % are HIGH");
        assertEquals(0.3, tiers.getDecimal(1).doubleValue(), 0.02, "bottom 30 % are LOW");
    }

    @Test
    void windowFeaturesEqualADirectRecomputationFromSilver() {
        // 7-day window as of Nov 21 = event dates Nov 15..21 as delivered up to Nov 21, for a sample of subscribers.
        String silver = lake + "/silver/";
        List<Row> mismatches = spark.sql("""
                WITH sample AS (SELECT msisdn FROM window WHERE as_of_date = DATE'2026-11-21' AND window_days = 7
                                ORDER BY sha2(msisdn, 256) LIMIT 300),
                voice AS (SELECT msisdn, count(*) calls, round(sum(duration_s) / 60.0, 3) minutes,
                                 count(CASE WHEN end_cause = 'DROPPED' THEN 1 END) dropped,
                                 count(CASE WHEN end_cause IN ('NORMAL', 'DROPPED') THEN 1 END) connected, avg(mos) mos
                          FROM delta.`%svoice_cdr` WHERE event_date BETWEEN DATE'2026-11-15' AND DATE'2026-11-21'
                            AND delivery_date <= DATE'2026-11-21' GROUP BY msisdn),
                data AS (SELECT msisdn, count(*) sessions, sum(coalesce(bytes_up, 0) + coalesce(bytes_down, 0)) / 1048576.0 mb,
                                count(CASE WHEN app_category = 'GAMING' THEN 1 END) gaming
                         FROM delta.`%sdata_session` WHERE event_date BETWEEN DATE'2026-11-15' AND DATE'2026-11-21'
                           AND delivery_date <= DATE'2026-11-21' GROUP BY msisdn),
                care AS (SELECT msisdn, count(*) interactions FROM delta.`%sservice_interaction`
                         WHERE event_date BETWEEN DATE'2026-11-15' AND DATE'2026-11-21' AND delivery_date <= DATE'2026-11-21'
                         GROUP BY msisdn)
                SELECT w.msisdn, w.calls, v.calls, w.minutes, v.minutes, w.calls_dropped, v.dropped, w.drop_rate,
                       w.sessions, d.sessions, w.mb_total, d.mb, w.sessions_gaming, d.gaming, w.interactions, c.interactions,
                       w.mos_mean, v.mos
                FROM sample s JOIN window w ON w.msisdn = s.msisdn AND w.as_of_date = DATE'2026-11-21' AND w.window_days = 7
                LEFT JOIN voice v ON v.msisdn = s.msisdn LEFT JOIN data d ON d.msisdn = s.msisdn LEFT JOIN care c ON c.msisdn = s.msisdn
                WHERE w.calls <> coalesce(v.calls, 0) OR abs(w.minutes - coalesce(v.minutes, 0)) > 0.01
                   OR w.calls_dropped <> coalesce(v.dropped, 0)
                   OR coalesce(abs(w.drop_rate - v.dropped / v.connected), 0) > 1e-6
                   OR w.sessions <> coalesce(d.sessions, 0) OR abs(w.mb_total - coalesce(d.mb, 0)) > 0.01
                   OR w.sessions_gaming <> coalesce(d.gaming, 0) OR w.interactions <> coalesce(c.interactions, 0)
                   OR coalesce(abs(w.mos_mean - v.mos), 0) > 1e-6""".formatted(silver, silver, silver)).collectAsList();
        assertEquals(List.of(), mismatches);
        assertEquals(300L, scalarLong("SELECT count(*) FROM window WHERE as_of_date = DATE'2026-11-21' AND window_days = 7 "
                + "AND msisdn IN (SELECT msisdn FROM window WHERE as_of_date = DATE'2026-11-21' AND window_days = 7 "
                + "ORDER BY sha2(msisdn, 256) LIMIT 300)"));
    }

    @Test
    void plantedBadCellsStandOutInCellDaily() {
        spark.read().format("delta").load(lake + "/features/cell_daily").createOrReplaceTempView("cell_daily");
        spark.read().parquet(lake + "/truth/bad_cell").createOrReplaceTempView("bad_cell");
        Row r = spark.sql("""
                WITH day AS (SELECT c.*, b.cell_id IS NOT NULL AS bad FROM cell_daily c LEFT JOIN bad_cell b ON b.cell_id = c.cell_id
                             WHERE c.date = DATE'2026-11-21')
                SELECT count(CASE WHEN bad THEN 1 END),
                       min(CASE WHEN bad THEN drop_rate END), max(CASE WHEN NOT bad THEN drop_rate END),
                       min(CASE WHEN bad THEN calls_connected END),
                       percentile(CASE WHEN NOT bad THEN drop_rate END, 0.5),
                       min(CASE WHEN bad THEN data_failure_rate END), percentile(CASE WHEN NOT bad THEN data_failure_rate END, 0.95)
                FROM day""").first();
        assertTrue(r.getLong(0) >= 2, "planted bad cells: " + r);
        assertTrue(r.getDouble(1) > 3 * r.getDouble(4), "every bad cell drops calls at over three times the typical rate: " + r);
        assertTrue(r.getLong(3) >= 30, "with enough calls to mean it: " + r);
        assertTrue(r.getDouble(5) > r.getDouble(6), "and fails data sessions more than 95 % of normal cells: " + r);
    }
}
