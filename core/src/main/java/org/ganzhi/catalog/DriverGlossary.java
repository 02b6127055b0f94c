package org.ganzhi.catalog;

import java.util.List;
import java.util.Optional;

/**
 * What each measure a perception driver can be built on means, and its unit: the words of the
 * catalog's comments on the driver columns ({@code <driver>_value} and its score, confidence and
 * samples). Plain text kept here, below the stages, so that the catalog documents the drivers
 * without depending on perception; perception's DriverMeasures builds each measure's columns and
 * checks that it has exactly these names, in this order.
 */
public final class DriverGlossary {
    private DriverGlossary() {
    }

    /** A measure in words; unit "share" is a fraction 0..1 and is written so. */
    private record Entry(String name, String meaning, String unit) {
    }

    // @formatter:off
    private static final List<Entry> ALL = List.of(
            new Entry("call_drop_rate", "dropped calls per connected call", "share"),
            new Entry("call_setup_failure_rate", "calls that failed to set up per call attempt", "share"),
            new Entry("voice_mos", "mean opinion score of calls", "MOS 1–5"),
            new Entry("data_failure_rate", "failed data sessions per session", "share"),
            new Entry("throughput_kbps", "mean throughput of successful sessions", "kbit/s"),
            new Entry("latency_ms", "mean round-trip time of sessions", "ms"),
            new Entry("outage_minutes_per_day", "minutes per day the home cell was out of service (merged alarms)", "min/day"),
            new Entry("interaction_failure_rate", "service interactions that failed or were passed on, per interaction", "share"),
            new Entry("handle_time_s", "mean handle time of interactions", "s"),
            new Entry("interaction_satisfaction", "mean satisfaction given after interactions", "1–5"),
            new Entry("complaint_satisfaction", "mean satisfaction given when complaints closed", "1–5"),
            new Entry("late_order_share", "orders completed after, or still open past, the promised time, per order due", "share"),
            new Entry("late_complaint_share", "complaints resolved after the promised hours, per resolved complaint", "share"),
            new Entry("repeat_complaint_share",
                    "complaints opened within complaint-repeat-days of a resolved complaint of the same category, per complaint", "share"),
            new Entry("escalation_share", "complaints escalated, per complaint", "share"),
            new Entry("bill_shock_ratio", "latest bill without its out-of-bundle charges against the subscriber's earlier bills (their mean; "
                    + "the plan fee without history)", "ratio"),
            new Entry("overage_share", "out-of-bundle charges in the latest bill, per amount due", "share"),
            new Entry("bill_disputed", "the latest bill is disputed", "0/1"),
            new Entry("billing_contacts", "interactions about bills, charges and payments in the window", "count"),
            new Entry("bill_questions", "contacts questioning a bill (bill detail queries, invoice issues) in the window", "count"),
            new Entry("service_complaints", "complaints about staff and service in the window", "count"),
            new Entry("process_complaints", "complaints about activation and repair in the window", "count"),
            new Entry("billing_complaints", "complaints about bills in the window", "count"),
            new Entry("product_complaints", "complaints about plans and products in the window", "count"),
            new Entry("plan_data_use_ratio", "a month of data use against the plan's allowance (no data use: no evidence)", "ratio"),
            new Entry("plan_voice_use_ratio", "a month of minutes against the plan's allowance (no call minutes: no evidence)", "ratio"),
            new Entry("plan_underuse", "the larger of a month's data and voice use against the plan's allowances "
                    + "(small = paying for unused allowance)", "ratio"),
            new Entry("device_plan_mismatch", "a 5G plan on a device without 5G", "0/1"),
            new Entry("product_contacts", "interactions about plans, products and devices in the window", "count"),
            new Entry("usage_retention", "calls and data sessions of the window's last 7 days against as many at the rate of its "
                    + "earlier days (1 = steady)", "ratio"));
    // @formatter:on

    /** The measures' names, in the order the catalog lists their column families. */
    public static final List<String> NAMES = ALL.stream().map(Entry::name).toList();

    /** What a driver measures and in which unit, e.g. "dropped calls per connected call (share 0..1)": the catalog's comment. */
    public static Optional<String> meaning(String name) {
        return ALL.stream().filter(e -> e.name().equals(name)).findFirst()
                .map(e -> e.meaning() + " (" + (e.unit().equals("share") ? "share 0..1" : e.unit()) + ")");
    }
}
