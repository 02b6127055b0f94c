package org.ganzhi.common;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * The one definition of a repeat complaint (重复投诉), shared by features.subscriber_daily
 * (complaints_repeat, which perception scores) and gold.complaint_insight (repeat_tickets): a
 * ticket is a repeat when its subscriber had a ticket of the same category resolved at most
 * {@value #SETTING} days before opening it. The problem came back after the operator said it was
 * fixed, which is the process failure a repeat stands for. A second ticket opened while the first
 * is still unresolved is chasing, not a repeat: it shows as an open or escalated complaint.
 */
public final class RepeatComplaints {
    /** The setting that holds the horizon, in days. */
    public static final String SETTING = "ganzhi.features.complaint-repeat-days";
    /** The flag column of {@link #of}'s rows (always true: tickets that are not repeats are absent). */
    public static final String IS_REPEAT = "is_repeat";
    private static final long DAY_SECONDS = 24 * 3600L;

    private RepeatComplaints() {
    }

    /**
     * The tickets of {@code opened} that repeat a resolved ticket of {@code known}: one row (scope
     * columns, ticket_id, is_repeat = true) per repeat.
     *
     * @param opened     tickets to judge: ticket_id, msisdn, category, opened_at and the scope columns
     * @param known      tickets as known at the same time: ticket_id, msisdn, category, closed_at (null
     *                   while unresolved) and the scope columns. A ticket closed after the judged one
     *                   opened cannot be repeated by it, so later knowledge changes nothing.
     * @param repeatDays the horizon after a resolution, at least 1
     * @param scope      columns both sides must share, e.g. the day whose state the tickets are in
     */
    public static Dataset<Row> of(Dataset<Row> opened, Dataset<Row> known, int repeatDays, String... scope) {
        List<Column> keys = new ArrayList<>();
        List<Column> out = new ArrayList<>();
        for (String column : scope) {
            keys.add(col("o." + column).equalTo(col("r." + column)));
            out.add(col(column));
        }
        Column openedAt = col("o.opened_at").cast("long");
        Column closedAt = col("r.closed_at").cast("long");
        Column sameProblem = keys.stream().reduce(Column::and).orElse(lit(true))
                .and(col("o.msisdn").equalTo(col("r.msisdn")))
                .and(col("o.category").equalTo(col("r.category")))
                .and(col("o.ticket_id").notEqual(col("r.ticket_id")));
        Column resolvedShortlyBefore = closedAt.lt(openedAt).and(closedAt.geq(openedAt.minus(repeatDays * DAY_SECONDS)));
        out.add(col("ticket_id"));
        out.add(lit(true).as(IS_REPEAT));
        return opened.as("o")
                .join(known.where(col("closed_at").isNotNull()).as("r"), sameProblem.and(resolvedShortlyBefore), "left_semi")
                .select(out.toArray(Column[]::new));
    }
}
