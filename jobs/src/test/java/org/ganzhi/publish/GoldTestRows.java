package org.ganzhi.publish;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.config.GanzhiConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Settings and row helpers shared by the gold table tests. */
final class GoldTestRows {
    private GoldTestRows() {
    }

    /**
     * A 7-day window and k = 2, so that a handful of rows make both a redacted and a reported
     * group. Time zone stays Asia/Shanghai (UTC+8): local day N starts at 16:00 UTC on day N-1.
     */
    static PublishSettings settings() {
        return settings(Map.of());
    }

    /** {@link #settings()} with further overrides (a null value removes a setting). */
    static PublishSettings settings(Map<String, ?> overrides) {
        Map<String, Object> all = new HashMap<>(overrides);
        all.put("ganzhi.publish.window-days", 7);
        all.put("ganzhi.publish.min-subscribers", 2);
        return PublishSettings.from(GanzhiConfig.defaults().with(all));
    }

    /** The only row matching a SQL predicate. */
    static Row only(Dataset<Row> table, String predicate) {
        List<Row> rows = table.where(predicate).collectAsList();
        assertEquals(1, rows.size(), "rows where " + predicate);
        return rows.get(0);
    }

    static long count(Row row, String column) {
        return ((Number) row.getAs(column)).longValue();
    }

    static double number(Row row, String column) {
        return ((Number) row.getAs(column)).doubleValue();
    }
}
