package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

import static org.ganzhi.publish.GoldTestRows.count;
import static org.ganzhi.publish.GoldTestRows.number;
import static org.ganzhi.publish.GoldTestRows.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** gold.adoption_funnel, run date 2026-11-10, 7-day window (event dates Nov 4..10), k = 2. */
class AdoptionFunnelTest extends SparkTestBase {
    private Dataset<Row> funnel;

    @BeforeAll
    void compute() {
        // VIDEO_PACK: A goes all the way and uses the product twice; B subscribes; C is contacted
        // twice and inquires; D is only contacted; E subscribes in a store with no recorded
        // contact; F's contact was on Nov 3 (before the window), F's inquiry is in it; G uses it
        // only after D; J's event has a stage outside the funnel.
        // INTL_ROAMING: exactly k = 2 subscribers are contacted, one of them inquires.
        Dataset<Row> events = spark.sql("""
                SELECT msisdn, DATE(event_date) event_date, product_id, stage FROM VALUES
                  ('A', '2026-11-04', 'VIDEO_PACK', 'AWARENESS'),
                  ('A', '2026-11-05', 'VIDEO_PACK', 'INTEREST'),
                  ('A', '2026-11-06', 'VIDEO_PACK', 'TRIAL'),
                  ('A', '2026-11-08', 'VIDEO_PACK', 'ACCEPTANCE'),
                  ('A', '2026-11-09', 'VIDEO_PACK', 'USE'),
                  ('A', '2026-11-10', 'VIDEO_PACK', 'USE'),
                  ('B', '2026-11-04', 'VIDEO_PACK', 'AWARENESS'),
                  ('B', '2026-11-04', 'VIDEO_PACK', 'INTEREST'),
                  ('B', '2026-11-07', 'VIDEO_PACK', 'TRIAL'),
                  ('B', '2026-11-09', 'VIDEO_PACK', 'ACCEPTANCE'),
                  ('C', '2026-11-05', 'VIDEO_PACK', 'AWARENESS'),
                  ('C', '2026-11-06', 'VIDEO_PACK', 'INTEREST'),
                  ('C', '2026-11-07', 'VIDEO_PACK', 'AWARENESS'),
                  ('D', '2026-11-06', 'VIDEO_PACK', 'AWARENESS'),
                  ('E', '2026-11-05', 'VIDEO_PACK', 'ACCEPTANCE'),
                  ('F', '2026-11-03', 'VIDEO_PACK', 'AWARENESS'),
                  ('F', '2026-11-04', 'VIDEO_PACK', 'INTEREST'),
                  ('G', '2026-11-11', 'VIDEO_PACK', 'USE'),
                  ('J', '2026-11-06', 'VIDEO_PACK', 'CANCELLATION'),
                  ('H', '2026-11-05', 'INTL_ROAMING', 'AWARENESS'),
                  ('I', '2026-11-06', 'INTL_ROAMING', 'AWARENESS'),
                  ('I', '2026-11-06', 'INTL_ROAMING', 'INTEREST')
                AS t(msisdn, event_date, product_id, stage)""");
        funnel = AdoptionFunnel.compute(events, LocalDate.of(2026, 11, 10), GoldTestRows.settings()).cache();
    }

    @Test
    void subscribersWhoReachedAtLeastEachStageAndTheirConversions() {
        List<String> stages = funnel.where("product_id = 'VIDEO_PACK'").orderBy("stage_order").collectAsList().stream()
                .map(r -> r.<Integer>getAs("stage_order") + ":" + r.getAs("stage")).toList();
        assertEquals(List.of("1:AWARENESS", "2:INTEREST", "3:TRIAL", "4:ACCEPTANCE", "5:USE"), stages);

        Row awareness = only(funnel, "product_id = 'VIDEO_PACK' AND stage = 'AWARENESS'");
        assertEquals(Date.valueOf("2026-11-04"), awareness.getAs("window_start"));
        assertEquals(Date.valueOf("2026-11-10"), awareness.getAs("window_end"));
        // A, B, C, D, and E and F through their later stages; G (after D) and J (no funnel stage) are out.
        assertEquals(6L, count(awareness, "subscribers"));
        assertNull(awareness.getAs("conversion_from_previous"), "nothing comes before awareness");
        assertEquals(1.0, number(awareness, "conversion_from_awareness"), 1e-12);
        assertEquals(5L, count(awareness, "events"), "A, B, D once, C twice; F's contact was before the window");
        assertFalse(awareness.<Boolean>getAs("redacted"));

        Row interest = only(funnel, "product_id = 'VIDEO_PACK' AND stage = 'INTEREST'");
        assertEquals(5L, count(interest, "subscribers"), "A, B, C, E, F");
        assertEquals(5.0 / 6, number(interest, "conversion_from_previous"), 1e-12);
        assertEquals(5.0 / 6, number(interest, "conversion_from_awareness"), 1e-12);
        assertEquals(4L, count(interest, "events"), "E has no inquiry event");

        Row trial = only(funnel, "product_id = 'VIDEO_PACK' AND stage = 'TRIAL'");
        assertEquals(3L, count(trial, "subscribers"), "A, B, E");
        assertEquals(3.0 / 5, number(trial, "conversion_from_previous"), 1e-12);
        assertEquals(0.5, number(trial, "conversion_from_awareness"), 1e-12);
        assertEquals(2L, count(trial, "events"));

        Row acceptance = only(funnel, "product_id = 'VIDEO_PACK' AND stage = 'ACCEPTANCE'");
        assertEquals(3L, count(acceptance, "subscribers"));
        assertEquals(1.0, number(acceptance, "conversion_from_previous"), 1e-12);
        assertEquals(0.5, number(acceptance, "conversion_from_awareness"), 1e-12);
        assertEquals(3L, count(acceptance, "events"));
    }

    @Test
    void aStageBelowTheMinimumIsRedactedAndOneAtItIsNot() {
        Row use = only(funnel, "product_id = 'VIDEO_PACK' AND stage = 'USE'");
        assertEquals(5, (int) use.<Integer>getAs("stage_order"), "dimensions stay on a redacted row");
        assertTrue(use.<Boolean>getAs("redacted"), "only A uses the product");
        assertNull(use.getAs("subscribers"));
        assertNull(use.getAs("conversion_from_previous"));
        assertNull(use.getAs("conversion_from_awareness"));
        assertNull(use.getAs("events"));

        Row roamingAwareness = only(funnel, "product_id = 'INTL_ROAMING' AND stage = 'AWARENESS'");
        assertFalse(roamingAwareness.<Boolean>getAs("redacted"), "exactly k subscribers are reported");
        assertEquals(2L, count(roamingAwareness, "subscribers"));
        assertEquals(2L, count(roamingAwareness, "events"));
        Row roamingInterest = only(funnel, "product_id = 'INTL_ROAMING' AND stage = 'INTEREST'");
        assertTrue(roamingInterest.<Boolean>getAs("redacted"));
        assertNull(roamingInterest.getAs("conversion_from_previous"));
        assertEquals(0, funnel.where("product_id = 'INTL_ROAMING' AND stage_order > 2").count(),
                "a stage nobody reached has no row");
    }
}
