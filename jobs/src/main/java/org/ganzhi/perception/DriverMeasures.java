package org.ganzhi.perception;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.ganzhi.catalog.DriverGlossary;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.*;

/**
 * The measures a perception driver can be built on, each from the subscriber's window row
 * (features.subscriber_window) as an observed total and its number of samples, so that a small
 * sample can be shrunk toward a prior: a rate is events / trials, a mean is sum / samples, a
 * state (bill shock, plan fit) is its value with one sample. What a driver without samples
 * scores is {@link PerceptionScores}' business: its prior, or nothing.
 */
public final class DriverMeasures {
    private DriverMeasures() {
    }

    /**
     * A measure: total and samples as columns of the prepared window row. Rates and means can be
     * shrunk toward a prior; a state cannot. What each means, and its unit, is
     * {@link DriverGlossary}'s: the catalog documents the driver columns from there
     * (DriverMeasuresTest checks that both name the same measures).
     */
    record Measure(String name, Column total, Column samples, boolean shrinkable) {
    }

    static final List<Measure> ALL = List.of(
            rate("call_drop_rate", col("calls_dropped"), col("calls_connected")),
            rate("call_setup_failure_rate", col("calls_setup_failed"), col("calls")),
            mean("voice_mos", col("mos_sum"), col("mos_samples")),
            rate("data_failure_rate", col("sessions_failed"), col("sessions")),
            mean("throughput_kbps", col("throughput_kbps_sum"), col("throughput_samples")),
            mean("latency_ms", col("rtt_ms_sum"), col("rtt_samples")),
            state("outage_minutes_per_day", col("home_cell_outage_minutes_per_day")),
            rate("interaction_failure_rate", col("interactions_failed").plus(col("interactions_transferred")),
                    col("interactions")),
            mean("handle_time_s", col("handle_time_s_sum"), col("handle_time_samples")),
            mean("interaction_satisfaction", col("interaction_satisfaction_sum"), col("interaction_satisfaction_samples")),
            mean("complaint_satisfaction", col("complaint_satisfaction_sum"), col("complaint_satisfaction_samples")),
            rate("late_order_share", col("orders_completed_late").plus(col("orders_overdue_open")),
                    col("orders_completed").plus(col("orders_overdue_open"))),
            rate("late_complaint_share", col("complaints_resolved_late"), col("complaints_resolved")),
            rate("repeat_complaint_share", col("complaints_repeat"), col("complaints_opened")),
            rate("escalation_share", col("complaints_escalated"), col("complaints_opened")),
            state("bill_shock_ratio", col("bill_shock_ratio")),
            state("overage_share", when(col("bill_total_due").gt(0), col("bill_overage_charge").divide(col("bill_total_due")))),
            state("bill_disputed", col("bill_disputed").cast("double")),
            state("billing_contacts", col("interactions_item_billing").cast("double")),
            signal("bill_questions", col("interactions_item_bill_questions")),
            signal("service_complaints", col("complaints_about_service")),
            signal("process_complaints", col("complaints_about_process")),
            signal("billing_complaints", col("complaints_about_billing")),
            signal("product_complaints", col("complaints_about_product")),
            // No use in the window says nothing about whether the plan fits: evidence only with some use.
            state("plan_data_use_ratio", when(col("mb_total").gt(0), col("plan_data_use_ratio"))),
            state("plan_voice_use_ratio", when(col("minutes").gt(0), col("plan_voice_use_ratio"))),
            state("plan_underuse", greatest(col("plan_data_use_ratio"), col("plan_voice_use_ratio"))),
            state("device_plan_mismatch", col("device_plan_mismatch")),
            state("product_contacts", col("interactions_item_product").cast("double")),
            new Measure("usage_retention", col("recent_usage_events"), col("expected_recent_usage"), true));

    /**
     * Counts that exist in the window only when their feed (and its groups) does: a lake without
     * service interactions or complaints has none, which means 0, not a failed stage.
     */
    static final List<String> OPTIONAL_COUNTS = List.of("interactions_item_billing", "interactions_item_bill_questions",
            "interactions_item_product", "complaints_about_network", "complaints_about_service", "complaints_about_process",
            "complaints_about_billing", "complaints_about_product");

    public static final List<String> NAMES = ALL.stream().map(Measure::name).toList();


