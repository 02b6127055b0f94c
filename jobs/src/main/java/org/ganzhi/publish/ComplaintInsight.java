package org.ganzhi.publish;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.common.RepeatComplaints;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * gold.complaint_insight: one row per complaint category × channel × region for the complaint
 * tickets opened in the window (opened_at on one of its operator-local days). Region is the
 * subscriber's, from the latest snapshot on or before the run date D (UNKNOWN without one).
 *
 * <p>silver.complaint_ticket holds each ticket's latest state, which may be later than D when a
 * past date is published again. Resolution is therefore judged as of the end of D: a ticket is
 * resolved when its closed_at is before the end of D, and a ticket closed later counts as open,
 * so a rerun of D reports what had happened by D. Escalation ({@code was_escalated}) and
 * satisfaction come with the latest state; satisfaction is only counted for tickets resolved by D.
 *
 * <p>Columns (measures are redacted to null below {@code min-subscribers}, see {@link Redaction}):
 * <ul>
 *   <li>window_start, window_end (DATE), category, channel, region</li>
 *   <li>tickets: tickets opened in the window (count)</li>
 *   <li>subscribers: distinct subscribers who opened them (count, exact)</li>
 *   <li>resolved_tickets: of those, resolved by the end of D (count)</li>
 *   <li>resolution_hours_mean: mean closed_at − opened_at of the resolved tickets (hours)</li>
 *   <li>resolved_late_tickets, resolved_late_share: resolved after their promised_hours (count;
 *       share of resolved_tickets). A ticket without promised hours is never late.</li>
 *   <li>open_overdue_tickets, open_overdue_share: still open at the end of D and past their
 *       promised time by then (count; share of tickets)</li>
 *   <li>repeat_tickets, repeat_rate: tickets opened within complaint-repeat-days after the
 *       subscriber's ticket of the same category was resolved ({@link RepeatComplaints}; count;
 *       share of tickets)</li>
 *   <li>escalated_tickets, escalated_share: ever escalated (count; share of tickets)</li>
 *   <li>satisfaction_mean, satisfaction_answers: mean satisfaction (1–5) of resolved tickets with
 *       an answer, and how many answered</li>
 *   <li>redacted</li>
 * </ul>
 */
public final class ComplaintInsight {
    private static final long HOUR = 3600L;

    private ComplaintInsight() {
    }

    /**
     * @param tickets     silver.complaint_ticket rows (ticket_id, msisdn, opened_at, channel, category,
     *                    status, closed_at, promised_hours, satisfaction, and was_escalated if known).
     *                    Give at least the tickets opened in the window and those resolved from
     *                    complaint-repeat-days before its start: the earlier ones only serve to find
     *                    repeats.
     * @param subscribers silver.subscriber snapshot rows (msisdn, snapshot_date, region, age_band)
     *                    up to D
     * @param date        the run date D, the window's last day
     */
    public static Dataset<Row> compute(Dataset<Row> tickets, Dataset<Row> subscribers, LocalDate date, PublishSettings s) {
        ReportWindow window = ReportWindow.of(date, s);
        Dataset<Row> opened = tickets.where(window.containsInstant(col("opened_at")));
        Dataset<Row> repeats = RepeatComplaints.of(opened, tickets, s.repeatDays());

        Column openedAt = col("opened_at").cast("long");
        Column closedAt = col("closed_at").cast("long");
        Column resolved = col("closed_at").isNotNull().and(closedAt.lt(window.endSeconds()));
        Column promisedSeconds = col("promised_hours").cast("long").multiply(HOUR);
        Column resolvedLate = resolved.and(closedAt.minus(openedAt).gt(promisedSeconds));
        Column openOverdue = not(resolved).and(openedAt.plus(promisedSeconds).lt(window.endSeconds()));
        // Older tickets may predate the was_escalated column; their status is all we know then.
        Column escalated = Arrays.asList(tickets.columns()).contains("was_escalated")
                ? coalesce(col("was_escalated"), lit(false)).or(col("status").equalTo("ESCALATED"))
                : col("status").equalTo("ESCALATED");

        // Per subscriber first, so that the subscriber count of a group is an exact count of rows.
        Dataset<Row> perSubscriber = opened
                .join(repeats, new String[]{"ticket_id"}, "left")
                .join(window.subscriberAttributes(subscribers), new String[]{"msisdn"}, "left")
                .groupBy(col("category"), col("channel"), ReportWindow.known("region").as("region"), col("msisdn"))
                .agg(count(lit(1)).as("tickets"),
                        count(when(resolved, 1)).as("resolved_tickets"),
                        // Whole seconds summed as longs: the means are the same however rows are partitioned.
                        sum(when(resolved, closedAt.minus(openedAt))).as("resolution_seconds"),
                        count(when(resolvedLate, 1)).as("resolved_late_tickets"),
                        count(when(openOverdue, 1)).as("open_overdue_tickets"),
                        count(when(col(RepeatComplaints.IS_REPEAT), 1)).as("repeat_tickets"),
                        count(when(escalated, 1)).as("escalated_tickets"),
                        sum(when(resolved, col("satisfaction"))).as("satisfaction_sum"),
                        count(when(resolved, col("satisfaction"))).as("satisfaction_answers"));

        Dataset<Row> groups = perSubscriber.groupBy("category", "channel", "region").agg(
                        sum("tickets").as("tickets"),
                        count(lit(1)).as("subscribers"),
                        sum("resolved_tickets").as("resolved_tickets"),
                        sum("resolution_seconds").as("resolution_seconds"),
                        sum("resolved_late_tickets").as("resolved_late_tickets"),
                        sum("open_overdue_tickets").as("open_overdue_tickets"),
                        sum("repeat_tickets").as("repeat_tickets"),
                        sum("escalated_tickets").as("escalated_tickets"),
                        sum("satisfaction_sum").as("satisfaction_sum"),
                        sum("satisfaction_answers").as("satisfaction_answers"))
                .select(col("category"), col("channel"), col("region"), col("tickets"), col("subscribers"),
                        col("resolved_tickets"),
                        ReportWindow.ratio(col("resolution_seconds"), col("resolved_tickets").multiply(HOUR))
                                .as("resolution_hours_mean"),
                        col("resolved_late_tickets"),
                        ReportWindow.ratio(col("resolved_late_tickets"), col("resolved_tickets")).as("resolved_late_share"),
                        col("open_overdue_tickets"),
                        ReportWindow.ratio(col("open_overdue_tickets"), col("tickets")).as("open_overdue_share"),
                        col("repeat_tickets"),
                        ReportWindow.ratio(col("repeat_tickets"), col("tickets")).as("repeat_rate"),
                        col("escalated_tickets"),
                        ReportWindow.ratio(col("escalated_tickets"), col("tickets")).as("escalated_share"),
                        ReportWindow.ratio(col("satisfaction_sum"), col("satisfaction_answers")).as("satisfaction_mean"),
                        col("satisfaction_answers"));
        return Redaction.redact(window.stamp(groups), "subscribers", MEASURES, s.minSubscribers());
    }

    /** Every figure of a row, withheld together when the row has too few subscribers. */
    static final List<String> MEASURES = List.of("tickets", "resolved_tickets", "resolution_hours_mean",
            "resolved_late_tickets", "resolved_late_share", "open_overdue_tickets", "open_overdue_share", "repeat_tickets",
            "repeat_rate", "escalated_tickets", "escalated_share", "satisfaction_mean", "satisfaction_answers");
}
