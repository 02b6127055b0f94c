package org.ganzhi.features;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * features.subscriber_window: per subscriber, as-of date and window length (7 / 30 / 90 days by
 * default) the sums of the daily table over the window, the rates and shares derived from them,
 * and trends against the window of the same length just before. Built from
 * features.subscriber_daily only, never by rescanning events. "Per day" divides by the days the
 * subscriber was known in the window (a subscriber activated last week is not diluted over 90).
 * Attributes as of the date (plan, device, tenure, ARPU from bills) come from
 * {@link #attributes}.
 */
public final class SubscriberWindow {
    /** Daily columns that are sums of something (a mean needs its sum and its sample count). */
    static final List<String> SUMS = List.of("mos_sum", "throughput_kbps_sum", "rtt_ms_sum", "handle_time_s_sum",
            "interaction_satisfaction_sum", "complaint_resolution_hours_sum", "complaint_satisfaction_sum", "survey_score_sum");
    /** Columns compared with the previous window in the trends. */
    static final List<String> TRENDED = List.of("minutes", "mb_total", "sessions", "calls", "interactions", "active_days");
    /** The last days of a window compared with its earlier days, to see a sudden drop in activity. */
    static final int RECENT_DAYS = 7;

    private SubscriberWindow() {
    }

    /** Usage windows as of {@code asOf} from daily rows (those older than two longest windows are ignored). */
    public static Dataset<Row> usage(Dataset<Row> daily, LocalDate asOf, FeatureSettings s) {
        Column age = datediff(lit(Date.valueOf(asOf)), col("date"));
        Column windows = array(s.windowDays().stream().map(w -> lit(w)).toArray(Column[]::new));
        Dataset<Row> tagged = daily.where(age.geq(0).and(age.lt(2 * s.longestWindow())))
                .withColumn("window_days", explode(windows))
                .withColumn("period", when(age.lt(col("window_days")), "current")
                        .when(age.lt(col("window_days").multiply(2)), "previous"))
                .where(col("period").isNotNull());

        List<Column> aggs = new ArrayList<>();
        aggs.add(count(lit(1)).as("observed_days"));
        aggs.add(count(when(col("active"), 1)).as("active_days"));
        Column recent = age.lt(RECENT_DAYS);
        aggs.add(count(when(recent, 1)).as("recent_observed_days"));
        aggs.add(count(when(recent.and(col("active")), 1)).as("recent_active_days"));
        aggs.add(sum(when(recent, col("calls").plus(col("sessions"))).otherwise(0L)).as("recent_usage_events"));
        aggs.add(max(when(col("active"), col("date"))).as("last_active_date"));
        for (String c : SubscriberDaily.COUNTS) {
            if (!c.equals("complaints_open") && !c.equals("orders_overdue_open")) {
                aggs.add(sum(c).as(c));
            }
        }
        for (String c : SubscriberDaily.AMOUNTS) {
            aggs.add(round(sum(c), 3).as(c));
        }
        for (String c : daily.columns()) {
            if (c.startsWith(FeatureSettings.ITEM_GROUP_PREFIX) || c.startsWith(FeatureSettings.COMPLAINT_GROUP_PREFIX)) {
                aggs.add(sum(c).as(c));
            }
        }
        for (String c : SUMS) {
            aggs.add(sum(c).as(c));
        }
        aggs.add(count(when(col("calls").gt(0), 1)).as("calling_days"));
        Dataset<Row> periods = tagged.groupBy("msisdn", "window_days", "period")
                .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));

        // The current window's states (home cell; open items and bill as of its last day; the last
        // survey score) are aggregated apart: their text and struct buffers would turn the hundred
        // sums above from a compiled hash aggregation into an interpreted sort-based one.
        Column latest = max(struct(col("date"), col("complaints_open"), col("orders_overdue_open"),
                col("bill_issue_date"), col("bill_total_due"), col("bill_overage_charge"), col("bill_vas_charge"),
                col("bill_discount"), col("bill_disputed"), col("bill_payment_delay_days")));
        Dataset<Row> states = tagged.where("period = 'current'").groupBy("msisdn", "window_days").agg(
                mode(col("home_cell"), true).as("home_cell"),
                latest.as("latest"),
                max(when(col("survey_last_score").isNotNull(), struct(col("date"), col("survey_last_score"))))
                        .getField("survey_last_score").as("survey_last_score"));

        Dataset<Row> current = derive(periods.where("period = 'current'").drop("period")
                .join(states, new String[]{"msisdn", "window_days"}));
        Dataset<Row> previous = periods.where("period = 'previous'").select(
                col("msisdn"), col("window_days"),
                col("minutes_mo").plus(col("minutes_mt")).as("previous_minutes"),
                col("mb_up").plus(col("mb_down")).as("previous_mb_total"),
                col("sessions").as("previous_sessions"),
                col("calls_mo").plus(col("calls_mt")).as("previous_calls"),
                col("interactions").as("previous_interactions"),
                col("active_days").as("previous_active_days"));
        Dataset<Row> joined = current.join(previous, new String[]{"msisdn", "window_days"}, "left");
        Map<String, Column> trends = new LinkedHashMap<>();
        for (String c : TRENDED) {
            trends.put(c + "_trend", when(col("previous_" + c).gt(0),
                    round(col(c).minus(col("previous_" + c)).divide(col("previous_" + c)), 4)));
        }
        return joined.withColumns(trends).drop(TRENDED.stream().map(c -> "previous_" + c).toArray(String[]::new))
                .withColumns(disengagement(asOf))
                .drop("last_active_date", "recent_observed_days")
                .withColumn("as_of_date", lit(Date.valueOf(asOf)));
    }

    /**
     * Disengagement against the subscriber's own history: days since the last active day (the
     * window's known days when none was active); the use (calls and data sessions) the last
     * {@value #RECENT_DAYS} days would have had at the rate of the window's earlier days
     * (expected_recent_usage, null without at least {@value #RECENT_DAYS} earlier days or without
     * use in them), and recent_usage_events against it (usage_retention): 1 is steady, 0.2 a
     * subscriber who now uses a fifth of what they used to.
     */
    static Map<String, Column> disengagement(LocalDate asOf) {
        Column earlierDays = col("observed_days").minus(col("recent_observed_days"));
        Column earlierUse = col("calls").plus(col("sessions")).minus(col("recent_usage_events"));
        Map<String, Column> d = new LinkedHashMap<>();
        d.put("days_since_active", coalesce(datediff(lit(Date.valueOf(asOf)), col("last_active_date")), col("observed_days")));
        Column comparable = earlierDays.geq(RECENT_DAYS).and(earlierUse.gt(0)).and(col("recent_observed_days").gt(0));
        d.put("expected_recent_usage", when(comparable,
                round(earlierUse.divide(earlierDays).multiply(col("recent_observed_days")), 3)));
        d.put("usage_retention", when(comparable, round(col("recent_usage_events").divide(col("expected_recent_usage")), 4)));
        return d;
    }

    /** Rates, shares and per-day figures of one window's sums. */
    static Dataset<Row> derive(Dataset<Row> w) {
        Map<String, Column> d = new LinkedHashMap<>();
        d.put("calls", col("calls_mo").plus(col("calls_mt")));
        d.put("minutes", round(col("minutes_mo").plus(col("minutes_mt")), 3));
        d.put("mb_total", round(col("mb_up").plus(col("mb_down")), 3));
        d.put("complaints_open", col("latest.complaints_open"));
        d.put("orders_overdue_open", col("latest.orders_overdue_open"));
        for (String b : List.of("bill_issue_date", "bill_total_due", "bill_overage_charge", "bill_vas_charge",
                "bill_discount", "bill_disputed", "bill_payment_delay_days")) {
            d.put(b, col("latest." + b));
        }
        Dataset<Row> out = w.withColumns(d).drop("latest");
        Map<String, Column> r = new LinkedHashMap<>();
        Column days = col("observed_days");
        r.put("calls_per_day", SubscriberDaily.ratio(col("calls"), days));
        r.put("minutes_per_day", SubscriberDaily.ratio(col("minutes"), days));
        r.put("sessions_per_day", SubscriberDaily.ratio(col("sessions"), days));
        r.put("mb_per_day", SubscriberDaily.ratio(col("mb_total"), days));
        r.put("interactions_per_day", SubscriberDaily.ratio(col("interactions"), days));
        r.put("mo_call_share", SubscriberDaily.ratio(col("calls_mo"), col("calls")));
        r.put("night_call_share", SubscriberDaily.ratio(col("night_calls"), col("calls")));
        r.put("mean_call_duration_s", SubscriberDaily.ratio(col("call_seconds_connected"), col("calls_connected")));
        r.put("contacts_per_calling_day", SubscriberDaily.ratio(col("distinct_contacts"), col("calling_days")));
        r.put("drop_rate", SubscriberDaily.ratio(col("calls_dropped"), col("calls_connected")));
        r.put("setup_failure_rate", SubscriberDaily.ratio(col("calls_setup_failed"), col("calls")));
        r.put("mos_mean", SubscriberDaily.ratio(col("mos_sum"), col("mos_samples")));
        r.put("data_failure_rate", SubscriberDaily.ratio(col("sessions_failed"), col("sessions")));
        r.put("throughput_kbps_mean", SubscriberDaily.ratio(col("throughput_kbps_sum"), col("throughput_samples")));
        r.put("low_throughput_share", SubscriberDaily.ratio(col("low_throughput_sessions"), col("throughput_samples")));
        r.put("rtt_ms_mean", SubscriberDaily.ratio(col("rtt_ms_sum"), col("rtt_samples")));
        r.put("high_latency_share", SubscriberDaily.ratio(col("high_latency_sessions"), col("rtt_samples")));
        for (String app : SubscriberDaily.APPS) {
            String a = app.toLowerCase();
            r.put("session_share_" + a, SubscriberDaily.ratio(col("sessions_" + a), col("sessions")));
            r.put("mb_share_" + a, SubscriberDaily.ratio(col("mb_" + a), col("mb_total")));
        }
        r.put("voice_minutes_share", SubscriberDaily.ratio(col("minutes"), col("minutes").plus(col("mb_total"))));
        r.put("interaction_failure_rate", SubscriberDaily.ratio(col("interactions_failed").plus(col("interactions_transferred")),
                col("interactions").minus(col("interactions_reminder"))));
        r.put("handle_time_s_mean", SubscriberDaily.ratio(col("handle_time_s_sum"), col("handle_time_samples")));
        r.put("interaction_satisfaction_mean", SubscriberDaily.ratio(col("interaction_satisfaction_sum"),
                col("interaction_satisfaction_samples")));
        r.put("traditional_channel_share", SubscriberDaily.ratio(col("interactions_hotline").plus(col("interactions_store")),
                col("interactions")));
        r.put("complaint_resolution_hours_mean", SubscriberDaily.ratio(col("complaint_resolution_hours_sum"),
                col("complaints_resolved")));
        r.put("complaint_satisfaction_mean", SubscriberDaily.ratio(col("complaint_satisfaction_sum"),
                col("complaint_satisfaction_samples")));
        r.put("survey_score_mean", SubscriberDaily.ratio(col("survey_score_sum"), col("surveys")));
        return out.withColumns(r);
    }

    /**
     * Who the subscriber is as of the date: the latest snapshot on or before it (within the
     * look-back), the plan's terms, tenure in days, and ARPU = mean total due of the bills issued
     * in the last {@code arpuDays} (null without a bill: the persona stage says what it uses then).
     */
    public static Dataset<Row> attributes(Dataset<Row> snapshots, Dataset<Row> plans, Dataset<Row> bills,
                                          LocalDate asOf, int arpuDays) {
        Column day = lit(Date.valueOf(asOf));
        Dataset<Row> latest = snapshots.where(col("snapshot_date").leq(day))
                .groupBy("msisdn").agg(max(struct(col("snapshot_date"), col("status"), col("activation_date"),
                        col("plan_id"), col("plan_type"), col("region"), col("city"), col("device_model"), col("device_type"),
                        col("age_band"), col("is_enterprise"), col("family_group_id"))).as("s"))
                .select(col("msisdn"), col("s.*"));
        Dataset<Row> plan = plans.where(col("snapshot_date").leq(day))
                .groupBy("plan_id").agg(max(struct(col("snapshot_date"), col("monthly_fee"), col("data_allowance_mb"),
                        col("voice_allowance_min"))).as("p"))
                .select(col("plan_id"), col("p.monthly_fee").as("plan_monthly_fee"),
                        col("p.data_allowance_mb").as("plan_data_allowance_mb"),
                        col("p.voice_allowance_min").as("plan_voice_allowance_min"));
        Dataset<Row> arpu = bills.where(col("issue_date").leq(day).and(col("issue_date").gt(date_sub(day, arpuDays))))
                .groupBy("msisdn").agg(round(avg("total_due"), 2).as("arpu"), count(lit(1)).as("arpu_bills"));
        return latest.join(plan, new String[]{"plan_id"}, "left")
                .join(arpu, new String[]{"msisdn"}, "left")
                .withColumn("tenure_days", datediff(day, col("activation_date")))
                .withColumn("arpu_bills", coalesce(col("arpu_bills"), lit(0L)))
                .withColumnRenamed("snapshot_date", "attributes_as_of");
    }

    /**
     * Usage windows with the attributes; plan fit compares a month of the window's use with the
     * allowance. known_subscriber is false for a number with events that no snapshot lists (a
     * referential check: gold leaves such numbers out unless configured otherwise).
     */
    public static Dataset<Row> build(Dataset<Row> usage, Dataset<Row> attributes) {
        return usage.join(attributes, new String[]{"msisdn"}, "left")
                .withColumn("known_subscriber", col("attributes_as_of").isNotNull())
                .withColumn("plan_data_use_ratio", when(col("plan_data_allowance_mb").gt(0),
                        round(col("mb_per_day").multiply(30).divide(col("plan_data_allowance_mb")), 4)))
                .withColumn("plan_voice_use_ratio", when(col("plan_voice_allowance_min").gt(0),
                        round(col("minutes_per_day").multiply(30).divide(col("plan_voice_allowance_min")), 4)));
    }
}
