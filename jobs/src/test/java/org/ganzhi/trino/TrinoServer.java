package org.ganzhi.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Trino (coordinator and worker in one JVM) on 127.0.0.1, started from the
 * server tarball Maven resolved, with one catalog, {@code delta}: the Delta Lake connector over a
 * file metastore, as in conf/trino/. Trino 470 needs Java 23+, so it runs in its own JVM from
 * {@code GANZHI_TRINO_JAVA_HOME} (or a JDK 23+ found under /usr/lib/jvm), while our code stays on
 * Java 17. Queries go over Trino's HTTP protocol. {@link #close()} always ends the process.
 */
final class TrinoServer implements AutoCloseable {
    static final String VERSION = "470";
    private static final int MIN_JAVA = 23;
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Thread killOnExit;

    /** Columns (name and Trino type) and rows of one query's answer. */
    record Result(List<String> names, List<String> types, List<List<Object>> rows) {
    }

    private TrinoServer(Process process, Path log, URI base) {
        this.process = process;
        this.log = log;
        this.base = base;
        // Belt and braces: a JVM killed before close() must not leave Trino running.
        this.killOnExit = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts Trino with its configuration, data and metastore under {@code work}; see
     * {@link #awaitReady()}.
     */
    static TrinoServer start(Path work) throws IOException, InterruptedException {
        Path java = javaHome().resolve("bin/java");
        Path home = unpackedServer();
        int port = freePort();
        Path etc = writeConfig(work, home, port);
        Path log = work.resolve("server.log");
        List<String> command = new ArrayList<>(List.of(java.toString(),
                "-Xmx2G", "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", "-XX:-OmitStackTraceInFastThrow",
                "-XX:ReservedCodeCacheSize=256M", "-XX:+EnableDynamicAgentLoading",
                "-Djdk.attach.allowAttachSelf=true", "-Dfile.encoding=UTF-8",
                // Node properties are system properties (Trino's launcher passes node.properties so).
                "-Dnode.environment=ganzhi_test", "-Dnode.id=ganzhi-trino-test", "-Dnode.internal-address=127.0.0.1",
                "-Dnode.data-dir=" + Files.createDirectories(work.resolve("data")),
                "-Dconfig=" + etc.resolve("config.properties"),
                "-Dlog.levels-file=" + etc.resolve("log.properties"),
                "-cp", home.resolve("lib") + "/*", "io.trino.server.TrinoServer"));
        Process process = new ProcessBuilder(command).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new TrinoServer(process, log, URI.create("http://127.0.0.1:" + port));
    }

    /**
     * Waits until the server accepts queries (so a caller can build its data meanwhile); on failure
     * the server is stopped and the message carries its log's tail.
     */
    TrinoServer awaitReady() throws InterruptedException {
        try {
            awaitStarted();
            return this;
        } catch (RuntimeException | InterruptedException | IOException e) {
            String tail = logTail(40);
            close();
            throw new IllegalStateException(e.getMessage() + "\n--- Trino server log (tail) ---\n" + tail, e);
        }
    }

    /**
     * The JDK that runs Trino: {@code GANZHI_TRINO_JAVA_HOME}, or else the newest JDK 23+ under
     * /usr/lib/jvm. Fails with what to install or set, never skips: the check is part of the suite.
     */
    static Path javaHome() {
        String configured = System.getenv("GANZHI_TRINO_JAVA_HOME");
        if (configured != null && !configured.isBlank()) {
            Path home = Path.of(configured);
            int major = javaMajor(home);
            if (major < MIN_JAVA) {
                throw new IllegalStateException("GANZHI_TRINO_JAVA_HOME=" + configured + " is not a JDK " + MIN_JAVA
                        + "+ (found " + (major < 0 ? "no JDK" : "Java " + major) + "); Trino " + VERSION + " needs Java "
                        + MIN_JAVA + "+.");
            }
            return home;
        }
        try (Stream<Path> jdks = Files.list(Path.of("/usr/lib/jvm"))) {
            Optional<Path> newest = jdks.filter(h -> javaMajor(h) >= MIN_JAVA).max(Comparator.comparingInt(TrinoServer::javaMajor));
            if (newest.isPresent()) {
                return newest.get();
            }
        } catch (IOException e) {
            // No /usr/lib/jvm: the message below says what to do.
        }
        throw new IllegalStateException("Trino " + VERSION + " needs Java " + MIN_JAVA + "+ and none was found: install a JDK "
                + MIN_JAVA + "+ (e.g. Temurin 25 under /usr/lib/jvm) or set GANZHI_TRINO_JAVA_HOME to one.");
    }

    /** The major version a JDK's {@code release} file names, or -1. */
    static int javaMajor(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /**
     * The server unpacked under target/ from the tarball Maven resolved. GNU tar unpacks it: the
     * tarball shares jars between plugins as hard links, which Maven's own unpacker writes as
     * empty files. Done once; a marker says the unpack finished.
     */
    private static Path unpackedServer() throws IOException, InterruptedException {
        String tarball = System.getProperty("ganzhi.trino.tarball", "");
        String homeProperty = System.getProperty("ganzhi.trino.home", "");
        if (tarball.isBlank() || tarball.startsWith("${") || homeProperty.isBlank() || homeProperty.startsWith("${")) {
            throw new IllegalStateException("run this test through Maven (mvn test -Dtest=TrinoReadsGoldTest): it needs "
                    + "io.trino:trino-server:" + VERSION + ":tar.gz resolved (system properties ganzhi.trino.tarball, ganzhi.trino.home).");
        }
        Path home = Path.of(homeProperty);
        Path marker = home.resolve(".ganzhi-unpacked");
        if (Files.exists(marker)) {
            return home;
        }
        Path parent = home.getParent();
        Files.createDirectories(parent);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball, "-C", parent.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (tar.waitFor() != 0 || !Files.isDirectory(home.resolve("lib"))) {
            throw new IllegalStateException("could not unpack " + tarball + " into " + parent + ": " + output.strip());
        }
        Files.writeString(marker, tarball);
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * etc/ for a one-node server on 127.0.0.1 with the delta catalog, and a plugin directory that
     * holds only the Delta Lake plugin (loading the other 50 would double the startup time).
     */
    private static Path writeConfig(Path work, Path home, int port) throws IOException {
        Path etc = Files.createDirectories(work.resolve("etc"));
        Path plugins = Files.createDirectories(work.resolve("plugin"));
        Files.createSymbolicLink(plugins.resolve("delta-lake"), home.resolve("plugin/delta-lake"));
        Path metastore = Files.createDirectories(work.resolve("metastore"));
        write(etc.resolve("config.properties"), Map.of(
                "coordinator", "true",
                "node-scheduler.include-coordinator", "true",
                "http-server.http.port", String.valueOf(port),
                "discovery.uri", "http://127.0.0.1:" + port,
                "query.max-memory", "1GB",
                "query.max-memory-per-node", "1GB",
                "plugin.dir", plugins.toString(),
                "catalog.config-dir", etc.resolve("catalog").toString()));
        write(etc.resolve("log.properties"), Map.of("io.trino", "INFO"));
        write(Files.createDirectories(etc.resolve("catalog")).resolve("delta.properties"), Map.of(
                "connector.name", "delta_lake",
                "hive.metastore", "file",
                "hive.metastore.catalog.dir", metastore.toUri().toString(),
                "fs.hadoop.enabled", "true",
                "delta.register-table-procedure.enabled", "true"));
        return etc;
    }

    private static void write(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text = new StringBuilder();
        properties.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        Files.writeString(file, text.toString());
    }

    /** Polls /v1/info until the server says it is no longer starting. */
    private void awaitStarted() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Trino exited during startup with code " + process.exitValue());
            }
            try {
                HttpResponse<String> info = http.send(HttpRequest.newBuilder(base.resolve("/v1/info"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (info.statusCode() == 200 && !JSON.readTree(info.body()).path("starting").asBoolean(true)) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The HTTP server comes up part way through startup.
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("Trino did not start within " + STARTUP.toSeconds() + " s");
    }

    /**
     * Runs one statement and returns its whole answer, following nextUri until the query is done;
     * a failed query throws with Trino's error message.
     */
    Result query(String sql) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v1/statement"))
                .header("X-Trino-User", "ganzhi").header("X-Trino-Time-Zone", "UTC")
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofString(sql, StandardCharsets.UTF_8)).build();
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        JsonNode page = send(request);
        while (true) {
            if (page.has("error")) {
                throw new IllegalStateException("Trino failed " + sql + ": " + page.get("error").path("message").asText());
            }
            if (names.isEmpty() && page.has("columns")) {
                for (JsonNode column : page.get("columns")) {
                    names.add(column.get("name").asText());
                    types.add(column.get("type").asText());
                }
            }
            for (JsonNode row : page.path("data")) {
                List<Object> values = new ArrayList<>();
                for (JsonNode value : row) {
                    values.add(JSON.treeToValue(value, Object.class));
                }
                rows.add(values);
            }
            if (!page.has("nextUri")) {
                return new Result(names, types, rows);
            }
            page = send(HttpRequest.newBuilder(URI.create(page.get("nextUri").asText()))
                    .header("X-Trino-User", "ganzhi").timeout(Duration.ofMinutes(2)).GET().build());
        }
    }

    private JsonNode send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Trino answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The last lines of the server's log, for a failure message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    /** Stops Trino: politely, then forcibly, and waits until the process is gone. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or will run anyway.
            }
        }
    }
}
