package org.ganzhi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ganzhi.Cli;
import org.ganzhi.Cli.Outcome;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How Ganzhi runs where users run it, on one small generated lake (300 subscribers x 3 days from
 * 2026-11-01): the Airflow DAG (scripts/airflow/ganzhi_nightly.py, loaded against a stand-in
 * airflow package since Airflow is not installed) renders its stages for ds = 2026-11-03, and
 * each rendered command line runs through the CLI; 'backfill' runs 2026-11-01..02 and stops at
 * the first date without a delivery; 'status' shows what the run log holds (the lake has no
 * complaint, order, outage, product event or outcome feed at all, so every stage runs without
 * them beside the optional feeds that do arrive); the weekly upkeep DAG
 * (ganzhi_maintain.py) renders a 'maintain' that compacts the lake, and 'erase' removes one
 * subscriber. The methods run in order: each builds on the lake the ones before left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowDagTest extends SparkTestBase {
    private static final String DS = "2026-11-03";
    private static final List<String> STAGES = List.of("ingest", "text", "features", "personas", "perception", "publish");
    /** The optional feeds this operator does not send. */
    private static final List<String> ABSENT = List.of("complaint", "service_order", "cell_outage", "product_event", "outcome",
            "feedback", "product_validation");
    private static final Path MODULE = Paths.get(System.getProperty("user.dir"));
    private static final Path DAG_FILE = MODULE.resolve("../scripts/airflow/ganzhi_nightly.py").normalize();
    private static final Path RENDER = MODULE.resolve("src/test/resources/airflow-stub/render_dag.py");
    private static final Path MAINTAIN_DAG_FILE = MODULE.resolve("../scripts/airflow/ganzhi_maintain.py").normalize();
    private static final Path RENDER_MAINTAIN = MODULE.resolve("src/test/resources/airflow-stub/render_maintain_dag.py");
    private static final Path LOCAL_CONF = MODULE.resolve("../conf/local.conf").normalize();

    private final ObjectMapper json = new ObjectMapper();
    private String lake;
    /** conf/local.conf with two shuffle partitions: a 300-subscriber lake needs no more, and each costs time. */
    private Path conf;
    private Map<String, String> env;
    /** The DAG's Spark tasks for DS as rendered by Airflow's templating: task id and application args. */
    private final List<Map.Entry<String, List<String>>> renderedStages = new ArrayList<>();

    @BeforeAll
    void generateLake() throws IOException {
        lake = tmp.resolve("lake").toString();
        conf = tmp.resolve("test.conf");
        Files.writeString(conf, "include file(\"" + LOCAL_CONF + "\")\nganzhi.local.shuffle-partitions = 2\n");
        env = Map.of("GANZHI_PSEUDONYM_KEY", TestKeys.HEX, "GANZHI_CONF", conf.toString());
        Outcome generate = run("generate", "--lake", lake, "--subscribers", "300", "--days", "3",
                "--start", "2026-11-01", "--seed", "11");
        assertEquals(0, generate.code(), generate.err());
        // The complaint feed never arrives: the strongest signal an operator has is the one a real
        // lake most often lacks at first, and every stage must run without it. Nor do the orders,
        // outages, product events, outcomes, customer texts and product validations, while bills,
        // interactions, surveys, cells and plans do (OptionalFeedsAbsentTest takes those away instead).
        for (String source : ABSENT) {
            try (Stream<Path> files = Files.walk(Path.of(lake, "landing", source))) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private Outcome run(String... args) {
        return Cli.run(env, args);
    }

    /** Runs python3 with the DAG's Variables set the way Airflow's environment backend reads them. */
    private String python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "-B"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(tmp.resolve("python.err").toFile());
        // Bytecode goes to scratch space, never next to the sources.
        builder.environment().put("PYTHONPYCACHEPREFIX", tmp.resolve("pycache").toString());
        builder.environment().put("AIRFLOW_VAR_GANZHI_LAKE", lake);
        builder.environment().put("AIRFLOW_VAR_GANZHI_CONF_FILE", conf.toString());
        // The test runs the driver in this JVM, as client deploy mode would: the full path, not the shipped name.
        builder.environment().put("AIRFLOW_VAR_GANZHI_CONF_ARG", conf.toString());
        // The sensor waits for the feeds that do arrive.
        builder.environment().put("AIRFLOW_VAR_GANZHI_LANDING_SOURCES",
                "voice_cdr,data_session,billing,service_interaction,survey,subscriber,plan,cell");
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "python3 " + args[0] + " timed out");
        assertEquals(0, process.exitValue(), "python3 " + String.join(" ", args) + " failed: "
                + Files.readString(tmp.resolve("python.err")));
        return stdout;
    }

    @Test
    @Order(1)
    void theDagIsOneDailyChainFromTheLandingSensorThroughTheFiveStages() throws Exception {
        python("-m", "py_compile", DAG_FILE.toString(), RENDER.toString());
        JsonNode dag = json.readTree(python(RENDER.toString(), DAG_FILE.toString(), DS, "2026-11-04"));

        assertEquals("ganzhi_nightly", dag.get("dag_id").asText());
        assertEquals("@daily", dag.get("schedule").asText());
        assertTrue(dag.get("catchup").asBoolean());
        assertEquals(1, dag.get("max_active_runs").asInt());
        List<String> order = new ArrayList<>();
        dag.get("order").forEach(task -> order.add(task.asText()));
        assertEquals("wait_for_landing", order.get(0));
        assertEquals(STAGES, order.subList(1, order.size()));

        JsonNode tasks = dag.get("tasks");
        for (int i = 1; i < tasks.size(); i++) {
            JsonNode task = tasks.get(i);
            String stage = task.get("task_id").asText();
            assertEquals(List.of(order.get(i - 1)), List.of(task.get("upstream").get(0).asText()), stage + " follows");
            assertEquals("SparkSubmitOperator", task.get("operator").asText());
            assertEquals("org.ganzhi.cli.Main", task.get("java_class").asText());
            assertTrue(task.get("retries").asInt() >= 1 && task.get("retry_delay_seconds").asDouble() > 0, stage + " retries");
            assertTrue(task.get("depends_on_past").asBoolean(), stage + " waits for the previous date");
            List<String> args = new ArrayList<>();
            task.get("application_args").forEach(arg -> args.add(arg.asText()));
            assertEquals(List.of(stage, "--lake", lake, "--date", DS, "--conf", conf.toString()), args);
            renderedStages.add(Map.entry(stage, args));
        }
        // The generator's markers are the sensor's convention: complete for a generated day, not for the next.
        JsonNode markers = tasks.get(0).get("markers");
        assertEquals(lake + "/landing/voice_cdr/dt=" + DS + "/_SUCCESS", markers.get(0).asText());
        markers.forEach(marker -> assertTrue(Files.exists(Paths.get(marker.asText())), marker.asText()));
        assertTrue(dag.get("landing_complete").get(DS).asBoolean());
        assertFalse(dag.get("landing_complete").get("2026-11-04").asBoolean());
    }

    @Test
    @Order(2)
    void backfillRunsTheNightlyPipelineForEveryDateInOrder() throws Exception {
        Outcome backfill = run("backfill", "--lake", lake, "--from", "2026-11-01", "--to", "2026-11-02");
        assertEquals(0, backfill.code(), backfill.err());
        List<String> nights = backfill.out().lines().filter(l -> l.startsWith("backfill 20")).toList();
        assertEquals(2, nights.size(), backfill.out());
        assertTrue(nights.get(0).startsWith("backfill 2026-11-01 SUCCEEDED ") && nights.get(0).endsWith(" s"), nights.get(0));
        assertTrue(nights.get(1).startsWith("backfill 2026-11-02 SUCCEEDED "), nights.get(1));

        JsonNode summary = backfill.summary();
        assertEquals("backfill", summary.get("command").asText());
        assertEquals("SUCCEEDED", summary.get("status").asText());
        assertEquals(2, summary.get("dates").size());
        // Each date is a nightly run of its own in the run log, tied to the backfill that ran it.
        String backfillId = summary.get("run_id").asText();
        for (String date : List.of("2026-11-01", "2026-11-02")) {
            assertEquals(1L, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log` WHERE command = 'nightly' "
                    + "AND status = 'SUCCEEDED' AND run_date = DATE'" + date + "' "
                    + "AND get_json_object(summary, '$.backfill_run_id') = '" + backfillId + "'"), date);
            assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'"
                    + date + "'") > 0, "gold of " + date);
        }
        assertEquals(1L, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log` WHERE command = 'backfill' "
                + "AND status = 'SUCCEEDED' AND run_id = '" + backfillId + "'"));
    }

    @Test
    @Order(3)
    void everyRenderedStageRunsThroughTheCliForDs() {
        assertEquals(STAGES, renderedStages.stream().map(Map.Entry::getKey).toList());
        Map<String, String> warnings = new HashMap<>();
        for (Map.Entry<String, List<String>> stage : renderedStages) {
            Outcome outcome = run(stage.getValue().toArray(String[]::new));
            assertEquals(0, outcome.code(), stage.getKey() + ": " + outcome.err());
            warnings.put(stage.getKey(), outcome.summary().get("warnings").toString());
        }
        for (String source : List.of("service_order", "cell_outage")) { // features never reads product events and outcomes
            assertTrue(warnings.get("features").contains("no silver." + source + " in the lake"), source + ": " + warnings);
        }
        assertTrue(warnings.get("publish").contains("no silver.service_order") && warnings.get("publish").contains(
                "no silver.product_event"), warnings.get("publish"));
        assertTrue(warnings.get("text").contains("no silver.feedback in the lake"), warnings.get("text"));
        for (String stage : STAGES) {
            assertEquals(1L, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log` WHERE command = '" + stage
                    + "' AND status = 'SUCCEEDED' AND run_date = DATE'" + DS + "'"), stage + " of " + DS);
        }
        assertTrue(scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'" + DS
                + "' AND perception_index IS NOT NULL") > 250, "scored without complaints, orders, outages, product events and outcomes");
        assertFalse(Files.exists(Path.of(lake, "gold", "complaint_insight")), "no tickets, no complaint insight");
        assertTrue(Files.exists(Path.of(lake, "gold", "channel_experience")), "the other gold tables are published");
    }

    @Test
    @Order(4)
    void backfillStopsAtTheFirstFailedDateNamingItAndTheStage() throws Exception {
        // The lake's deliveries end on 2026-11-03: 2026-11-04 has no required feed, 2026-11-05 is never tried.
        Outcome backfill = run("backfill", "--lake", lake, "--from", "2026-11-04", "--to", "2026-11-05");
        assertEquals(Main.USER_ERROR, backfill.code(), backfill.err());
        assertEquals(1, backfill.err().strip().lines().count(), backfill.err());
        assertTrue(backfill.err().startsWith("ganzhi: backfill stopped at 2026-11-04 in stage ingest: "), backfill.err());
        assertTrue(backfill.err().contains("resume with --from 2026-11-04 --to 2026-11-05"), backfill.err());
        assertTrue(backfill.out().contains("backfill 2026-11-04 FAILED "), backfill.out());
        assertFalse(backfill.out().contains("2026-11-05 "), backfill.out());
        assertEquals("FAILED", backfill.summary().get("status").asText());
        assertEquals(1L, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log` WHERE command = 'nightly' "
                + "AND status = 'FAILED' AND run_date = DATE'2026-11-04' AND error IS NOT NULL"));
        assertEquals(0L, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log` WHERE run_date = DATE'2026-11-05'"));
    }

    @Test
    @Order(5)
    void statusShowsTheRunsNewestFirstWithoutLoggingItself() throws Exception {
        long logged = scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log`");
        Outcome all = run("status", "--lake", lake, "--limit", "100");
        assertEquals(0, all.code(), all.err());
        List<String> table = all.out().strip().lines().toList();
        assertTrue(table.get(0).startsWith("started (UTC)") && table.get(0).contains("status"), table.get(0));
        // Newest first: the failed backfill and its failed night of 2026-11-04 lead.
        assertTrue(table.get(1).contains(" backfill ") && table.get(1).contains("FAILED"), table.get(1));
        assertTrue(table.get(2).contains(" nightly ") && table.get(2).contains("2026-11-04")
                && table.get(2).contains("FAILED") && table.get(2).contains("required source"), table.get(2));
        for (String date : List.of("2026-11-01", "2026-11-02", DS)) {
            assertTrue(table.stream().anyMatch(l -> l.contains(date) && l.contains("SUCCEEDED")), date + " in\n" + all.out());
        }
        assertTrue(table.stream().anyMatch(l -> l.contains(" nightly ") && l.contains("read=") && l.contains("written=")),
                "row counts from the summaries:\n" + all.out());
        assertEquals("status", all.summary().get("command").asText());

        Outcome night = run("status", "--lake", lake, "--date", DS);
        assertEquals(0, night.code(), night.err());
        List<String> rows = night.out().strip().lines().skip(1).filter(l -> !l.startsWith("{")).toList();
        assertEquals(STAGES.size(), rows.size(), night.out());
        assertTrue(rows.stream().allMatch(l -> l.contains(DS) && l.contains("SUCCEEDED")), night.out());
        assertTrue(rows.get(0).contains(" publish ") && rows.get(rows.size() - 1).contains(" ingest "), night.out());

        assertEquals(logged, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log`"), "status only reads the log");
    }

    @Test
    @Order(6)
    void theWeeklyUpkeepDagMaintainsTheLakeAfterTheNightlyPublish() throws Exception {
        python("-m", "py_compile", MAINTAIN_DAG_FILE.toString(), RENDER_MAINTAIN.toString());
        JsonNode dag = json.readTree(python(RENDER_MAINTAIN.toString(), MAINTAIN_DAG_FILE.toString(), DS));
        assertEquals("@weekly", dag.get("schedule").asText());
        assertFalse(dag.get("catchup").asBoolean(), "a missed week needs no catch-up");
        assertEquals(1, dag.get("max_active_runs").asInt());
        assertEquals("[\"ganzhi_nightly\",\"publish\"]", dag.get("waits_for").toString());
        assertEquals("reschedule", dag.get("sensor_mode").asText(), "a waiting sensor holds no worker slot");
        List<String> args = new ArrayList<>();
        dag.get("application_args").forEach(arg -> args.add(arg.asText()));
        assertEquals(List.of("maintain", "--lake", lake, "--date", DS, "--conf", conf.toString()), args);

        long goldRows = scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception`");
        Outcome maintain = run(args.toArray(String[]::new));
        assertEquals(0, maintain.code(), maintain.err());
        JsonNode summary = maintain.summary();
        assertEquals("SUCCEEDED", summary.get("status").asText());
        long before = 0;
        long after = 0;
        for (JsonNode table : summary.get("maintained")) {
            before += table.get("files_before").asLong();
            after += table.get("files_after").asLong();
            assertEquals(0, table.get("rows_deleted_by_retention").asLong(), "three days are inside every retention: " + table);
        }
        assertTrue(summary.get("maintained").size() >= 20 && after < before,
                "every table compacted: " + before + " files before, " + after + " after");
        assertEquals(goldRows, scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception`"));
    }

    @Test
    @Order(7)
    void eraseRemovesOneGeneratedSubscriberFromEveryTableAndProvesIt() throws Exception {
        String number = spark.read().parquet(lake + "/landing/subscriber/dt=" + DS).select("msisdn").orderBy("msisdn")
                .first().getString(0);
        String pseudonym = TestKeys.pseudonymizer().pseudonym(
                org.ganzhi.privacy.PhoneNumbers.normaliseMsisdn(number, org.ganzhi.config.GanzhiConfig.defaults().operator()));
        String perception = "SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception`";
        long goldRows = scalarLong(perception);
        long theirs = scalarLong(perception + " WHERE msisdn = '" + pseudonym + "'");
        assertTrue(theirs > 0, "the subscriber is in gold before");

        Outcome erase = run("erase", "--lake", lake, "--msisdn", number);
        assertEquals(0, erase.code(), erase.err());
        assertFalse(erase.out().contains(number) || erase.err().contains(number), "the raw number is never printed");
        JsonNode summary = erase.summary();
        assertTrue(summary.get("proof").asText().startsWith("no row of the erased subscribers remains"), summary.toString());
        assertEquals(0, scalarLong(perception + " WHERE msisdn = '" + pseudonym + "'"));
        assertEquals(0, scalarLong("SELECT count(*) FROM delta.`" + lake + "/silver/voice_cdr` WHERE msisdn = '" + pseudonym + "'"));
        assertEquals(goldRows - theirs, scalarLong(perception), "their rows, and nobody else's");
        assertEquals(1, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/erasure_log` WHERE erasure_id = '"
                + summary.get("erasure_id").asText() + "'"));
    }
}
