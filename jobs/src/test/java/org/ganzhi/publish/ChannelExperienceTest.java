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

/** gold.channel_experience, run date 2026-11-10, 7-day window (event dates Nov 4..10), k = 2. */
class ChannelExperienceTest extends SparkTestBase {
    private Dataset<Row> experience;

    @BeforeAll
    void compute() {
        Dataset<Row> interactions = spark.sql("""
                SELECT msisdn, DATE(event_date) event_date, channel, service_class,
                       CAST(satisfaction AS INT) satisfaction FROM VALUES
                  ('A', '2026-11-05', 'APP', 'HANDLING', 5),
                  ('A', '2026-11-06', 'APP', 'QUERY', 4),
                  ('B', '2026-11-07', 'APP', 'HANDLING', NULL),
                  ('A', '2026-11-08', 'APP', 'REMINDER', NULL),
                  ('C', '2026-11-08', 'HOTLINE', 'HANDLING', 2),
                  ('D', '2026-11-05', 'STORE', 'HANDLING', 3),
                  ('E', '2026-11-06', 'STORE', 'HANDLING', 5),
                  ('E', '2026-11-09', 'STORE', 'QUERY', 4),
                  ('D', '2026-11-03', 'ONLINE', 'HANDLING', 1),
                  ('F', '2026-11-06', 'SOCIAL', 'QUERY', 4)
                AS t(msisdn, event_date, channel, service_class, satisfaction)""");
        // A turns 25 after D: its band as of D is 18-24. F has no snapshot.
        Dataset<Row> subscribers = spark.sql("""
                SELECT msisdn, DATE(snapshot_date) snapshot_date, region, age_band FROM VALUES
                  ('A', '2026-11-01', 'North', '18-24'), ('A', '2026-11-12', 'North', '25-34'),
                  ('B', '2026-11-02', 'North', '18-24'), ('C', '2026-11-02', 'South', '18-24'),
                  ('D', '2026-11-02', 'South', '65+'), ('E', '2026-11-02', 'South', '65+')
                AS t(msisdn, snapshot_date, region, age_band)""");
        experience = ChannelExperience.compute(interactions, subscribers, LocalDate.of(2026, 11, 10),
                GoldTestRows.settings()).cache();
    }

    @Test
    void sharesWithinTheAgeBandAndSatisfaction() {
        // D's ONLINE contact (Nov 3) is outside the window, A's reminder is not a channel A chose.
        assertEquals(4, experience.count());
        Row app = only(experience, "channel = 'APP' AND age_band = '18-24'");
        assertEquals(Date.valueOf("2026-11-04"), app.getAs("window_start"));
        assertEquals(Date.valueOf("2026-11-10"), app.getAs("window_end"));
        assertEquals("DIGITAL", app.getAs("channel_kind"));
        assertEquals(3L, count(app, "interactions"));
        assertEquals(2L, count(app, "subscribers"));
        assertEquals(0.75, number(app, "age_band_interaction_share"), 1e-12, "3 of the band's 4 (C's hotline call)");
        assertEquals(4.5, number(app, "satisfaction_mean"), 1e-12);
        assertEquals(2L, count(app, "satisfaction_answers"));
        assertFalse(app.<Boolean>getAs("redacted"));

        Row store = only(experience, "channel = 'STORE' AND age_band = '65+'");
        assertEquals("TRADITIONAL", store.getAs("channel_kind"));
        assertEquals(3L, count(store, "interactions"));
        assertEquals(1.0, number(store, "age_band_interaction_share"), 1e-12);
        assertEquals(4.0, number(store, "satisfaction_mean"), 1e-12);
        assertEquals(3L, count(store, "satisfaction_answers"));
    }

    @Test
    void aChannelUsedByOneSubscriberOfTheBandIsRedacted() {
        Row hotline = only(experience, "channel = 'HOTLINE'");
        assertEquals("18-24", hotline.getAs("age_band"));
        assertEquals("TRADITIONAL", hotline.getAs("channel_kind"), "dimensions stay on a redacted row");
        assertTrue(hotline.<Boolean>getAs("redacted"));
        assertNull(hotline.getAs("subscribers"));
        assertNull(hotline.getAs("interactions"));
        assertNull(hotline.getAs("age_band_interaction_share"));
        assertNull(hotline.getAs("satisfaction_mean"));

        Row social = only(experience, "channel = 'SOCIAL'");
        assertEquals("UNKNOWN", social.getAs("age_band"), "F has no snapshot");
        assertTrue(social.<Boolean>getAs("redacted"));
    }
}
