package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

/**
 * Minimum-count redaction of an aggregate table: a row that describes fewer than k distinct
 * subscribers could single out the people behind it, so its figures are withheld. The row itself
 * stays (its dimensions say the group exists) with every measure and the subscriber count set to
 * null and {@code redacted = true}; every other row is unchanged with {@code redacted = false}.
 *
 * <p>Shares and ranks are computed before redaction, over all rows, so a published share is the
 * true share; this also means a redacted row's figures can sometimes be inferred from its
 * neighbours (e.g. 1 − the other shares of its class). Callers that publish class totals as well
 * should keep that in mind.
 */
public final class Redaction {
    /** Boolean column added to every redacted table. */
    public static final String REDACTED = "redacted";

    private Redaction() {
    }

    /**
     * @param aggregate        one row per group, with an exact distinct-subscriber count
     * @param subscriberColumn the distinct-subscriber count column (long or int)
     * @param measureColumns   every column computed from the group's events, ranks included; the
     *                         dimensions and window columns are not measures and stay
     * @param minSubscribers   k: rows with fewer subscribers (or an unknown count) are redacted
     * @return the same columns, in the same order and types, plus {@code redacted}
     */
    public static Dataset<Row> redact(Dataset<Row> aggregate, String subscriberColumn, List<String> measureColumns,
                                      int minSubscribers) {
        if (minSubscribers < 1) {
            throw new IllegalArgumentException("minimum subscribers must be at least 1, got " + minSubscribers);
        }
        List<String> columns = Arrays.asList(aggregate.columns());
        Set<String> withheld = new LinkedHashSet<>(measureColumns);
        withheld.add(subscriberColumn);
        for (String c : withheld) {
            if (!columns.contains(c)) {
                throw new IllegalArgumentException("cannot redact column '" + c + "': the aggregate has only " + columns);
            }
        }
        if (columns.contains(REDACTED)) {
            throw new IllegalArgumentException("the aggregate already has a '" + REDACTED + "' column");
        }
        // A null count means the size is unknown, which is not evidence of k subscribers.
        Column redacted = col(subscriberColumn).isNull().or(col(subscriberColumn).lt(minSubscribers));
        Map<String, Column> replaced = new LinkedHashMap<>();
        for (String c : withheld) {
            // when() without otherwise() yields null of the column's own type.
            replaced.put(c, when(not(col(REDACTED)), col(c)));
        }
        // The flag is added first, from the subscriber count as computed, then the figures go.
        return aggregate.withColumn(REDACTED, redacted).withColumns(replaced);
    }
}
