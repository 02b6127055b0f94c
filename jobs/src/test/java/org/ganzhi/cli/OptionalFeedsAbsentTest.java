package org.ganzhi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Optional feeds missing beside feeds that arrive, as on a real lake, where an operator sends some
 * feeds and not others. A copy of the small shared lake, ingested whole, has the bills, service
 * interactions, surveys, cells and plans taken out of silver while the orders, outages, product
 * events, outcomes and complaints stay, and features, personas, perception and publish run for
 * the night without them. AirflowDagTest runs its nights the other way round (no complaints,
 * orders, outages, product events or outcomes), and RequiredFeedsOnlyTest without any optional
 * feed: so every optional source is absent beside present ones in some run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionalFeedsAbsentTest extends SparkTestBase {
    private static final String NIGHT = GeneratedLake.TWO_NIGHTS.get(1);
    private static final List<String> STAGES = List.of("features", "personas", "perception", "publish");
    /** The sources taken out of silver for the night. */
    private static final List<String> ABSENT = List.of("billing", "service_interaction", "survey", "cell", "plan");

    private String lake;
    private long subscribers;
    /** The summaries of the four stages run without them. */
    private final Map<String, JsonNode> runs = new LinkedHashMap<>();

    @BeforeAll
    void ingestTheWholeLakeThenRunTheNightWithoutSomeFeeds() throws Exception {
        // A copy of the shared two-night lake (its landing and catalog left behind): ingested and
        // published with every feed, so the night's gold says whom a night without them must publish.
        lake = GeneratedLake.copyOfTwoNights(tmp.resolve("lake"));
        subscribers = scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'" + NIGHT + "'");
        for (String source : ABSENT) {
            GeneratedLake.deleteTree(Path.of(lake, "silver", source));
        }
        for (String stage : STAGES) {
            runs.put(stage, GeneratedLake.run(stage, "--lake", lake, "--date", NIGHT));
        }
    }

    @Test
    void everyStageRunsAndSaysWhichFeedsItWentWithout() {
        STAGES.forEach(stage -> assertEquals("SUCCEEDED", runs.get(stage).get("status").asText(), stage));
        String features = runs.get("features").get("warnings").toString();
        for (String source : ABSENT) {
            assertTrue(features.contains("no silver." + source + " in the lake"), source + ": " + features);
        }
    }

    @Test
    void everyKnownSubscriberIsScoredAndPublished() {
        assertTrue(subscribers > 1000, "the night with every feed published " + subscribers);
        assertEquals(subscribers, runs.get("publish").get("rows").get("gold.subscriber_perception").asLong());
        assertEquals(subscribers, scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'"
                + NIGHT + "'"));
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'" + NIGHT
                + "' AND perception_index IS NOT NULL") > subscribers * 0.9);
    }
}
