package org.ganzhi.features;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.common.RepeatComplaints;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * features.subscriber_daily: one row per subscriber and operator-local day. Each domain is a pure
 * function from a silver table to rows keyed by (msisdn, date); {@link #combine} merges them with
 * one aggregation instead of a chain of outer joins. Counts are additive so windows can sum them;
 * every rate is stored next to the count it is a rate of (a drop rate of 1 call is not 1 of 300).
 * Distinct counts (contacts, cells, service items) are exact: events are first aggregated per
 * (subscriber, day, value), then counted, which is one hash aggregation and no count(distinct).
 */
public final class SubscriberDaily {
    public static final List<String> APPS = List.of("VIDEO", "SOCIAL", "GAMING", "BROWSING", "MUSIC", "MAPS", "PAYMENT", "OTHER");
    public static final List<String> CHANNELS = List.of("HOTLINE", "STORE", "ONLINE", "APP", "SOCIAL");
    public static final List<String> SERVICE_CLASSES = List.of("HANDLING", "REMINDER", "QUERY");
    private static final double MB = 1024.0 * 1024.0;

    private SubscriberDaily() {
    }

    /** Voice, per subscriber-day, from silver.voice_cdr rows (event_date = the day). */
    public static Dataset<Row> voice(Dataset<Row> calls, FeatureSettings s) {
        Column mo = col("direction").equalTo("MO");
        Column connected = col("end_cause").isin("NORMAL", "DROPPED");
        Column hour = hour(from_utc_timestamp(col("start_time"), s.timezone()));
        Column night = s.nightFromHour() > s.nightToHour()
                ? hour.geq(s.nightFromHour()).or(hour.lt(s.nightToHour()))
                : hour.geq(s.nightFromHour()).and(hour.lt(s.nightToHour()));
        Dataset<Row> perContact = calls.groupBy(col("msisdn"), col("event_date").as("date"), col("other_party")).agg(
                count(when(mo, 1)).as("calls_mo"),
                count(when(not(mo), 1)).as("calls_mt"),
                sum(when(mo, col("duration_s"))).as("seconds_mo"),
                sum(when(not(mo), col("duration_s"))).as("seconds_mt"),
                count(when(connected, 1)).as("calls_connected"),
                sum(when(connected, col("duration_s"))).as("call_seconds_connected"),
                count(when(col("end_cause").equalTo("DROPPED"), 1)).as("calls_dropped"),
                count(when(col("end_cause").equalTo("SETUP_FAILED"), 1)).as("calls_setup_failed"),
                count(when(night, 1)).as("night_calls"),
                count(when(col("roaming"), 1)).as("roaming_calls"),
                sum(col("mos")).as("mos_sum"),
                count(col("mos")).as("mos_samples"));
        return perContact.groupBy("msisdn", "date").agg(
                sum("calls_mo").as("calls_mo"),
                sum("calls_mt").as("calls_mt"),
                round(sum("seconds_mo").divide(60.0), 3).as("minutes_mo"),
                round(sum("seconds_mt").divide(60.0), 3).as("minutes_mt"),
                sum("calls_connected").as("calls_connected"),
                sum("call_seconds_connected").as("call_seconds_connected"),
                sum("calls_dropped").as("calls_dropped"),
                sum("calls_setup_failed").as("calls_setup_failed"),
                sum("night_calls").as("night_calls"),
                sum("roaming_calls").as("roaming_calls"),
                sum("mos_sum").as("mos_sum"),
                sum("mos_samples").as("mos_samples"),
                count(col("other_party")).as("distinct_contacts"));
    }

    /** Data sessions, per subscriber-day, from silver.data_session rows. */
    public static Dataset<Row> data(Dataset<Row> sessions, FeatureSettings s) {
        Column ok = coalesce(col("failed"), lit(false)).equalTo(false);
        Column mb = coalesce(col("bytes_up"), lit(0L)).plus(coalesce(col("bytes_down"), lit(0L))).divide(MB);
        List<Column> aggs = new ArrayList<>(List.of(
                count(lit(1)).as("sessions"),
                count(when(not(ok), 1)).as("sessions_failed"),
                round(sum(coalesce(col("bytes_up"), lit(0L))).divide(MB), 3).as("mb_up"),
                round(sum(coalesce(col("bytes_down"), lit(0L))).divide(MB), 3).as("mb_down"),
                sum(when(ok, col("throughput_kbps"))).as("throughput_kbps_sum"),
                count(when(ok, col("throughput_kbps"))).as("throughput_samples"),
                count(when(ok.and(col("throughput_kbps").lt(s.lowThroughputKbps())), 1)).as("low_throughput_sessions"),
                sum(when(ok, col("rtt_ms"))).as("rtt_ms_sum"),
                count(when(ok, col("rtt_ms"))).as("rtt_samples"),
                count(when(ok.and(col("rtt_ms").gt(s.highLatencyMs())), 1)).as("high_latency_sessions")));
        for (String app : APPS) {
            Column isApp = col("app_category").equalTo(app);
            aggs.add(count(when(isApp, 1)).as("sessions_" + app.toLowerCase()));
            aggs.add(round(sum(when(isApp, mb)), 3).as("mb_" + app.toLowerCase()));
        }
        return sessions.groupBy(col("msisdn"), col("event_date").as("date"))
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    }

    /** Cells used (voice and data): how many, and the day's home cell (most events; ties to the larger id). */
    public static Dataset<Row> mobility(Dataset<Row> calls, Dataset<Row> sessions) {
        Dataset<Row> events = calls.select(col("msisdn"), col("event_date").as("date"), col("cell_id"))
                .unionAll(sessions.select(col("msisdn"), col("event_date").as("date"), col("cell_id")));
        return events.groupBy("msisdn", "date", "cell_id").agg(count(lit(1)).as("events"))
                .groupBy("msisdn", "date").agg(
                        count(lit(1)).as("distinct_cells"),
                        max_by(col("cell_id"), struct(col("events"), col("cell_id"))).as("home_cell"));
    }

    /** Hotline, store and online interactions, per subscriber-day, from silver.service_interaction. */
    public static Dataset<Row> service(Dataset<Row> interactions, FeatureSettings s) {
        List<Column> aggs = new ArrayList<>();
        aggs.add(sum("n").as("interactions"));
        s.serviceItemGroups().forEach((group, items) -> aggs.add(
                sum(when(col("service_item").isin(items.toArray()), col("n")).otherwise(0))
                        .as(FeatureSettings.ITEM_GROUP_PREFIX + group)));
        for (String c : SERVICE_CLASSES) {
            aggs.add(sum(when(col("service_class").equalTo(c), col("n")).otherwise(0)).as("interactions_" + c.toLowerCase()));
        }
        for (String c : CHANNELS) {
            aggs.add(sum("n_" + c.toLowerCase()).as("interactions_" + c.toLowerCase()));
        }
        aggs.addAll(List.of(
                sum("failed").as("interactions_failed"),
                sum("transferred").as("interactions_transferred"),
                sum("handle_time_s_sum").as("handle_time_s_sum"),
                sum("handle_time_samples").as("handle_time_samples"),
                sum("satisfaction_sum").as("interaction_satisfaction_sum"),
                sum("satisfaction_samples").as("interaction_satisfaction_samples"),
                count(lit(1)).as("distinct_service_items")));
        List<Column> perItem = new ArrayList<>(List.of(
                count(lit(1)).as("n"),
                count(when(col("outcome").equalTo("FAILED"), 1)).as("failed"),
                count(when(col("outcome").equalTo("TRANSFERRED"), 1)).as("transferred"),
                sum(when(col("service_class").notEqual("REMINDER"), col("handle_time_s"))).as("handle_time_s_sum"),
                count(when(col("service_class").notEqual("REMINDER"), col("handle_time_s"))).as("handle_time_samples"),
                sum(col("satisfaction")).as("satisfaction_sum"),
                count(col("satisfaction")).as("satisfaction_samples")));
        for (String c : CHANNELS) {
            perItem.add(count(when(col("channel").equalTo(c), 1)).as("n_" + c.toLowerCase()));
        }
        return interactions
                .groupBy(col("msisdn"), col("event_date").as("date"), col("service_item"), col("service_class"))
                .agg(perItem.get(0), perItem.subList(1, perItem.size()).toArray(Column[]::new))
                .groupBy("msisdn", "date").agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    }

    /** The days as a one-column ("date") table, to evaluate as-of rules for several days in one pass. */
    static Dataset<Row> dayTable(Dataset<Row> like, List<LocalDate> days) {
        return like.sparkSession().createDataset(days.stream().map(Date::valueOf).toList(),
                org.apache.spark.sql.Encoders.DATE()).toDF("date");
    }

    private static Column localDate(String timestamp, FeatureSettings s) {
        return to_date(from_utc_timestamp(col(timestamp), s.timezone()));
    }

    /**
     * Complaints as of the end of each day: each ticket's state history (silver.complaint rows
     * updated on or before the day) gives its state that evening. Opened, resolved and escalated
     * count tickets whose state changed on the day; open counts tickets still unresolved. A ticket
     * opened on the day may be a repeat ({@link RepeatComplaints}).
     */
    public static Dataset<Row> complaints(Dataset<Row> history, List<LocalDate> days, FeatureSettings s) {
        Column updatedOn = localDate("updated_at", s);
        Column statusRank = when(col("status").equalTo("OPEN"), 0).when(col("status").equalTo("ESCALATED"), 1).otherwise(2);
        Column order = struct(col("updated_at"), statusRank);
        Dataset<Row> tickets = history.crossJoin(broadcast(dayTable(history, days)))
                .where(updatedOn.leq(col("date")))
                .groupBy("date", "ticket_id").agg(
                        max_by(col("msisdn"), order).as("msisdn"),
                        min("opened_at").as("opened_at"),
                        max_by(col("category"), order).as("category"),
                        max_by(col("status"), order).as("status"),
                        max(col("updated_at")).as("updated_at"),
                        max_by(col("closed_at"), order).as("closed_at"),
                        max_by(col("promised_hours"), order).as("promised_hours"),
                        max_by(col("satisfaction"), order).as("satisfaction"),
                        max(when(col("status").equalTo("ESCALATED"), updatedOn)).as("escalated_on"));
        Column day = col("date");
        Column openedToday = localDate("opened_at", s).equalTo(day);
        // Each day judges its new tickets against the tickets as they stood that evening.
        Dataset<Row> repeats = RepeatComplaints.of(tickets.where(openedToday), tickets, s.complaintRepeatDays(), "date");
        tickets = tickets.join(repeats, new String[]{"date", "ticket_id"}, "left");
        Column resolvedToday = col("status").equalTo("RESOLVED").and(localDate("updated_at", s).equalTo(day));
        Column hours = col("closed_at").cast("long").minus(col("opened_at").cast("long")).divide(3600.0);
        List<Column> aggs = new ArrayList<>(List.of(
                count(when(openedToday.and(col("category").isin(s.networkComplaintCategories().toArray())), 1))
                        .as("complaints_opened_network"),
                count(when(col("status").notEqual("RESOLVED"), 1)).as("complaints_open"),
                count(when(col("escalated_on").equalTo(day), 1)).as("complaints_escalated"),
                count(when(resolvedToday, 1)).as("complaints_resolved"),
                count(when(resolvedToday.and(hours.gt(col("promised_hours"))), 1)).as("complaints_resolved_late"),
                round(sum(when(resolvedToday, hours)), 3).as("complaint_resolution_hours_sum"),
                sum(when(resolvedToday, col("satisfaction"))).as("complaint_satisfaction_sum"),
                count(when(resolvedToday, col("satisfaction"))).as("complaint_satisfaction_samples")));
        s.complaintCategoryGroups().forEach((group, categories) -> aggs.add(
                count(when(openedToday.and(col("category").isin(categories.toArray())), 1))
                        .as(FeatureSettings.COMPLAINT_GROUP_PREFIX + group)));
        aggs.add(count(when(openedToday.and(col(RepeatComplaints.IS_REPEAT)), 1)).as("complaints_repeat"));
        return tickets.groupBy("msisdn", "date").agg(count(when(openedToday, 1)).as("complaints_opened"),
                        aggs.toArray(Column[]::new))
                .where("complaints_opened + complaints_open + complaints_escalated + complaints_resolved > 0");
    }

    /** Service orders completed on each day (late = after the promised time) and orders overdue that evening. */
    public static Dataset<Row> orders(Dataset<Row> orders, List<LocalDate> days, FeatureSettings s) {
        Column day = col("date");
        Column completedOn = localDate("completed_at", s);
        Column createdOn = localDate("created_at", s);
        Column endOfDay = to_utc_timestamp(date_add(day, 1).cast("timestamp"), s.timezone());
        Column open = col("completed_at").isNull().or(completedOn.gt(day));
        return orders.crossJoin(broadcast(dayTable(orders, days))).where(createdOn.leq(day))
                .groupBy("msisdn", "date").agg(
                        count(when(createdOn.equalTo(day), 1)).as("orders_created"),
                        count(when(completedOn.equalTo(day), 1)).as("orders_completed"),
                        count(when(completedOn.equalTo(day).and(col("completed_at").gt(col("promised_at"))), 1))
                                .as("orders_completed_late"),
                        count(when(open.and(col("promised_at").lt(endOfDay)), 1)).as("orders_overdue_open"))
                .where("orders_created + orders_completed + orders_overdue_open > 0");
    }

    /**
     * The latest bill issued on or before each day (and within the look-back): amounts, dispute
     * and payment delay in days (paid: days after the due date; unpaid and due: days overdue that day).
     */
    public static Dataset<Row> latestBill(Dataset<Row> bills, List<LocalDate> days, FeatureSettings s) {
        Column day = col("date");
        Column delay = when(col("paid_date").isNotNull(), greatest(lit(0), datediff(col("paid_date"), col("due_date"))))
                .when(col("due_date").lt(day), datediff(day, col("due_date")))
                .otherwise(0);
        Column bill = struct(col("issue_date").as("bill_issue_date"), col("bill_id"), col("total_due").as("bill_total_due"),
                col("overage_charge").as("bill_overage_charge"), col("vas_charge").as("bill_vas_charge"),
                col("discount").as("bill_discount"), col("disputed").as("bill_disputed"),
                delay.as("bill_payment_delay_days"));
        return bills.crossJoin(broadcast(dayTable(bills, days)))
                .where(col("issue_date").leq(day).and(col("issue_date").gt(date_sub(day, s.latestLookbackDays()))))
                .groupBy("msisdn", "date").agg(max_by(bill, struct(col("issue_date"), col("bill_id"))).as("b"))
                .select(col("msisdn"), col("date"), col("b.bill_issue_date"), col("b.bill_total_due"),
                        col("b.bill_overage_charge"), col("b.bill_vas_charge"), col("b.bill_discount"),
                        col("b.bill_disputed"), col("b.bill_payment_delay_days"));
    }

    /** Survey answers of the day: how many, their sum and the last score. */
    public static Dataset<Row> surveys(Dataset<Row> answers) {
        return answers.groupBy(col("msisdn"), col("event_date").as("date")).agg(
                count(lit(1)).as("surveys"),
                sum("score").as("survey_score_sum"),
                max_by(col("score"), col("ts")).as("survey_last_score"));
    }

    /** The day's subscriber snapshot: every known subscriber gets a row, active or not. */
    public static Dataset<Row> known(Dataset<Row> snapshot) {
        return snapshot.select(col("msisdn"), col("snapshot_date").as("date"), col("status"), col("plan_id"));
    }

    /** Additive counts: absent means none (0), never unknown. */
    static final List<String> COUNTS = counts();

    private static List<String> counts() {
        List<String> c = new ArrayList<>(List.of("calls_mo", "calls_mt", "calls_connected", "call_seconds_connected",
                "calls_dropped", "calls_setup_failed", "night_calls", "roaming_calls", "mos_samples", "distinct_contacts",
                "sessions", "sessions_failed", "throughput_samples", "low_throughput_sessions", "rtt_samples",
                "high_latency_sessions", "distinct_cells", "interactions"));
        SERVICE_CLASSES.forEach(x -> c.add("interactions_" + x.toLowerCase()));
        CHANNELS.forEach(x -> c.add("interactions_" + x.toLowerCase()));
        APPS.forEach(x -> c.add("sessions_" + x.toLowerCase()));
        c.addAll(List.of("interactions_failed", "interactions_transferred", "handle_time_samples",
                "interaction_satisfaction_samples", "distinct_service_items", "complaints_opened",
                "complaints_opened_network", "complaints_repeat", "complaints_open", "complaints_escalated", "complaints_resolved",
                "complaints_resolved_late", "complaint_satisfaction_samples", "orders_created", "orders_completed",
                "orders_completed_late", "orders_overdue_open", "surveys"));
        return List.copyOf(c);
    }

    /** Additive amounts: absent means 0. */
    static final List<String> AMOUNTS = amounts();

    private static List<String> amounts() {
        List<String> a = new ArrayList<>(List.of("minutes_mo", "minutes_mt", "mb_up", "mb_down"));
        APPS.forEach(x -> a.add("mb_" + x.toLowerCase()));
        return List.copyOf(a);
    }

    /** Columns a day has even when their feed is absent from the lake: (name, SQL type), null when absent. */
    static final List<String[]> OPTIONAL = List.of(
            new String[]{"status", "string"}, new String[]{"plan_id", "string"}, new String[]{"home_cell", "string"},
            new String[]{"mos_sum", "double"}, new String[]{"throughput_kbps_sum", "double"}, new String[]{"rtt_ms_sum", "double"},
            new String[]{"handle_time_s_sum", "double"}, new String[]{"interaction_satisfaction_sum", "double"},
            new String[]{"complaint_resolution_hours_sum", "double"}, new String[]{"complaint_satisfaction_sum", "double"},
            new String[]{"survey_score_sum", "double"}, new String[]{"survey_last_score", "int"},
            new String[]{"bill_issue_date", "date"}, new String[]{"bill_total_due", "double"},
            new String[]{"bill_overage_charge", "double"}, new String[]{"bill_vas_charge", "double"},
            new String[]{"bill_discount", "double"}, new String[]{"bill_disputed", "boolean"},
            new String[]{"bill_payment_delay_days", "int"});

    /**
     * Merges the domain rows into one row per (msisdn, date): every part has at most one row per
     * key and its own columns, so one grouping picks each part's values. Counts and amounts absent
     * from a part become 0; then the rates are derived next to their counts.
     */
    public static Dataset<Row> combine(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (Dataset<Row> part : parts.subList(1, parts.size())) {
            all = all.unionByName(part, true);
        }
        List<Column> picks = new ArrayList<>();
        for (String c : all.columns()) {
            if (!c.equals("msisdn") && !c.equals("date")) {
                picks.add(max(col(c)).as(c));
            }
        }
        Dataset<Row> merged = all.groupBy("msisdn", "date").agg(picks.get(0), picks.subList(1, picks.size()).toArray(Column[]::new));
        List<String> present = List.of(merged.columns());
        Map<String, Column> filled = new LinkedHashMap<>();
        for (String c : present) {
            if (c.startsWith(FeatureSettings.ITEM_GROUP_PREFIX) || c.startsWith(FeatureSettings.COMPLAINT_GROUP_PREFIX)) {
                filled.put(c, coalesce(col(c), lit(0L)).cast("long"));
            }
        }
        for (String c : COUNTS) {
            filled.put(c, present.contains(c) ? coalesce(col(c), lit(0L)).cast("long") : lit(0L));
        }
        for (String c : AMOUNTS) {
            filled.put(c, present.contains(c) ? coalesce(col(c), lit(0.0)).cast("double") : lit(0.0));
        }
        for (String[] c : OPTIONAL) {
            filled.put(c[0], (present.contains(c[0]) ? col(c[0]) : lit(null)).cast(c[1]));
        }
        return merged.withColumns(filled)
                .withColumn("calls", col("calls_mo").plus(col("calls_mt")))
                .withColumn("minutes", col("minutes_mo").plus(col("minutes_mt")))
                .withColumn("mb_total", col("mb_up").plus(col("mb_down")))
                .withColumn("active", col("calls").plus(col("sessions")).plus(col("interactions")).gt(0))
                .withColumn("drop_rate", ratio(col("calls_dropped"), col("calls_connected")))
                .withColumn("setup_failure_rate", ratio(col("calls_setup_failed"), col("calls")))
                .withColumn("night_call_share", ratio(col("night_calls"), col("calls")))
                .withColumn("mos_mean", ratio(col("mos_sum"), col("mos_samples")))
                .withColumn("data_failure_rate", ratio(col("sessions_failed"), col("sessions")))
                .withColumn("throughput_kbps_mean", ratio(col("throughput_kbps_sum"), col("throughput_samples")))
                .withColumn("rtt_ms_mean", ratio(col("rtt_ms_sum"), col("rtt_samples")));
    }

    /** numerator / denominator, null when there is nothing to divide by (unknown, not 0). */
    static Column ratio(Column numerator, Column denominator) {
        return when(denominator.gt(0), round(numerator.divide(denominator), 6));
    }
}
