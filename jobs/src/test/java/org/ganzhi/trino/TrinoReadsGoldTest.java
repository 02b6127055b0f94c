package org.ganzhi.trino;

import org.apache.spark.sql.Row;
import org.ganzhi.GeneratedLake;
import org.ganzhi.SparkTestBase;
import org.ganzhi.publish.PublishTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real BI engine reads the gold tables: a tiny lake is built through the CLI (two nights, so
 * every gold table has two partitions), Trino 470 is started from its Maven tarball with the Delta
 * Lake connector over a file metastore (as conf/trino/ documents), every gold table is registered
 * with {@code delta.system.register_table}, and the queries a dashboard runs are answered by
 * Trino and by Spark over the same files. The answers must agree row by row, doubles to 6
 * significant digits. Trino is stopped after the class whatever happens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoReadsGoldTest extends SparkTestBase {
    private static final List<String> GOLD = List.of(PublishTables.SUBSCRIBER_PERCEPTION, PublishTables.SEGMENT_SUMMARY,
            PublishTables.REGION_SCORECARD, PublishTables.CELL_EXPERIENCE, PublishTables.COMPLAINT_INSIGHT,
            PublishTables.SERVICE_DEMAND_RANKING, PublishTables.CHANNEL_EXPERIENCE, PublishTables.COMMITMENT_COMPLIANCE,
            PublishTables.ADOPTION_FUNNEL);
    private static final String NIGHT = "2026-11-03";
    private static final MathContext SIGNIFICANT = new MathContext(6);

    private String lake;
    private TrinoServer trino;

    @BeforeAll
    void buildLakeAndStartTrino() throws Exception {
        lake = tmp.resolve("lake").toString();
        GeneratedLake.run("generate", "--lake", lake, "--subscribers", "400", "--days", "3", "--start", "2026-11-01", "--seed", "11");
        for (String date : List.of("2026-11-02", NIGHT)) {
            GeneratedLake.run("nightly", "--lake", lake, "--date", date);
        }
        trino = TrinoServer.start(tmp.resolve("trino"));
        try {
            trino.query("CREATE SCHEMA delta.gold");
            for (String table : GOLD) {
                trino.query("CALL delta.system.register_table(schema_name => 'gold', table_name => '" + name(table)
                        + "', table_location => '" + Path.of(lake, "gold", name(table)).toUri() + "')");
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
            List<List<Object>> spark = sortedRows(spark("SELECT * FROM {t}", table));
            assertTrue(spark.size() > 0, table + " has rows on the test lake");
            assertEquals(spark, sortedRows(trino("SELECT * FROM {t}", table)), table + " read by Trino");
        }
    }

    /** The mix of segments a perception dashboard opens with: subscribers and their mean index per persona. */
    @Test
    void segmentMix() throws Exception {
        sameAnswer(PublishTables.SEGMENT_SUMMARY, "SELECT persona, sum(subscribers) AS subscribers, "
                + "sum(CASE WHEN NOT redacted THEN perception_index_mean * scored_subscribers END) "
                + "/ sum(CASE WHEN NOT redacted THEN scored_subscribers END) AS perception_index_mean "
                + "FROM {t} WHERE date = DATE '" + NIGHT + "' GROUP BY persona ORDER BY subscribers DESC, persona");
    }

    /** The ten cells with the worst drop rate, and whether each is a ranked hot spot. */
    @Test
    void worstCells() throws Exception {
        sameAnswer(PublishTables.CELL_EXPERIENCE, "SELECT cell_id, region, calls_connected, calls_dropped, drop_rate, "
                + "hot_spot_eligible, hot_spot_rank, home_subscribers, poor_share FROM {t} WHERE date = DATE '" + NIGHT
                + "' AND calls_connected > 0 ORDER BY drop_rate DESC, cell_id LIMIT 10");
    }

    /** Complaints per category, night by night: the trend line of the complaint dashboard. */
    @Test
    void complaintTrend() throws Exception {
        sameAnswer(PublishTables.COMPLAINT_INSIGHT, "SELECT date, category, sum(tickets) AS tickets, "
                + "count(*) AS groups, sum(CASE WHEN redacted THEN 1 ELSE 0 END) AS redacted_groups, "
                + "max(repeat_rate) AS worst_repeat_rate FROM {t} GROUP BY date, category ORDER BY date, category");
    }

    /** Regions ranked by mean perception index, with their poor share against target. */
    @Test
    void regionRanking() throws Exception {
        sameAnswer(PublishTables.REGION_SCORECARD, "SELECT rank, region, subscribers, perception_index_mean, poor_share, "
                + "redacted FROM {t} WHERE date = DATE '" + NIGHT + "' ORDER BY rank");
    }

    private void sameAnswer(String table, String query) throws Exception {
        List<List<Object>> spark = spark(query, table);
        assertTrue(spark.size() > 0, query + " answers rows in Spark");
        assertEquals(spark, trino(query, table), query);
    }

    private List<List<Object>> spark(String query, String table) {
        List<List<Object>> rows = new ArrayList<>();
        for (Row row : sql(query.replace("{t}", "delta.`" + Path.of(lake, "gold", name(table)) + "`"))) {
            rows.add(normalRow(row));
        }
        return rows;
    }

    private List<List<Object>> trino(String query, String table) throws Exception {
        String sql = query.replace("{t}", "delta.gold." + name(table));
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
