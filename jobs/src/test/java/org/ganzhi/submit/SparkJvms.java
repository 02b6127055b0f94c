package org.ganzhi.submit;

import org.ganzhi.TestKeys;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Child JVMs running Spark's own entry points (spark-submit, standalone master and worker) with
 * Spark's jars from the Maven class path: no Spark installation. The build hands the paths in as
 * system properties (see failsafe in jobs/pom.xml).
 */
final class SparkJvms {
    static final Path JAR = Paths.get(System.getProperty("ganzhi.jar"));
    private static final Path SPARK_CLASSPATH = Paths.get(System.getProperty("ganzhi.spark-classpath"));
    private static final Path LOG_CONFIG = Paths.get(System.getProperty("log4j2.configurationFile"));
    /** The --add-opens flags Spark needs on Java 17, from pom.xml's spark.java.opens. */
    static final String JAVA_OPENS = System.getProperty("spark.java.opens");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private SparkJvms() {
    }

    /** The Spark, Hadoop and Scala jars, as the build listed them. */
    static List<Path> sparkJars() throws IOException {
        return Arrays.stream(Files.readString(SPARK_CLASSPATH).strip().split(File.pathSeparator))
                .map(Paths::get).toList();
    }

    /**
     * A minimal Spark home: a standalone worker builds each executor's class path from
     * SPARK_HOME/jars (Spark's launcher), so jars/ links to the jars of the Maven class path.
     */
    static Path sparkHome(Path home) throws IOException {
        Path jars = home.resolve("jars");
        if (Files.exists(home)) {
            try (Stream<Path> paths = Files.walk(home)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(jars);
        for (Path jar : sparkJars()) {
            // Maven's file names (artifact-version.jar) are distinct on this class path.
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar.toAbsolutePath());
        }
        return home;
    }

    /**
     * A java command line for MAIN_CLASS on Spark's class path, with Spark's module flags, the
     * heap and JVM_OPTIONS.
     */
    static List<String> java(String heap, List<String> jvmOptions, String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(Arrays.asList(JAVA_OPENS.strip().split("\\s+")));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, sparkJars().stream().map(Path::toString).toList()));
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /** A finished spark-submit: its exit code and the process id of its JVM (the driver). */
    record Submitted(int exitCode, long driverPid) {
    }

    /**
     * spark-submit of the shaded jar's CLI in a child JVM (client deploy mode: that JVM is the
     * driver), its stdout and stderr to files; waits at most TIMEOUT.
     */
    static Submitted submit(List<String> sparkArgs, List<String> ganzhiArgs, Path out, Path err, Duration timeout)
            throws Exception {
        List<String> args = new ArrayList<>(sparkArgs);
        args.addAll(List.of("--class", "org.ganzhi.cli.Main", JAR.toString()));
        args.addAll(ganzhiArgs);
        Process process = start(java("1500m", List.of("-Dlog4j2.configurationFile=" + LOG_CONFIG),
                "org.apache.spark.deploy.SparkSubmit", args), Map.of(), out, err);
        try {
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("spark-submit did not finish within " + timeout + ":\n" + tail(err));
            }
            return new Submitted(process.exitValue(), process.pid());
        } finally {
            stop(process);
        }
    }

    /**
     * Starts a child JVM bound to loopback, with the test pseudonym key and ENV added to this
     * JVM's environment; OUT and ERR may be one file.
     */
    static Process start(List<String> command, Map<String, String> env, Path out, Path err) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
        if (out.equals(err)) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectError(err.toFile());
        }
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("GANZHI_PSEUDONYM_KEY", TestKeys.HEX);
        builder.environment().putAll(env);
        return builder.start();
    }

    /** Kills a process and everything it started (a worker's executors), and waits for them. */
    static void stop(Process process) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            handle.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> handle).join();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The body of GET URL, or null while nothing answers there. */
    static String get(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The last 200 lines of a log, for failure messages. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no " + log + ")");
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
