package org.ganzhi.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded jar on a real Spark standalone cluster on 127.0.0.1: a master and one worker (2
 * cores, 2 GiB) in their own JVMs, started from Spark's classes on the Maven class path, the
 * worker with a minimal Spark home whose jars/ links those jars (it builds each executor's class
 * path from it). 'nightly' is submitted in client mode with two 1-core executors, so every task
 * runs in another JVM than the driver: closures, broadcast configuration and the jar's classes
 * must travel, and static state set in the driver is absent, which local mode hides.
 */
class StandaloneClusterIT extends SubmittedLakeBase {
    private static final Pattern DAEMON_PID = Pattern.compile("Started daemon with process name: (\\d+)@");
    private final ObjectMapper json = new ObjectMapper();
    private final Path masterLog = LOGS.resolve("standalone-master.log");
    private final Path workerLog = LOGS.resolve("standalone-worker.log");
    private Path workDir;
    private Process master;
    private Process worker;
    private String masterUrl;
    private String masterUi;
    private String workerUi;

    @BeforeAll
    void startMasterAndWorker() throws Exception {
        Path sparkHome = SparkJvms.sparkHome(Paths.get(System.getProperty("ganzhi.spark-home")));
        workDir = tmp.resolve("worker-work");
        int masterPort = SparkJvms.freePort();
        int masterUiPort = SparkJvms.freePort();
        masterUrl = "spark://127.0.0.1:" + masterPort;
        masterUi = "http://127.0.0.1:" + masterUiPort + "/json/";
        // Spark's own INFO logs for the daemons; no REST submission server (it wants a fixed port).
        master = SparkJvms.start(SparkJvms.java("512m", List.of("-Dspark.master.rest.enabled=false"),
                "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", String.valueOf(masterPort), "--webui-port", String.valueOf(masterUiPort))),
                Map.of(), masterLog, masterLog);
        awaitJson(masterUi, state -> state.has("status"), "the master to start");

        int workerUiPort = SparkJvms.freePort();
        workerUi = "http://127.0.0.1:" + workerUiPort + "/json/";
        worker = SparkJvms.start(SparkJvms.java("512m", List.of(), "org.apache.spark.deploy.worker.Worker",
                List.of("--host", "127.0.0.1", "--port", String.valueOf(SparkJvms.freePort()),
                        "--webui-port", String.valueOf(workerUiPort), "--cores", "2", "--memory", "2g",
                        "--work-dir", workDir.toString(), masterUrl)),
                Map.of("SPARK_HOME", sparkHome.toString(), "SPARK_SCALA_VERSION", "2.13"), workerLog, workerLog);
        awaitJson(masterUi, state -> state.path("aliveworkers").asInt() == 1, "the worker to register");
    }

    /** Master, worker and the executors the worker started are stopped whatever happened. */
    @AfterAll
    void stopCluster() {
        SparkJvms.stop(worker);
        SparkJvms.stop(master);
    }

    @Test
    void nightly_runs_on_a_standalone_cluster_with_executors_in_their_own_jvms() throws Exception {
        try {
            List<String> spark = new ArrayList<>(List.of("--master", masterUrl, "--deploy-mode", "client",
                    "--executor-memory", "1g", "--executor-cores", "1", "--total-executor-cores", "2"));
            spark.addAll(smallJobConf());
            Path out = LOGS.resolve("standalone-submit.out");
            Path err = LOGS.resolve("standalone-submit.err");
            SparkJvms.Submitted run = SparkJvms.submit(spark, List.of("nightly", "--lake", lake, "--date", DATE), out, err, TIMEOUT);

            assertEquals(0, run.exitCode(), "spark-submit failed:\n" + SparkJvms.tail(err));
            assertNightlyRanThroughGold(summary(out));

            JsonNode app = theOneApplication();
            List<String> executors = new ArrayList<>();
            JsonNode workerState = json.readTree(SparkJvms.get(workerUi));
            Stream.of("executors", "finishedexecutors").forEach(list -> workerState.path(list).forEach(executor -> {
                if (executor.path("appid").asText().equals(app.get("id").asText())) {
                    executors.add(executor.get("id").asText());
                }
            }));
            assertEquals(2, executors.size(), "executors the worker launched: " + workerState);
            List<Long> pids = new ArrayList<>();
            for (String id : executors) {
                String stderr = Files.readString(workDir.resolve(app.get("id").asText()).resolve(id).resolve("stderr"));
                Matcher pid = DAEMON_PID.matcher(stderr);
                assertTrue(pid.find(), "executor " + id + " logged no process id");
                assertTrue(stderr.contains("Finished task"), "executor " + id + " ran no task");
                pids.add(Long.parseLong(pid.group(1)));
            }
            assertNotEquals(pids.get(0), pids.get(1));
            assertTrue(!pids.contains(run.driverPid()), "executors ran in the driver's JVM " + run.driverPid());
        } catch (AssertionError | Exception e) {
            System.err.println("--- master log\n" + SparkJvms.tail(masterLog) + "\n--- worker log\n" + SparkJvms.tail(workerLog));
            throw e;
        }
    }

    /** The master's record of the submitted application (the cluster ran nothing else). */
    private JsonNode theOneApplication() throws IOException {
        JsonNode state = json.readTree(SparkJvms.get(masterUi));
        List<JsonNode> apps = new ArrayList<>();
        Stream.of("activeapps", "completedapps").forEach(list -> state.path(list).forEach(apps::add));
        assertEquals(1, apps.size(), "applications on the master: " + state);
        return apps.get(0);
    }

    private void awaitJson(String url, Predicate<JsonNode> ready, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            String body = SparkJvms.get(url);
            if (body != null && ready.test(json.readTree(body))) {
                return;
            }
            assertTrue(master.isAlive() && (worker == null || worker.isAlive()), "a cluster JVM died waiting for " + what
                    + ":\n--- master log\n" + SparkJvms.tail(masterLog) + "\n--- worker log\n" + SparkJvms.tail(workerLog));
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what + ":\n--- master log\n" + SparkJvms.tail(masterLog)
                + "\n--- worker log\n" + SparkJvms.tail(workerLog));
    }
}
