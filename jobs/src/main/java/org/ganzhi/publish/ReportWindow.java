package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * The operator-local days a gold table describes, as dates (for tables partitioned by
 * event_date) and as UTC instants (for timestamps such as opened_at or promised_at, whose day is
 * not a column). Instants are compared directly, so the result does not depend on the session
 * time zone.
 *
 * @param start        first day of the window (operator-local)
 * @param end          last day of the window, the run date
 * @param startInstant the first instant of {@code start} in the operator zone
 * @param endInstant   the first instant after {@code end} ("end of D"), exclusive
 */
record ReportWindow(LocalDate start, LocalDate end, Timestamp startInstant, Timestamp endInstant) {
    /** What a subscriber without a snapshot on or before the run date is reported under. */
    static final String UNKNOWN = "UNKNOWN";

    static ReportWindow of(LocalDate date, PublishSettings s) {
        ZoneId zone = ZoneId.of(s.timezone());
        LocalDate start = s.windowStart(date);
        return new ReportWindow(start, date, Timestamp.from(start.atStartOfDay(zone).toInstant()),
                Timestamp.from(date.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    /** True for a timestamp on one of the window's operator-local days. */
    Column containsInstant(Column timestamp) {
        return timestamp.geq(lit(startInstant)).and(timestamp.lt(lit(endInstant)));
    }

    /** True for an operator-local date within the window. */
    Column containsDate(Column date) {
        return date.between(lit(Date.valueOf(start)), lit(Date.valueOf(end)));
    }

    /** End of the run date in epoch seconds: "as of the end of D" for open tickets and orders. */
    long endSeconds() {
        return endInstant.getTime() / 1000;
    }

    /** The table with window_start and window_end (DATE) as its first columns. */
    Dataset<Row> stamp(Dataset<Row> table) {
        List<Column> columns = new ArrayList<>(List.of(lit(Date.valueOf(start)).as("window_start"),
                lit(Date.valueOf(end)).as("window_end")));
        for (String c : table.columns()) {
            columns.add(col(c));
        }
        return table.select(columns.toArray(Column[]::new));
    }

    /** num / den as a double, or null when den is 0 or null: a share of nothing is unknown, not 0. */
    static Column ratio(Column num, Column den) {
        return when(den.gt(0), num.cast("double").divide(den));
    }

    /**
     * Region and age band of each subscriber from the latest silver.subscriber snapshot on or
     * before the run date (a later snapshot would report a move that had not happened yet).
     * Columns: msisdn, region, age_band; a missing value reads {@link #UNKNOWN} so that it is a
     * visible group rather than a null key.
     */
    Dataset<Row> subscriberAttributes(Dataset<Row> snapshots) {
        return snapshots.where(col("snapshot_date").leq(lit(Date.valueOf(end))))
                .groupBy("msisdn")
                .agg(max(struct(col("snapshot_date"), col("region"), col("age_band"))).as("s"))
                .select(col("msisdn"), coalesce(col("s.region"), lit(UNKNOWN)).as("region"),
                        coalesce(col("s.age_band"), lit(UNKNOWN)).as("age_band"));
    }

    /** Subscriber attribute of a row after a left join to {@link #subscriberAttributes}: UNKNOWN if none. */
    static Column known(String attribute) {
        return coalesce(col(attribute), lit(UNKNOWN));
    }
}
