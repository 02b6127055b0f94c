package org.ganzhi.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tiny generated lake (300 subscribers x 2 days from 2026-11-01) for a nightly run submitted
 * through spark-submit; the results are read back in this JVM.
 */
abstract class SubmittedLakeBase extends SparkTestBase {
    static final String DATE = "2026-11-02";
    /** Far above an idle machine's time: a hung run fails, a machine busy with other builds does not. */
    static final Duration TIMEOUT = Duration.ofMinutes(20);
    /** Where the ITs keep the logs of the JVMs they start, to read after a failure. */
    static final Path LOGS = Paths.get(System.getProperty("ganzhi.spark-home")).resolveSibling("it-logs");
    private final ObjectMapper json = new ObjectMapper();
    protected String lake;

    @BeforeAll
    void generateLake() throws Exception {
        lake = tmp.resolve("lake").toString();
        GeneratedLake.run("generate", "--lake", lake, "--subscribers", "300", "--days", "2",
                "--start", "2026-11-01", "--seed", "5");
        Files.createDirectories(LOGS);
    }

    /** Spark settings a 300-subscriber night needs whatever the master: few partitions, loopback, scratch space in tmp. */
    List<String> smallJobConf() {
        return List.of("--conf", "spark.sql.shuffle.partitions=4",
                "--conf", "spark.default.parallelism=4",
                "--conf", "spark.databricks.delta.snapshotPartitions=2",
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.ui.enabled=false",
                "--conf", "spark.sql.warehouse.dir=" + tmp.resolve("submit-warehouse"),
                // A cluster has a metastore; this one is a Derby database in tmp, not in the working directory.
                "--conf", "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName="
                        + tmp.resolve("submit-metastore") + ";create=true",
                "--conf", "spark.driver.extraJavaOptions=" + SparkJvms.JAVA_OPENS
                        + " -Dderby.stream.error.file=" + tmp.resolve("submit-derby.log"),
                "--conf", "spark.executor.extraJavaOptions=" + SparkJvms.JAVA_OPENS);
    }

    /** The JSON summary the CLI printed as the last line of the submitted driver's stdout. */
    JsonNode summary(Path stdout) throws IOException {
        List<String> lines = Files.readString(stdout).strip().lines().toList();
        assertTrue(!lines.isEmpty() && lines.get(lines.size() - 1).startsWith("{"), "no summary on stdout: " + lines);
        return json.readTree(lines.get(lines.size() - 1));
    }

    /**
     * What the submitted night must have left in the lake: its SUCCEEDED row in ops.run_log, and
     * every subscriber of the day carried from silver through personas and perception into gold.
     */
    void assertNightlyRanThroughGold(JsonNode summary) {
        assertEquals("SUCCEEDED", summary.get("status").asText(), summary.toString());
        assertEquals(1L, scalarLong("SELECT count(*) FROM delta.`" + lake + "/ops/run_log` WHERE command = 'nightly' "
                + "AND run_date = DATE'" + DATE + "' AND status = 'SUCCEEDED'"));
        String day = " WHERE date = DATE'" + DATE + "'";
        long subscribers = scalarLong("SELECT count(DISTINCT msisdn) FROM delta.`" + lake + "/silver/subscriber` "
                + "WHERE snapshot_date = DATE'" + DATE + "'");
        assertTrue(subscribers > 250, subscribers + " subscribers in silver");
        assertEquals(subscribers, scalarLong("SELECT count(*) FROM delta.`" + lake + "/personas/subscriber_profile`" + day));
        assertEquals(subscribers, scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception`" + day));
        assertEquals(subscribers, scalarLong("SELECT sum(subscribers) FROM delta.`" + lake + "/gold/region_scorecard`" + day));
    }
}