    static Measure named(String name) {
        return ALL.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * The window rows as of D with what the measures need beyond the window: the home cell's
     * outage minutes per day over the window (features.cell_daily), the bill-shock baseline and
     * whether the plan needs a 5G device (silver.plan's name against the configured pattern).
     */
    public static Dataset<Row> prepare(Dataset<Row> window, Dataset<Row> cellDaily, Dataset<Row> plans, LocalDate asOf,
                                       PerceptionSettings s) {
        Date first = Date.valueOf(asOf.minusDays(s.windowDays() - 1));
        Dataset<Row> outages = cellDaily.where(col("date").between(first, Date.valueOf(asOf)))
                .groupBy(col("cell_id").as("home_cell"))
                .agg(sum(coalesce(col("outage_minutes"), lit(0.0))).divide(count(lit(1)))
                        .as("home_cell_outage_minutes_per_day"));
        Dataset<Row> fiveG = plans.select(col("plan_id"), coalesce(col("plan_name").rlike(s.fiveGPlanPattern()), lit(false))
                .as("plan_needs_5g"));
        // The latest bill against the mean of the others in arpu (same months); the plan fee without them.
        // Out-of-bundle charges are left out of the latest bill: use beyond the plan is plan fit
        // (PRODUCT, overage_share), while a shock is a charge the subscriber's use does not explain.
        Column earlier = when(col("arpu_bills").gt(1),
                col("arpu").multiply(col("arpu_bills")).minus(col("bill_total_due")).divide(col("arpu_bills").minus(1)))
                .otherwise(col("plan_monthly_fee"));
        Column fiveGDevice = col("device_type").isin(s.fiveGDeviceTypes().toArray());
        List<String> columns = List.of(window.columns());
        Map<String, Column> absent = new LinkedHashMap<>();
        OPTIONAL_COUNTS.stream().filter(c -> !columns.contains(c)).forEach(c -> absent.put(c, lit(0L)));
        return window.withColumns(absent).join(outages, new String[]{"home_cell"}, "left")
                .join(broadcast(fiveG), new String[]{"plan_id"}, "left")
                .withColumn("bill_shock_ratio", when(col("bill_total_due").isNotNull().and(earlier.gt(0)),
                        col("bill_total_due").minus(coalesce(col("bill_overage_charge"), lit(0.0))).divide(earlier)))
                .withColumn("device_plan_mismatch", when(col("plan_needs_5g").isNotNull().and(col("device_type").isNotNull()),
                        when(col("plan_needs_5g").and(not(fiveGDevice)), 1.0).otherwise(0.0)));
    }

    /** Adds {@code m_<driver>_total} and {@code m_<driver>_samples} for every configured driver. */
    public static Dataset<Row> measure(Dataset<Row> prepared, PerceptionSettings s) {
        List<Column> out = new ArrayList<>(List.of(col("*")));
        for (PerceptionSettings.Driver d : s.drivers()) {
            Measure m = named(d.name());
            out.add(m.total().cast("double").as(total(d)));
            out.add(m.samples().cast("double").as(samples(d)));
        }
        return prepared.select(out.toArray(Column[]::new));
    }

    /** Working column names, prefixed so they never meet a window column (complaint_satisfaction_samples is one). */
    static String total(PerceptionSettings.Driver d) {
        return "m_" + d.name() + "_total";
    }

    static String samples(PerceptionSettings.Driver d) {
        return "m_" + d.name() + "_samples";
    }

    static String prior(PerceptionSettings.Driver d) {
        return "m_" + d.name() + "_prior";
    }

    private static Measure rate(String name, Column events, Column trials) {
        return new Measure(name, events, trials, true);
    }

    private static Measure mean(String name, Column sum, Column samples) {
        return new Measure(name, sum, samples, true);
    }

    /**
     * A count of problem signals (complaints, contacts questioning a bill): one sample when there
     * is at least one. None is no evidence either way, not a perfect score: most subscribers never
     * complain, and counting their silence as 100 points would dilute the dimension of those who do.
     */
    private static Measure signal(String name, Column count) {
        Column present = coalesce(count, lit(0L)).gt(0);
        return new Measure(name, when(present, count), when(present, lit(1.0)), false);
    }

    /** A state or count: the value itself, one sample when known. */
    private static Measure state(String name, Column value) {
        return new Measure(name, value, when(value.isNotNull(), lit(1.0)), false);
    }
}
