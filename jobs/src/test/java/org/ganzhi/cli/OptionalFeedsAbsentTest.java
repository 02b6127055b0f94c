package org.ganzhi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Optional feeds missing beside feeds that arrive, as on a real lake, where an operator sends some
 * feeds and not others. A copy of the small shared lake, ingested whole, has each group of
 * optional sources taken out of silver in turn while the others stay, and features, personas,
 * perception and publish run for the night without it. Together with RequiredFeedsOnlyTest (every
 * optional feed absent, service interactions empty) and AirflowDagTest (no complaint feed), every
 * optional source is absent beside present ones in some run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionalFeedsAbsentTest extends SparkTestBase {
    private static final String NIGHT = GeneratedLake.TWO_NIGHTS.get(1);
    private static final List<String> STAGES = List.of("features", "personas", "perception", "publish");
    /** Sources taken out together: each group leaves the other group's feeds in place. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "billing, interactions, surveys, cells, plans", List.of("billing", "service_interaction", "survey", "cell", "plan"),
            "orders, outages, products, outcomes", List.of("service_order", "cell_outage", "product_event", "outcome"));

    private String lake;
    private long subscribers;
    /** Per group, the summaries of the four stages. */
    private final Map<String, Map<String, JsonNode>> runs = new LinkedHashMap<>();

    @BeforeAll
    void ingestTheWholeLakeThenRunTheNightWithoutEachGroup() throws Exception {
        // A copy of the shared two-night lake (its landing and catalog left behind): ingested and
        // published with every feed, so the night's gold says whom a night without a group must publish.
        lake = GeneratedLake.copyOfTwoNights(tmp.resolve("lake"));
        subscribers = scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'" + NIGHT + "'");
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            Path aside = Files.createDirectories(tmp.resolve("aside"));
            List<String> present = group.getValue().stream().filter(source -> Files.exists(Path.of(lake, "silver", source))).toList();
            for (String source : present) {
                Files.move(Path.of(lake, "silver", source), aside.resolve(source));
            }
            Map<String, JsonNode> stages = new LinkedHashMap<>();
            for (String stage : STAGES) {
                stages.put(stage, GeneratedLake.run(stage, "--lake", lake, "--date", NIGHT));
            }
            runs.put(group.getKey(), stages);
            for (String source : present) {
                Files.move(aside.resolve(source), Path.of(lake, "silver", source));
            }
        }
    }

    @Test
    void everyStageRunsAndSaysWhichFeedsItWentWithout() {
        for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
            Map<String, JsonNode> stages = runs.get(group.getKey());
            STAGES.forEach(stage -> assertEquals("SUCCEEDED", stages.get(stage).get("status").asText(), stage + " without " + group.getKey()));
            String features = stages.get("features").get("warnings").toString();
            for (String source : group.getValue()) {
                if (!source.equals("outcome") && !source.equals("product_event")) { // features never reads these two
                    assertTrue(features.contains("no silver." + source + " in the lake"), source + ": " + features);
                }
            }
        }
        String publish = runs.get("orders, outages, products, outcomes").get("publish").get("warnings").toString();
        assertTrue(publish.contains("no silver.service_order") && publish.contains("no silver.product_event"), publish);
    }

    @Test
    void everyKnownSubscriberIsScoredAndPublishedWithoutEitherGroup() {
        // The last group's night is what the tables hold now; the first group's summaries say what it wrote.
        long published = runs.get("billing, interactions, surveys, cells, plans").get("publish").get("rows")
                .get("gold.subscriber_perception").asLong();
        assertTrue(subscribers > 1000, "the night with every feed published " + subscribers);
        assertEquals(subscribers, published, "without bills, interactions, surveys, cells and plans");
        assertEquals(subscribers, scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'"
                + NIGHT + "'"), "without orders, outages, products and outcomes");
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'" + NIGHT
                + "' AND perception_index IS NOT NULL") > subscribers * 0.9);
    }
}
