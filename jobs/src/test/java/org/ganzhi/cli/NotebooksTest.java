package org.ganzhi.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ganzhi.Cli;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.ganzhi.TestKeys;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The analyst notebooks (notebooks/*.ipynb) run headless against a real published night: a copy
 * of the shared two-night lake ({@link GeneratedLake#twoNights()}, 1 500 subscribers x 3 days) is
 * published again for its last night, the 'export' command writes its gold tables as CSV in this
 * JVM, and Jupyter executes each notebook on that export (GANZHI_DATA), as an analyst's would after
 * a nightly run. Every notebook must run without an error and show every chart it draws as a real
 * PNG. The executed notebooks stay in target/notebooks to look at.
 *
 * <p>The republication lowers the gold tables' minimum group size to 3 subscribers: three days of
 * 1 500 subscribers leave most complaint and service groups below the default 10, which would test
 * charts of withheld rows only. Groups below 3 are still withheld, so that path runs too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotebooksTest extends SparkTestBase {
    private static final String DATE = GeneratedLake.TWO_NIGHTS.get(1);
    private static final Path MODULE = Paths.get(System.getProperty("user.dir"));
    private static final Path NOTEBOOKS = MODULE.resolve("../notebooks").normalize();
    private static final Path EXECUTED = MODULE.resolve("target/notebooks");
    private static final Path LOCAL_CONF = MODULE.resolve("../conf/local.conf").normalize();
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final String INSTALL = "apt-get install jupyter-nbconvert python3-ipykernel python3-pandas python3-matplotlib";

    private final ObjectMapper json = new ObjectMapper();
    private String lake;
    private Path export;
    private Map<String, String> env;
    private JsonNode exportSummary;

    @BeforeAll
    void publishANightAndExportIt() throws Exception {
        String jupyter = jupyter();
        lake = GeneratedLake.copyOfTwoNights(tmp.resolve("lake"));
        export = tmp.resolve("export");
        Path conf = tmp.resolve("test.conf");
        Files.writeString(conf, "include file(\"" + LOCAL_CONF + "\")\nganzhi.local.shuffle-partitions = 2\n"
                + "ganzhi.publish.min-subscribers = 3\n");
        env = Map.of("GANZHI_PSEUDONYM_KEY", TestKeys.HEX, "GANZHI_CONF", conf.toString());
        run("publish", "--lake", lake, "--date", DATE);
        exportSummary = run("export", "--lake", lake, "--out", export.toString());
        executeNotebooks(jupyter);
    }

    @Test
    void exportWritesEveryGoldTableOfTheLatestDateAsCsv() throws IOException {
        assertEquals(DATE, exportSummary.get("date").asText());
        List<String> tables = List.of("subscriber_perception", "segment_summary", "cell_experience", "complaint_insight",
                "channel_experience", "service_demand_ranking", "commitment_compliance", "region_scorecard", "adoption_funnel",
                "feedback_insight", "product_perception");
        for (String table : tables) {
            List<String> lines = Files.readAllLines(export.resolve("gold." + table + ".csv"));
            long published = scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/" + table + "` WHERE date = DATE'" + DATE + "'");
            assertTrue(published > 0, table + " has rows");
            assertEquals(published, lines.size() - 1L, table + ": one CSV line per row after the header");
            assertEquals(published, exportSummary.get("rows").get("gold." + table).asLong(), table + " in the summary");
            assertTrue(lines.get(0).contains("date"), table + " header: " + lines.get(0));
        }
    }

    @Test
    void exportOfALakeWithoutGoldTablesSaysWhatToRunFirst() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty-lake"));
        Cli.Outcome export = Cli.run(env, "export", "--lake", empty.toString(), "--out", tmp.resolve("none").toString());
        assertEquals(Main.USER_ERROR, export.code(), export.err());
        assertTrue(export.err().contains("export needs gold.subscriber_perception, which " + empty + " does not have yet; "
                + "run 'ganzhi publish --lake " + empty + " --date D' first."), export.err());
    }

    @Test
    void everyNotebookRunsAndShowsEachOfItsChartsAsAPng() throws IOException {
        List<Path> notebooks = notebooks();
        assertEquals(8, notebooks.size(), notebooks.toString());
        for (Path source : notebooks) {
            String name = source.getFileName().toString();
            JsonNode executed = json.readTree(EXECUTED.resolve(name).toFile());
            int charts = 0;
            int shows = 0;
            for (JsonNode cell : executed.get("cells")) {
                if (!cell.get("cell_type").asText().equals("code")) {
                    continue;
                }
                shows += countOf(text(cell.get("source")), "plt.show()");
                for (JsonNode output : cell.path("outputs")) {
                    if (output.get("output_type").asText().equals("error")) {
                        fail(name + " failed: " + output.get("ename").asText() + ": " + output.get("evalue").asText());
                    }
                    JsonNode png = output.path("data").path("image/png");
                    if (!png.isMissingNode()) {
                        assertReadablePng(Base64.getMimeDecoder().decode(text(png)), name);
                        charts++;
                    }
                }
            }
            assertTrue(charts >= 1, name + " shows no chart");
            assertEquals(shows, charts, name + ": every plt.show() shows one chart");
        }
    }

    @Test
    void notebooksDescribeTheExportedNight() throws IOException {
        long subscribers = scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/subscriber_perception` WHERE date = DATE'" + DATE + "'");
        String first = outputText(EXECUTED.resolve("01_persona_mix.ipynb"));
        assertTrue(first.contains("CSV export in " + export + ", published date " + DATE), first);
        assertTrue(first.contains(String.format(Locale.ROOT, "%,d subscribers scored on %s", subscribers, DATE)), first);
        long hotSpots = scalarLong("SELECT count(*) FROM delta.`" + lake + "/gold/cell_experience` WHERE date = DATE'" + DATE + "' AND hot_spot");
        assertTrue(outputText(EXECUTED.resolve("03_worst_cells_map.ipynb")).contains(hotSpots + " hot spots"));
        long texts = scalarLong("SELECT sum(texts) FROM delta.`" + lake + "/gold/feedback_insight` WHERE date = DATE'" + DATE
                + "' AND NOT redacted");
        String feedback = outputText(EXECUTED.resolve("07_feedback_insight.ipynb"));
        assertTrue(feedback.contains(String.format(Locale.ROOT, "%,d texts in the published groups", texts)), feedback);
    }

    /** Jupyter as .ci/run installs it (Debian's), or the one on PATH; fails with how to install it. */
    private static String jupyter() throws InterruptedException {
        String command = System.getenv().getOrDefault("GANZHI_JUPYTER",
                Files.isExecutable(Paths.get("/usr/bin/jupyter")) ? "/usr/bin/jupyter" : "jupyter");
        try {
            Process probe = new ProcessBuilder(command, "nbconvert", "--version").redirectErrorStream(true).start();
            if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return command;
            }
            probe.destroyForcibly();
        } catch (IOException missing) {
            // Reported below with how to install it.
        }
        fail("the notebook test needs Jupyter's nbconvert with pandas and matplotlib ('" + command
                + " nbconvert' does not run); install them with: " + INSTALL + " (.ci/run does)");
        return null;
    }

    /** Executes every notebook in one nbconvert run; errors are kept as outputs, which the tests report. */
    private void executeNotebooks(String jupyter) throws Exception {
        Files.createDirectories(EXECUTED);
        List<String> command = new ArrayList<>(List.of(jupyter, "nbconvert", "--to", "notebook", "--execute",
                "--allow-errors", "--ExecutePreprocessor.timeout=120", "--output-dir", EXECUTED.toString()));
        notebooks().forEach(n -> command.add(n.toString()));
        Path log = tmp.resolve("nbconvert.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("GANZHI_DATA", export.toString());
        builder.environment().remove("GANZHI_LAKE");
        builder.environment().remove("GANZHI_DATE");
        Process process = builder.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("nbconvert did not finish in 180 s: " + Files.readString(log));
        }
        assertEquals(0, process.exitValue(), "nbconvert failed: " + Files.readString(log));
    }

    private static List<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** A PNG with its signature, an image header of a chart-sized picture, and more than a blank canvas's bytes. */
    private static void assertReadablePng(byte[] png, String notebook) {
        assertTrue(png.length > 8_000, notebook + ": a chart of " + png.length + " bytes is too small to show anything");
        byte[] signature = new byte[8];
        System.arraycopy(png, 0, signature, 0, 8);
        assertArrayEquals(PNG_SIGNATURE, signature, notebook + ": not a PNG");
        ByteBuffer header = ByteBuffer.wrap(png, 12, 12);
        assertEquals("IHDR", StandardCharsets.US_ASCII.decode(ByteBuffer.wrap(png, 12, 4)).toString(), notebook);
        header.position(16);
        int width = header.getInt();
        int height = header.getInt();
        assertTrue(width >= 300 && height >= 200, notebook + ": a chart of " + width + " x " + height + " pixels");
    }

    /** The text of every stream and plain-text output of a notebook. */
    private String outputText(Path notebook) throws IOException {
        StringBuilder all = new StringBuilder();
        for (JsonNode cell : json.readTree(notebook.toFile()).get("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                all.append(text(output.path("text"))).append(text(output.path("data").path("text/plain"))).append('\n');
            }
        }
        return all.toString();
    }

    /** nbformat stores text as a string or a list of lines. */
    private static String text(JsonNode node) {
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            node.forEach(line -> joined.append(line.asText()));
            return joined.toString();
        }
        return node.isMissingNode() ? "" : node.asText();
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private JsonNode run(String... args) {
        return Cli.succeed(env, args);
    }
}
