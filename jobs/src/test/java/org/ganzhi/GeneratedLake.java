package org.ganzhi;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The generated lake the accuracy tests share: 8 000 subscribers x 28 days from Oct 25 (seed 3),
 * run through the CLI once per test JVM, since building it is most of those tests' time. The text
 * stage as of Nov 21 (it reads the month's feedback). Features
 * and personas as of Nov 7, 14, 20 and 21 (the persona model is trained on Nov 21, then scores the
 * earlier nights); perception as of Nov 7, 14 and 21; calibrate on Nov 21 (train on Nov 7, test
 * on Nov 14, whose 7-day outcomes end on Nov 21); publish Nov 21. The two weeks before Nov 7 give
 * the training date a history to measure a fall in use against, as an operator's lake has.
 * <p>
 * Beside it, a small lake for the tests that need two ordinary nights of every table rather than
 * accuracy: 1 500 subscribers x 3 days from Nov 1 (seed 7), 'nightly' for Nov 2 and Nov 3.
 * Both are deleted when the JVM exits.
 */
public final class GeneratedLake {
    public static final int SUBSCRIBERS = 8_000;
    private static final Map<String, String> ENV = Map.of("GANZHI_PSEUDONYM_KEY", TestKeys.HEX);
    private static String lake;
    private static String twoNightsLake;
    private static Map<String, JsonNode> twoNights;
    /** The nights of {@link #twoNights()}. */
    public static final List<String> TWO_NIGHTS = List.of("2026-11-02", "2026-11-03");

    private GeneratedLake() {
    }

    /** The lake's root, built on first use (inside the caller's SparkSession). */
    public static synchronized String accuracyLake() throws Exception {
        if (lake == null) {
            Path root = Files.createTempDirectory("ganzhi-lake-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            String l = root.resolve("lake").toString();
            run("generate", "--lake", l, "--subscribers", String.valueOf(SUBSCRIBERS), "--days", "28",
                    "--start", "2026-10-25", "--seed", "3");
            run("ingest", "--lake", l, "--date", "2026-10-25", "--to", "2026-11-21");
            // One text night catches up the month's feedback (ganzhi.text.catch-up-days), training the text model.
            run("text", "--lake", l, "--date", "2026-11-21");
            List<String> nights = List.of("2026-11-07", "2026-11-14", "2026-11-20", "2026-11-21");
            for (String date : nights) {
                run("features", "--lake", l, "--date", date);
            }
            // The first persona run trains the model: on the full three weeks, which then scores the earlier
            // nights. Nov 21 then runs again as the night after Nov 20, carrying its labels as every night does.
            for (String date : List.of("2026-11-21", "2026-11-20", "2026-11-14", "2026-11-07", "2026-11-21")) {
                run("personas", "--lake", l, "--date", date);
            }
            for (String date : List.of("2026-11-07", "2026-11-14", "2026-11-21")) {
                run("perception", "--lake", l, "--date", date);
            }
            run("calibrate", "--lake", l, "--date", "2026-11-21", "--train-from", "2026-11-07", "--train-to", "2026-11-07",
                    "--test-from", "2026-11-14", "--test-to", "2026-11-14");
            run("publish", "--lake", l, "--date", "2026-11-21");
            lake = l;
        }
        return lake;
    }

    /** The small lake's root, built on first use: see the class comment. */
    public static synchronized String twoNights() throws Exception {
        if (twoNightsLake == null) {
            Path root = Files.createTempDirectory("ganzhi-two-nights-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
            String l = root.resolve("lake").toString();
            run("generate", "--lake", l, "--subscribers", "1500", "--days", "3", "--start", "2026-11-01", "--seed", "7");
            Map<String, JsonNode> summaries = new java.util.LinkedHashMap<>();
            for (String date : TWO_NIGHTS) {
                summaries.put(date, run("nightly", "--lake", l, "--date", date));
            }
            twoNights = Map.copyOf(summaries);
            twoNightsLake = l;
        }
        return twoNightsLake;
    }

    /**
     * A copy of {@link #twoNights()} at {@code target} for a test that changes its lake: every
     * table, without the landing files and the lake's own folders (catalog, lock). Returns its root.
     */
    public static String copyOfTwoNights(Path target) throws Exception {
        copyTree(Path.of(twoNights()), target, top -> !top.equals("landing") && !top.startsWith("_"));
        return target.toString();
    }

    /**
     * Copies the folder {@code source} to {@code target}, keeping only the top-level entries whose
     * name {@code keepTop} accepts. A Delta table refers to its files by relative path, so a copied
     * lake is a lake of its own.
     */
    public static void copyTree(Path source, Path target, Predicate<String> keepTop) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path relative = source.relativize(file);
                String top = relative.getName(0).toString(); // "" for the folder itself
                if (!top.isEmpty() && !keepTop.test(top)) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
    }

    /** The 'nightly' summaries of {@link #twoNights()}, by date. */
    public static synchronized Map<String, JsonNode> twoNightsSummaries() throws Exception {
        twoNights();
        return twoNights;
    }

    /** Runs one CLI command in this JVM and returns its JSON summary; fails the test if it fails. */
    public static JsonNode run(String... args) {
        return Cli.succeed(ENV, args);
    }

    /** Deletes a folder and everything in it. */
    public static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
