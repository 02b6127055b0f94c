package org.ganzhi.trino;

import org.apache.spark.sql.Row;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.ganzhi.common.Tables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real BI engine reads the gold tables of the small shared lake ({@link GeneratedLake#twoNights()}:
 * two nights, so every gold table has two partitions), Trino 470 is started from its Maven tarball with the Delta
 * Lake connector over a file metastore (as conf/trino/ documents), every gold table is registered
 * with {@code delta.system.register_table}, and the queries a dashboard runs are answered by
 * Trino and by Spark over the same files. The answers must agree row by row, doubles to 6
 * significant digits. Trino is stopped after the class whatever happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoReadsGoldTest extends SparkTestBase {
    private static final List<String> GOLD = List.of(Tables.SUBSCRIBER_PERCEPTION, Tables.SEGMENT_SUMMARY,
            Tables.REGION_SCORECARD, Tables.CELL_EXPERIENCE, Tables.COMPLAINT_INSIGHT,
            Tables.SERVICE_DEMAND_RANKING, Tables.CHANNEL_EXPERIENCE, Tables.COMMITMENT_COMPLIANCE,
            Tables.ADOPTION_FUNNEL, Tables.FEEDBACK_INSIGHT, Tables.PRODUCT_PERCEPTION);
    private static final String NIGHT = GeneratedLake.TWO_NIGHTS.get(1);
    private static final MathContext SIGNIFICANT = new MathContext(6);
    /** The documented setup this test checks: surefire runs in jobs/. */
    private static final Path CONF = Path.of("..", "conf", "trino");
    /** The lake location register-gold.sql shows, replaced by the test lake's. */
    private static final String EXAMPLE_LAKE = "file:///data/ganzhi/lake";

    private String lake;
    private TrinoServer trino;

    @BeforeAll
    void buildLakeAndStartTrino() throws Exception {
        // Trino starts while the shared lake is built (when no class built it before): its startup is most of its cost.
        trino = TrinoServer.start(tmp.resolve("trino"));
        lake = GeneratedLake.twoNights();
        trino.awaitReady();
        try {
            List<String> register = registerStatements();
            for (String table : GOLD) {
                assertTrue(register.stream().anyMatch(s -> s.contains("'" + name(table) + "'")),
                        "conf/trino/register-gold.sql registers " + table);
            }
            for (String statement : register) {
                trino.query(statement);
            }
        } catch (Exception e) {
            fail("registering the gold tables in Trino failed: " + e.getMessage() + "\n--- Trino server log (tail) ---\n"
                    + trino.logTail(40), e);
        }
    }

    @AfterAll
    void stopTrino() {
        if (trino != null) {
            trino.close();
        }
    }

    @Test
    void everyGoldTableReadsTheSameInTrinoAsInSpark() throws Exception {
        for (String table : GOLD) {
            String everyRow = "SELECT * FROM delta." + table;
            List<List<Object>> spark = sortedRows(spark(everyRow));
            assertTrue(spark.size() > 0, table + " has rows on the test lake");
            assertEquals(spark, sortedRows(trino(everyRow)), table + " read by Trino");
        }
    }

    /**
     * The Delta features docs/operations.md ("BI through Trino") promises BI engines: plain
     * reader 1 / writer 2 tables, no table features. A change that turns one on (deletion vectors,
     * column mapping, ...) must be checked against Trino and documented, not slip in.
     */
    @Test
    void goldTablesUseOnlyTheDocumentedDeltaProtocol() {
        for (String table : GOLD) {
            Row detail = spark.sql("DESCRIBE DETAIL delta.`" + Path.of(lake, "gold", name(table)) + "`").first();
            assertEquals(List.of(1, 2), List.of(detail.<Integer>getAs("minReaderVersion"), detail.<Integer>getAs("minWriterVersion")),
                    table + " protocol (reader, writer)");
        }
    }

    /**
     * Every query of conf/trino/dashboards.sql (segment mix, worst cells, complaint trend, region
     * ranking and one per other gold table), run as shipped in Trino and, on the same files, in Spark.
     */
    @TestFactory
    List<DynamicTest> dashboardQueriesAnswerAsInSpark() throws IOException {
        Map<String, String> queries = dashboardQueries(Files.readString(CONF.resolve("dashboards.sql")));
        assertTrue(queries.keySet().containsAll(List.of("segment mix", "worst cells", "complaint trend", "region ranking")),
                queries.keySet().toString());
        for (String table : GOLD) {
            assertTrue(queries.values().stream().anyMatch(q -> q.contains("delta." + table + "\n") || q.contains("delta." + table + " ")),
                    "conf/trino/dashboards.sql queries " + table);
        }
        List<DynamicTest> tests = new ArrayList<>();
        queries.forEach((name, query) -> tests.add(DynamicTest.dynamicTest(name, () -> {
            List<List<Object>> spark = spark(query);
            assertTrue(spark.size() > 0, name + " answers rows in Spark");
            assertEquals(spark, trino(query), name + ":\n" + query);
        })));
        return tests;
    }

    /** The statements of register-gold.sql for this lake: its example location replaced by the lake's. */
    private List<String> registerStatements() throws IOException {
        String lakeUri = Path.of(lake).toUri().toString().replaceAll("/$", "");
        return statements(Files.readString(CONF.resolve("register-gold.sql")).replace(EXAMPLE_LAKE, lakeUri));
    }

    /** The named queries of a dashboards file ("-- name: x" before each), night filled in. */
    static Map<String, String> dashboardQueries(String file) {
        Map<String, String> queries = new LinkedHashMap<>();
        String[] parts = file.split("-- name: ");
        for (int i = 1; i < parts.length; i++) {
            String name = parts[i].substring(0, parts[i].indexOf('\n')).strip();
            queries.put(name, statements(parts[i].substring(parts[i].indexOf('\n'))).get(0).replace("${date}", NIGHT));
        }
        return queries;
    }

    /** SQL statements of a script: comment lines dropped, split on ';'. */
    static List<String> statements(String script) {
        String code = script.lines().filter(line -> !line.strip().startsWith("--")).collect(Collectors.joining("\n"));
        return Arrays.stream(code.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A Trino query in Spark: each delta.gold.t names the table's files. */
    private List<List<Object>> spark(String query) {
        Matcher table = Pattern.compile("delta\\.gold\\.(\\w+)").matcher(query);
        String sql = table.replaceAll(m -> Matcher.quoteReplacement("delta.`" + Path.of(lake, "gold", m.group(1)) + "`"));
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : sql(sql)) {
            rows.add(normalRow(row));
        }
        return rows;
    }

    private List<List<Object>> trino(String sql) throws Exception {
        try {
            List<List<Object>> rows = new ArrayList<>();
            for (List<Object> row : trino.query(sql).rows()) {
                rows.add(row.stream().map(TrinoReadsGoldTest::normal).toList());
            }
            return rows;
        } catch (IllegalStateException e) {
            throw new AssertionError(e.getMessage() + "\n--- Trino server log (tail) ---\n" + trino.logTail(30), e);
        }
    }

    private static String name(String table) {
        return table.substring(table.indexOf('.') + 1);
    }

    private static List<List<Object>> sortedRows(List<List<Object>> rows) {
        List<List<Object>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(Object::toString));
        return sorted;
    }

    private static List<Object> normalRow(Row row) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
            values.add(normal(row.get(i)));
        }
        return values;
    }

    /**
     * One value as both engines can agree on it: numbers to 6 significant digits as plain text
     * (Trino's JSON has no integer/double distinction Spark would share), dates and timestamps as
     * ISO text, structs and arrays as lists, maps sorted by key.
     */
    static Object normal(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return d.toString();
        }
        if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return f.toString();
        }
        if (value instanceof Number n) {
            return new BigDecimal(n.toString()).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
        }
        if (value instanceof java.sql.Date || value instanceof java.time.LocalDate) {
            return value.toString();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof Row row) {
            return normalRow(row);
        }
        if (value instanceof scala.collection.Seq<?> seq) {
            return normal(scala.jdk.javaapi.CollectionConverters.asJava(seq));
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            return normal(scala.jdk.javaapi.CollectionConverters.asJava(map));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TrinoReadsGoldTest::normal).toList();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put(String.valueOf(normal(k)), normal(v)));
            return sorted;
        }
        throw new IllegalArgumentException("no normal form for " + value.getClass().getName() + ": " + value);
    }
}
