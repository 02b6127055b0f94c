package org.ganzhi.generate;

import static org.ganzhi.generate.TruthJson.json;
import static org.ganzhi.generate.TruthJson.round;

/**
 * The records about the subscriber themselves: the truth record of what was planted, the daily
 * snapshot rows of the subscriber feed, and the operator's record of a churn in the outcome feed.
 */
final class SubscriberRecords {
    /** Columns of subscriber this simulation fills, in the order of the column indexes below. */
    static final String[] SUBSCRIBER = {"msisdn", "activation_date", "status", "plan_id", "plan_type", "region", "city",
            "device_model", "device_type", "age_band", "is_enterprise", "family_group_id"};
    /** Columns of outcome this simulation fills, in the order of the column indexes below. */
    static final String[] OUTCOME = {"msisdn", "outcome_date", "outcome_type"};

    private final SimulatedSubscriber sub;
    private final ReferenceData ref;
    private final GeneratorSettings s;
    private final DayCalendar calendar;
    private final SourceRow snapshot;
    private final SourceRow outcome;
    private final Rng outcomeRng = new Rng();

    SubscriberRecords(SimulatedSubscriber sub, LandingLines subscriberLines, LandingLines outcomeLines) {
        this.sub = sub;
        this.ref = sub.ref;
        this.s = sub.s;
        this.calendar = sub.calendar;
        this.snapshot = new SourceRow(subscriberLines, SUBSCRIBER, sub.out);
        this.outcome = new SourceRow(outcomeLines, OUTCOME, sub.out);
    }

    /** One snapshot row per day of the range, whatever the subscriber's status that day. */
    void snapshots() {
        if (!snapshot.on()) {
            return;
        }
        SubscriberProfile p = sub.p;
        for (int day = 0; day < sub.days; day++) {
            snapshot.clear();
            snapshot.set(0, p.national);
            snapshot.set(1, calendar.date(p.activationDay));
            snapshot.set(2, p.status(day));
            snapshot.set(3, p.plan.id());
            snapshot.set(4, p.plan.type());
            snapshot.set(5, s.regions.get(p.region).name());
            snapshot.set(6, p.city);
            snapshot.set(7, p.device.model());
            snapshot.set(8, p.deviceTypeCode());
            snapshot.set(9, p.ageBandCode());
            snapshot.set(10, p.enterprise ? LandingLines.TRUE : LandingLines.FALSE);
            snapshot.set(11, p.familyGroupId);
            snapshot.deliver(day, day, false, sub.deliveryRng);
        }
    }

    /**
     * The operator's own record of a churn (the CRM export of the outcome feed), on the churn day:
     * a port-out to another operator for port-out-share of them, a plain churn for the rest.
     */
    void churnOutcome() {
        SubscriberProfile p = sub.p;
        if (!outcome.on() || p.churnDay < 0 || p.churnDay >= sub.days) {
            return;
        }
        outcomeRng.reseed(sub.seed, Rng.OUTCOME, p.index, 0);
        outcome.clear();
        outcome.set(0, p.national);
        outcome.set(1, calendar.date(p.churnDay));
        outcome.set(2, outcomeRng.chance(s.lifecycle.portOutShare) ? "PORT_OUT" : "CHURN");
        outcome.deliver(p.churnDay, p.churnDay, false, outcomeRng);
    }

    void truthRecord() {
        SubscriberProfile p = sub.p;
        StringBuilder j = new StringBuilder(640).append('{');
        json(j, "subscriber_index", p.index);
        json(j, "msisdn", p.e164);
        json(j, "msisdn_pseudonym", sub.pseudonym());
        json(j, "persona", p.persona.name());
        json(j, "experience_cause", p.cause.name());
        json(j, "activation_date", calendar.date(p.activationDay));
        json(j, "tenure_days", -p.activationDay);
        json(j, "onboarding", -p.activationDay < 90);
        json(j, "plan_id", p.plan.id());
        json(j, "plan_type", p.plan.type());
        json(j, "device_model", p.device.model());
        json(j, "device_type", p.deviceTypeCode());
        json(j, "home_cell", ref.cellId[p.homeCell]);
        json(j, "home_cell_bad", ref.bad[p.homeCell]);
        json(j, "region", s.regions.get(p.region).name());
        json(j, "city", p.city);
        json(j, "age_band", p.ageBandCode());
        json(j, "is_enterprise", p.enterprise);
        if (p.familyGroupId != null) {
            json(j, "family_group_id", p.familyGroupId);
        }
        json(j, "bill_cycle_day", p.billCycleDay);
        if (p.churnDay < sub.days) {
            json(j, "churn_date", calendar.date(p.churnDay));
        }
        if (p.suspendedUntil > p.suspendedFrom) {
            json(j, "suspended_from", calendar.date(p.suspendedFrom));
            json(j, "suspended_until", calendar.date(p.suspendedUntil));
        }
        json(j, "voice_usage_multiplier", round(p.voiceMultiplier, 4));
        json(j, "data_usage_multiplier", round(p.dataMultiplier, 4));
        json(j, "care_multiplier", round(p.careMultiplier, 4));
        json(j, "expected_voice_legs_per_day", round(p.voiceLegsPerDay, 3));
        json(j, "expected_data_sessions_per_day", round(p.dataSessionsPerDay, 3));
        json(j, "expected_data_mb_per_day", round(p.dataMbPerDay, 2));
        json(j, "plan_data_coverage", round(p.planDataCoverage(), 3));
        j.setLength(j.length() - 1);
        sub.out.truth(Deliveries.TRUTH_SUBSCRIBER, j.append('}').toString());
    }
}
