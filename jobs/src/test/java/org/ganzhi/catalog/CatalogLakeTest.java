package org.ganzhi.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog on a copy of the small shared lake after two 'nightly' runs (which publish;
 * {@link GeneratedLake#twoNights()}): every table written is documented
 * exactly as written (columns, types, partitioning), carries its comments in the catalog, and is
 * registered at this lake's path; then, in fresh JVMs as a BI user would start them, 'sql' on the
 * lake registers the tables in the lake's embedded metastore once and finds them there afterwards.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogLakeTest extends SparkTestBase {
    private static final String DATE = "2026-11-02";
    private final ObjectMapper json = new ObjectMapper();
    private String lake;

    @BeforeAll
    void nightlyOnATinyLake() throws Exception {
        lake = GeneratedLake.copyOfTwoNights(tmp.resolve("lake"));
        // The copy was written by another session: 'sql' registers its tables in this one's catalog.
        GeneratedLake.run("sql", "--lake", lake, "SELECT 1");
    }

    /** Every Delta table of the lake, as layer.table → path. */
    private Map<String, String> deltaTables() throws IOException {
        Map<String, String> tables = new TreeMap<>();
        try (Stream<Path> logs = Files.find(Path.of(lake), 3, (p, a) -> p.getFileName().toString().equals("_delta_log"))) {
            logs.map(Path::getParent).forEach(t -> tables.put(t.getParent().getFileName() + "." + t.getFileName(), t.toString()));
        }
        return tables;
    }

    @Test
    void everyWrittenTableIsDocumentedAsWrittenAndCommentedInTheCatalog() throws IOException {
        Map<String, String> written = deltaTables();
        assertTrue(written.containsKey("gold.region_scorecard") && written.containsKey("silver.voice_cdr"), written.keySet().toString());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> table : written.entrySet()) {
            String name = table.getKey();
            TableDoc doc = TableDocs.find(name).orElse(null);
            if (doc == null) {
                problems.add(name + ": no TableDocs entry");
                continue;
            }
            StructField[] fields = spark.table(name).schema().fields();
            String actual = java.util.Arrays.stream(fields).map(f -> f.name() + " " + f.dataType().simpleString())
                    .collect(Collectors.joining(", "));
            String documented = doc.columns().stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
            if (!actual.equals(documented)) {
                problems.add(name + ": written as [" + actual + "] but documented as [" + documented + "]");
            }
            for (StructField field : fields) {
                String comment = field.getComment().isDefined() ? field.getComment().get() : "";
                if (comment.isBlank() || doc.column(field.name()).filter(c -> c.comment().equals(comment)).isEmpty()) {
                    problems.add(name + "." + field.name() + ": catalog comment '" + comment + "'");
                }
            }
            Row detail = spark.sql("DESCRIBE DETAIL " + name).select("description", "partitionColumns", "location").first();
            if (!doc.comment().equals(detail.getString(0))) {
                problems.add(name + ": table comment '" + detail.getString(0) + "'");
            }
            if (!doc.partitionedBy().equals(detail.getList(1))) {
                problems.add(name + ": partitioned by " + detail.getList(1) + ", documented " + doc.partitionedBy());
            }
            if (!detail.getString(2).endsWith(table.getValue())) {
                problems.add(name + ": registered at " + detail.getString(2) + ", written to " + table.getValue());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void aRegistrationPointingElsewhereIsRepointed() throws Exception {
        Path elsewhere = tmp.resolve("old-lake/ops/run_log");
        spark.range(1).write().format("delta").save(elsewhere.toString());
        assertTrue(TableCatalog.register(spark, "ops.run_log", elsewhere.toString(), "delta"));
        assertEquals(1L, spark.table("ops.run_log").count());
        // Registering the same location again changes nothing.
        assertFalse(TableCatalog.register(spark, "ops.run_log", elsewhere.toString(), "delta"));
        JsonNode sql = GeneratedLake.run("sql", "--lake", lake, "SELECT count(*) FROM ops.run_log WHERE command = 'nightly'");
        assertTrue(sql.get("tables_registered").asInt() >= 1, sql.toString());
        assertEquals(List.of("command"), List.of(spark.table("ops.run_log").columns()).subList(1, 2));
    }

    @Test
    void freshJvmsFindTheTablesInTheLakesOwnMetastore() throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("bi-user"));
        String query = "SELECT region, subscribers FROM gold.region_scorecard WHERE date = DATE'" + DATE + "' ORDER BY region";
        Outcome first = ganzhiInFreshJvm(cwd, "sql", "--lake", lake, query);
        assertTrue(first.summary().get("tables_registered").asInt() >= deltaTables().size(), first.summary().toString());
        Outcome second = ganzhiInFreshJvm(cwd, "sql", "--lake", lake, "DESCRIBE TABLE gold.region_scorecard");
        assertEquals(0, second.summary().get("tables_registered").asInt(), "a second JVM registers nothing again: " + second.summary());
        assertEquals(first.summary().get("tables_visible"), second.summary().get("tables_visible"));
        String subscribers = TableDocs.find("gold.region_scorecard").orElseThrow().column("subscribers").orElseThrow().comment();
        assertTrue(second.out().lines().anyMatch(l -> l.startsWith("subscribers,bigint,") && l.contains(subscribers)), second.out());
        List<String> rows = first.out().lines().skip(1).filter(l -> !l.startsWith("{")).toList();
        assertFalse(rows.isEmpty(), first.out());
        assertEquals(spark.sql(query).count(), rows.size());
        assertTrue(Files.isDirectory(Path.of(lake, "_catalog", "metastore_db")), "the metastore lives in the lake");
        assertTrue(Files.exists(Path.of(lake, "_catalog", "derby.log")), "derby.log lives in the lake");
        try (Stream<Path> litter = Files.list(cwd)) {
            assertEquals(List.of(), litter.toList(), "nothing is left in the user's working directory");
        }
    }

    private record Outcome(String out, JsonNode summary) {
    }

    /** Runs the CLI in a new JVM with this test's classpath and JVM options, the default configuration. */
    private Outcome ganzhiInFreshJvm(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-") || a.startsWith("-XX:") || a.startsWith("-Dlog4j2") || a.startsWith("-Djdk.")
                        || a.startsWith("-Dio.netty"))
                .forEach(command::add);
        command.addAll(List.of("-Xmx2g", "-cp", System.getProperty("java.class.path"), "org.ganzhi.cli.Main"));
        command.addAll(List.of(args));
        File err = tmp.resolve("fresh-jvm.err").toFile();
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectError(err);
        builder.environment().remove("GANZHI_CONF");
        builder.environment().remove("GANZHI_METASTORE_URI");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the fresh JVM timed out");
        assertEquals(0, process.exitValue(), String.join(" ", args) + " failed: " + Files.readString(err.toPath()));
        List<String> lines = out.strip().lines().toList();
        return new Outcome(out, json.readTree(lines.get(lines.size() - 1)));
    }
}
