package org.ganzhi.generate;

import org.ganzhi.generate.GeneratorSettings.PersonaSettings;
import org.ganzhi.generate.GeneratorSettings.PlanSpec;
import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Persona;
import org.ganzhi.privacy.Pseudonymizer;

import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Simulates one subscriber over the whole range, in plain Java: daily snapshot rows, call legs and
 * data sessions driven by persona, usage multipliers, a diurnal curve and the quality of the cells
 * used (85 % home cell), and the care side driven by the planted experience cause: service
 * interactions, complaint tickets with their state history, service orders, bills and surveys.
 * Problems cause complaints probabilistically (dropped calls on a bad cell, failed interactions,
 * late orders, bill shock), scaled by the persona's sensitivity, and good-experience subscribers
 * get only occasional noise. Product adoption journeys are simulated by {@link ProductJourneys}.
 * Every row goes to {@link Deliveries}; one truth record per subscriber and per complaint ticket
 * goes with them.
 * <p>
 * Randomness: behaviour streams are keyed by (seed, stream, subscriber, day), so a subscriber's
 * rows do not depend on partitioning; delivery decisions (lateness, defects, spellings) use a
 * separate stream so that changing the dirty share does not change behaviour. One instance serves
 * one Spark task and reuses its buffers.
 */
final class SubscriberSimulator {
    // Columns this simulator fills, per source, in the order of the slot constants below.
    static final String[] VOICE = {"record_id", "msisdn", "other_party", "direction", "start_time", "duration_s",
            "cell_id", "rat", "end_cause", "mos", "roaming"};
    static final String[] DATA = {"record_id", "msisdn", "start_time", "duration_s", "bytes_up", "bytes_down",
            "cell_id", "rat", "app_category", "throughput_kbps", "rtt_ms", "failed"};
    static final String[] BILLING = {"bill_id", "msisdn", "cycle", "plan_id", "voice_charge", "data_charge",
            "vas_charge", "roaming_charge", "overage_charge", "discount", "total_due", "issue_date", "due_date",
            "paid_date", "paid_amount", "disputed"};
    static final String[] COMPLAINT = {"ticket_id", "msisdn", "opened_at", "channel", "category", "cell_id", "status",
            "updated_at", "closed_at", "promised_hours", "satisfaction"};
    static final String[] INTERACTION = {"interaction_id", "msisdn", "ts", "channel", "service_item", "service_class",
            "handle_time_s", "outcome", "satisfaction"};
    static final String[] ORDER = {"order_id", "msisdn", "order_type", "created_at", "promised_at", "completed_at"};
    static final String[] SURVEY = {"msisdn", "ts", "channel", "touchpoint", "score"};
    static final String[] OUTCOME = {"msisdn", "outcome_date", "outcome_type"};
    static final String[] SUBSCRIBER = {"msisdn", "activation_date", "status", "plan_id", "plan_type", "region", "city",
            "device_model", "device_type", "age_band", "is_enterprise", "family_group_id"};

    /** Every column the generator can fill, per source (reference sources included). */
    static final Map<String, List<String>> PRODUCED_COLUMNS = Map.ofEntries(
            Map.entry("voice_cdr", List.of(VOICE)), Map.entry("data_session", List.of(DATA)),
            Map.entry("billing", List.of(BILLING)), Map.entry("complaint", List.of(COMPLAINT)),
            Map.entry("service_interaction", List.of(INTERACTION)), Map.entry("service_order", List.of(ORDER)),
            Map.entry("survey", List.of(SURVEY)), Map.entry("subscriber", List.of(SUBSCRIBER)),
            Map.entry("plan", List.of(ReferenceFeeds.PLAN)), Map.entry("cell", List.of(ReferenceFeeds.CELL)),
            Map.entry("cell_outage", List.of(ReferenceFeeds.OUTAGE)),
            Map.entry("product_event", List.of(ProductJourneys.PRODUCT_EVENT)), Map.entry("outcome", List.of(OUTCOME)));

    /** The codes the simulation writes into each code column: they must be in the contract's lists. */
    static Map<String, Map<String, List<String>>> emittedCodes(GeneratorSettings s) {
        Map<String, Map<String, List<String>>> codes = new LinkedHashMap<>();
        codes.put("voice_cdr", Map.of("direction", List.of("MO", "MT"), "rat", List.of("2G", "3G", "VoLTE", "VoNR"),
                "end_cause", List.of("NORMAL", "DROPPED", "SETUP_FAILED", "BUSY", "NO_ANSWER")));
        codes.put("data_session", Map.of("rat", Planted.CELL_RATS, "app_category", Planted.APPS));
        codes.put("complaint", Map.of("channel", Planted.INTERACTION_CHANNELS, "category", Planted.COMPLAINT_CATEGORIES,
                "status", List.of("OPEN", "ESCALATED", "RESOLVED")));
        codes.put("service_interaction", Map.of("channel", Planted.INTERACTION_CHANNELS, "service_item", s.serviceItems,
                "service_class", List.copyOf(new HashSet<>(s.serviceItemClass.values())), "outcome", Planted.OUTCOMES));
        codes.put("service_order", Map.of("order_type", Planted.ORDER_TYPES));
        codes.put("survey", Map.of("channel", Planted.SURVEY_CHANNELS, "touchpoint", Planted.TOUCHPOINTS));
        codes.put("subscriber", Map.of("status", List.of("ACTIVE", "SUSPENDED", "CHURNED"),
                "plan_type", List.of("PREPAID", "POSTPAID"), "device_type", Planted.DEVICE_TYPES, "age_band", Planted.AGE_BANDS));
        codes.put("plan", Map.of("plan_type", List.of("PREPAID", "POSTPAID")));
        codes.put("outcome", Map.of("outcome_type", List.of("CHURN", "PORT_OUT")));
        codes.put("cell", Map.of("rat", Planted.CELL_RATS));
        Set<String> causes = new HashSet<>(ReferenceData.NORMAL_OUTAGE_CAUSES);
        causes.addAll(ReferenceData.BAD_OUTAGE_CAUSES);
        codes.put("cell_outage", Map.of("cause", List.copyOf(causes)));
        codes.put("product_event", Map.of("product_id", s.products, "stage", Planted.FUNNEL_STAGES,
                "channel", Planted.PRODUCT_CHANNELS));
        return codes;
    }

    private static final String[] VOICE_RATS = {"2G", "3G", "VoLTE", "VoNR"};
    private static final int SETUP_FAILED = 0;
    private static final int DROPPED = 1;
    private static final int BUSY = 2;
    private static final int NO_ANSWER = 3;
    private static final int NORMAL = 4;
    private static final String[] END_CAUSES = {"SETUP_FAILED", "DROPPED", "BUSY", "NO_ANSWER", "NORMAL"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int CATEGORY_NETWORK_VOICE = 0;
    private static final int CATEGORY_NETWORK_DATA = 1;
    private static final int CATEGORY_COVERAGE = 2;
    private static final int CATEGORY_BILLING = 3;
    private static final int CATEGORY_STAFF = 4;
    private static final int CATEGORY_ACTIVATION = 5;
    private static final int CATEGORY_REPAIR = 6;
    private static final int CATEGORY_PRODUCT = 7;
    /** Noise complaints of good-experience subscribers: category weights in COMPLAINT_CATEGORIES order. */
    private static final double[] NOISE_CATEGORIES = Rng.cumulative(new double[]{1, 1.5, 0.5, 1.5, 0.5, 0.3, 0.3, 1, 1.5, 4});

    private final ReferenceData ref;
    private final GeneratorSettings s;
    private final DayCalendar calendar;
    private final Deliveries out;
    private final Pseudonymizer pseudonymizer;
    private final long seed;
    private final int days;

    private final LandingLines voice;
    private final LandingLines data;
    private final LandingLines billing;
    private final LandingLines complaint;
    private final LandingLines interaction;
    private final LandingLines order;
    private final LandingLines survey;
    private final LandingLines subscriber;
    private final LandingLines outcome;
    private final int[] voiceSlots;
    private final int[] dataSlots;
    private final int[] billingSlots;
    private final int[] complaintSlots;
    private final int[] interactionSlots;
    private final int[] orderSlots;
    private final int[] surveySlots;
    private final int[] subscriberSlots;
    private final int[] outcomeSlots;
    private final String[] voiceRow;
    private final String[] dataRow;
    private final String[] billingRow;
    private final String[] complaintRow;
    private final String[] interactionRow;
    private final String[] orderRow;
    private final String[] surveyRow;
    private final String[] subscriberRow;
    private final String[] outcomeRow;

    private final Rng profileRng = new Rng();
    private final Rng rng = new Rng();
    private final Rng billRng = new Rng();
    private final Rng deliveryRng = new Rng();
    private final Rng outcomeRng = new Rng();
    private final Set<Long> surveyKeys = new HashSet<>();
    /** Subscribers simulated so far per home cell, for the cell truth. */
    private final int[] homeSubscribers;
    private final double[] cumulativeBusinessHours;
    /** The product adoption funnel: its own feed, streams and state. */
    private final ProductJourneys productJourneys;

    // Per subscriber.
    private SubscriberProfile p;
    private String pseudonym;
    private int voiceSeq;
    private int dataSeq;
    private int ticketSeq;
    private int interactionSeq;
    private int orderSeq;
    // Per day: what went wrong on the network.
    private int voiceProblems;
    private double dataProblems;
    private int homeProblems;
    private int otherProblemCell;
    private int lastProblemSecond;

    SubscriberSimulator(ReferenceData ref, Map<String, LandingLines> lines, Deliveries out, Pseudonymizer pseudonymizer) {
        this.ref = ref;
        this.s = ref.settings;
        this.calendar = ref.calendar;
        this.out = out;
        this.pseudonymizer = pseudonymizer;
        this.seed = ref.seed;
        this.days = ref.days;
        voice = lines.get("voice_cdr");
        data = lines.get("data_session");
        billing = lines.get("billing");
        complaint = lines.get("complaint");
        interaction = lines.get("service_interaction");
        order = lines.get("service_order");
        survey = lines.get("survey");
        subscriber = lines.get("subscriber");
        outcome = lines.get("outcome");
        voiceSlots = slots(voice, VOICE);
        dataSlots = slots(data, DATA);
        billingSlots = slots(billing, BILLING);
        complaintSlots = slots(complaint, COMPLAINT);
        interactionSlots = slots(interaction, INTERACTION);
        orderSlots = slots(order, ORDER);
        surveySlots = slots(survey, SURVEY);
        subscriberSlots = slots(subscriber, SUBSCRIBER);
        outcomeSlots = slots(outcome, OUTCOME);
        voiceRow = row(voice);
        dataRow = row(data);
        billingRow = row(billing);
        complaintRow = row(complaint);
        interactionRow = row(interaction);
        orderRow = row(order);
        surveyRow = row(survey);
        subscriberRow = row(subscriber);
        outcomeRow = row(outcome);
        // Service happens in opening hours: the voice curve between 08:00 and 21:59.
        double[] hours = new double[24];
        double previous = 0;
        for (int h = 0; h < 24; h++) {
            double weight = s.diurnalVoiceCumulative[h] - previous;
            previous = s.diurnalVoiceCumulative[h];
            hours[h] = h >= 8 && h <= 21 ? weight : 0;
        }
        cumulativeBusinessHours = Rng.cumulative(hours);
        homeSubscribers = new int[ref.cellCount];
        productJourneys = new ProductJourneys(ref, lines.get("product_event"), out, this, cumulativeBusinessHours);
    }

    static int[] slots(LandingLines lines, String[] columns) {
        int[] slots = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            slots[i] = lines == null ? -1 : lines.slot(columns[i]);
        }
        return slots;
    }

    private static String[] row(LandingLines lines) {
        return lines == null ? null : lines.newRow();
    }

    private static void set(String[] row, int[] slots, int column, String value) {
        int slot = slots[column];
        if (slot >= 0) {
            row[slot] = value;
        }
    }

    /** Simulates subscriber {@code index} and hands every row to the deliveries. */
    void simulate(long index) {
        p = SubscriberProfile.plant(index, ref, profileRng);
        homeSubscribers[p.homeCell]++;
        pseudonym = null;
        voiceSeq = 0;
        dataSeq = 0;
        ticketSeq = 0;
        interactionSeq = 0;
        orderSeq = 0;
        surveyKeys.clear();
        deliveryRng.reseed(seed, Rng.DELIVERY, index, 0);
        productJourneys.start(p);
        truthRecord();
        snapshots();
        churnOutcome();
        int firstDay = -Math.max(Math.max(s.orderLookbackDays, s.complaintLookbackDays), s.dueDays + s.exportDelayDays);
        for (int day = firstDay; day < days; day++) {
            if (p.churnedBy(day)) {
                break;
            }
            voiceProblems = 0;
            dataProblems = 0;
            homeProblems = 0;
            otherProblemCell = -1;
            lastProblemSecond = 9 * 3600;
            if (day >= 0 && !p.suspendedOn(day)) {
                voiceDay(day);
                dataDay(day);
            }
            careDay(day);
            productJourneys.day(day);
        }
    }

    /** Emits this task's home-cell tallies as truth records: cell index, subscribers. */
    void flushHomeCells() {
        for (int c = 0; c < homeSubscribers.length; c++) {
            if (homeSubscribers[c] > 0) {
                out.truth(Deliveries.TRUTH_HOME_CELLS, c + "," + homeSubscribers[c]);
                homeSubscribers[c] = 0;
            }
        }
    }

    // ---- snapshots and truth ----------------------------------------------------------------

    private void snapshots() {
        if (subscriber == null) {
            return;
        }
        String[] r = subscriberRow;
        int[] sl = subscriberSlots;
        for (int day = 0; day < days; day++) {
            Arrays.fill(r, null);
            set(r, sl, 0, p.national);
            set(r, sl, 1, calendar.date(p.activationDay));
            set(r, sl, 2, p.status(day));
            set(r, sl, 3, p.plan.id());
            set(r, sl, 4, p.plan.type());
            set(r, sl, 5, s.regions.get(p.region).name());
            set(r, sl, 6, p.city);
            set(r, sl, 7, p.device.model());
            set(r, sl, 8, p.deviceTypeCode());
            set(r, sl, 9, p.ageBandCode());
            set(r, sl, 10, p.enterprise ? LandingLines.TRUE : LandingLines.FALSE);
            set(r, sl, 11, p.familyGroupId);
            out.deliver(subscriber, r, day, day, false, deliveryRng);
        }
    }

    /**
     * The operator's own record of a churn (the CRM export of the outcome feed), on the churn day:
     * a port-out to another operator for port-out-share of them, a plain churn for the rest.
     */
    private void churnOutcome() {
        if (outcome == null || p.churnDay < 0 || p.churnDay >= days) {
            return;
        }
        outcomeRng.reseed(seed, Rng.OUTCOME, p.index, 0);
        String[] r = outcomeRow;
        Arrays.fill(r, null);
        set(r, outcomeSlots, 0, p.national);
        set(r, outcomeSlots, 1, calendar.date(p.churnDay));
        set(r, outcomeSlots, 2, outcomeRng.chance(s.portOutShare) ? "PORT_OUT" : "CHURN");
        out.deliver(outcome, r, p.churnDay, p.churnDay, false, outcomeRng);
    }

    private String pseudonym() {
        if (pseudonym == null) {
            pseudonym = pseudonymizer.pseudonym(p.e164);
        }
        return pseudonym;
    }

    private void truthRecord() {
        StringBuilder j = new StringBuilder(640).append('{');
        json(j, "subscriber_index", p.index);
        json(j, "msisdn", p.e164);
        json(j, "msisdn_pseudonym", pseudonym());
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
        if (p.churnDay < days) {
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
        out.truth(Deliveries.TRUTH_SUBSCRIBER, j.append('}').toString());
    }

    // ---- network usage ----------------------------------------------------------------------

    private void voiceDay(int day) {
        if (voice == null || p.voiceLegsPerDay <= 0) {
            return;
        }
        rng.reseed(seed, Rng.VOICE, p.index, day);
        double mean = p.voiceLegsPerDay * (calendar.weekend(day) ? s.weekendVoice : 1) * rng.unitLognormal(s.dailySigma)
                * p.leavingUsage(day, s.leavingDays, s.leavingUsageFloor);
        int legs = Math.min(rng.poisson(mean), s.maxEventsPerDay);
        String[] r = voiceRow;
        int[] sl = voiceSlots;
        PersonaSettings ps = p.behaviour;
        for (int k = 0; k < legs; k++) {
            int second = secondOfDay(s.diurnalVoiceCumulative);
            int cell = servingCell();
            boolean degraded = false;
            if (ref.inOutage(cell, day, second)) {
                cell = ref.neighbour(cell, rng);
                degraded = true;
            }
            boolean mo = rng.chance(s.moShare);
            String otherParty = otherParty();
            String rat = voiceRat(cell);
            int endCause;
            int duration = 0;
            String mos = null;
            if (rng.chance(degraded ? s.outageSetupFailureRate : ref.setupFailureRate[cell])) {
                endCause = SETUP_FAILED;
            } else {
                double u = rng.nextDouble();
                if (u < s.busyShare) {
                    endCause = BUSY;
                } else if (u < s.busyShare + s.noAnswerShare) {
                    endCause = NO_ANSWER;
                } else {
                    duration = (int) Math.min(s.maxCallDuration,
                            Math.max(1, Math.round(rng.lognormal(s.callDurationMedian * ps.callLength, s.callDurationSigma))));
                    double dropRate = degraded ? Math.max(s.outageDropRate, ref.dropRate[cell]) : ref.dropRate[cell];
                    endCause = rng.chance(dropRate) ? DROPPED : NORMAL;
                    if (endCause == DROPPED) {
                        duration = Math.max(1, (int) (duration * rng.uniform(0.05, 0.9)));
                    }
                    if (!rng.chance(s.mosMissingShare)) {
                        double m = ref.mos[cell] + s.mosSigma * rng.gaussian() - (endCause == DROPPED ? 0.3 : 0)
                                - (degraded ? 0.8 : 0) - (rat.equals("2G") ? 0.4 : 0);
                        mos = oneDecimal(Math.max(1.0, Math.min(5.0, m)));
                    }
                }
            }
            if (endCause == SETUP_FAILED || endCause == DROPPED) {
                voiceProblems++;
                problemAt(cell, second);
            }
            Arrays.fill(r, null);
            set(r, sl, 0, id("vc", p.index, voiceSeq++));
            set(r, sl, 1, p.national);
            set(r, sl, 2, otherParty);
            set(r, sl, 3, mo ? "MO" : "MT");
            set(r, sl, 4, calendar.timestamp((long) day * DayCalendar.SECONDS_PER_DAY + second));
            set(r, sl, 5, Integer.toString(duration));
            set(r, sl, 6, ref.cellId[cell]);
            set(r, sl, 7, rat);
            set(r, sl, 8, END_CAUSES[endCause]);
            set(r, sl, 9, mos);
            set(r, sl, 10, rng.chance(s.roamingShare) ? LandingLines.TRUE : LandingLines.FALSE);
            out.deliver(voice, r, day, day, true, deliveryRng);
        }
    }

    private void dataDay(int day) {
        if (data == null || p.dataSessionsPerDay <= 0) {
            return;
        }
        rng.reseed(seed, Rng.DATA, p.index, day);
        double mean = p.dataSessionsPerDay * (calendar.weekend(day) ? s.weekendData : 1) * rng.unitLognormal(s.dailySigma)
                * p.leavingUsage(day, s.leavingDays, s.leavingUsageFloor);
        int sessions = Math.min(rng.poisson(mean), s.maxEventsPerDay);
        String[] r = dataRow;
        int[] sl = dataSlots;
        for (int k = 0; k < sessions; k++) {
            int app = rng.pick(p.behaviour.appCumulative);
            int second = secondOfDay(s.diurnalDataCumulative);
            int cell = servingCell();
            boolean degraded = false;
            if (ref.inOutage(cell, day, second)) {
                cell = ref.neighbour(cell, rng);
                degraded = true;
            }
            int rat = dataRat(cell);
            double failureRate = degraded ? s.outageDataFailureRate : ref.dataFailureRate[cell] * (rat >= 2 ? 2 : 1);
            boolean failed = rng.chance(failureRate);
            double throughput = s.ratThroughputKbps[rat] * ref.throughputFactor[cell] * (degraded ? 0.3 : 1)
                    * rng.lognormal(1, 0.5);
            double rtt = s.ratRttMs[rat] * ref.rttFactor[cell] * (degraded ? 2 : 1) * rng.lognormal(1, 0.3);
            int duration;
            long bytesUp;
            long bytesDown;
            if (failed) {
                duration = rng.between(1, 15);
                bytesDown = rng.nextInt(4000);
                bytesUp = rng.nextInt(1500);
                throughput *= 0.1;
                rtt *= 1.5;
            } else {
                duration = (int) Math.min(14_400, Math.max(1, Math.round(rng.lognormal(s.appDuration[app], s.sessionDurationSigma))));
                double rate = Math.min(s.appKbps[app] * rng.lognormal(1, s.sessionRateSigma), throughput * 0.8);
                long total = (long) (duration * rate * 125);
                bytesUp = (long) (total * s.appUpShare[app]);
                bytesDown = total - bytesUp;
            }
            if (failed) {
                dataProblems += 1;
                problemAt(cell, second);
            } else if ((ref.bad[cell] || degraded) && ((app == 0 && throughput < 3000) || (app == 2 && rtt > 150))) {
                // Stalling video or lagging games on a poor cell: felt, though the session did not fail.
                dataProblems += 0.3;
                problemAt(cell, second);
            }
            Arrays.fill(r, null);
            set(r, sl, 0, id("ds", p.index, dataSeq++));
            set(r, sl, 1, p.national);
            set(r, sl, 2, calendar.timestamp((long) day * DayCalendar.SECONDS_PER_DAY + second));
            set(r, sl, 3, Integer.toString(duration));
            set(r, sl, 4, Long.toString(bytesUp));
            set(r, sl, 5, Long.toString(bytesDown));
            set(r, sl, 6, ref.cellId[cell]);
            set(r, sl, 7, Planted.CELL_RATS.get(rat));
            set(r, sl, 8, Planted.APPS.get(app));
            set(r, sl, 9, oneDecimal(throughput));
            set(r, sl, 10, oneDecimal(rtt));
            set(r, sl, 11, failed ? LandingLines.TRUE : LandingLines.FALSE);
            out.deliver(data, r, day, day, true, deliveryRng);
        }
    }

    private void problemAt(int cell, int second) {
        if (cell == p.homeCell) {
            homeProblems++;
        } else {
            otherProblemCell = cell;
        }
        lastProblemSecond = Math.max(lastProblemSecond, second);
    }

    /** The home cell most of the time, otherwise another cell of the home region. */
    private int servingCell() {
        return rng.chance(s.homeCellShare) ? p.homeCell : ref.otherCellInRegion(p.homeCell, rng);
    }

    private int secondOfDay(double[] diurnal) {
        return rng.pick(diurnal) * 3600 + rng.nextInt(3600);
    }

    private String voiceRat(int cell) {
        int cellRat = ref.cellRat[cell];
        if (cellRat == 3) {
            return "2G";
        }
        if (cellRat == 2) {
            return "3G";
        }
        double u = rng.nextDouble();
        return switch (p.deviceType) {
            case 2 -> u < 0.4 ? "2G" : u < 0.6 ? "3G" : "VoLTE";
            case 0 -> cellRat == 0 && u < 0.4 ? "VoNR" : u < 0.985 ? "VoLTE" : "3G";
            default -> u < 0.92 ? "VoLTE" : u < 0.98 ? "3G" : "2G";
        };
    }

    /** Index into CELL_RATS (5G, 4G, 3G, 2G) of a data session on the cell. */
    private int dataRat(int cell) {
        int cellRat = ref.cellRat[cell];
        if (cellRat >= 2) {
            return cellRat;
        }
        double u = rng.nextDouble();
        if (p.deviceType == 2) {
            return u < 0.3 ? 3 : u < 0.6 ? 2 : 1;
        }
        if (p.device.fiveG() && cellRat == 0) {
            return u < 0.9 ? 0 : 1;
        }
        return u < 0.96 ? 1 : 2;
    }

    /** Who is on the other end: mostly our own subscribers, else other mobiles, fixed lines, short codes. */
    private String otherParty() {
        switch (rng.pick(s.otherPartyCumulative)) {
            case 0 -> {
                long other = (long) (rng.nextDouble() * ref.subscribers);
                String national = ref.nationalNumber(other == p.index ? (other + 1) % ref.subscribers : other);
                return rng.chance(0.5) ? national : ref.countryCode() + national;
            }
            case 1 -> {
                return ref.countryCode() + ref.outsideMobile(rng);
            }
            case 2 -> {
                String area = s.fixedLineAreaCodes.get(rng.nextInt(s.fixedLineAreaCodes.size()));
                StringBuilder number = new StringBuilder(ref.countryCode()).append(area);
                int digits = area.length() == 2 ? 8 : 7;
                number.append((char) ('2' + rng.nextInt(7)));
                for (int i = 1; i < digits; i++) {
                    number.append((char) ('0' + rng.nextInt(10)));
                }
                return number.toString();
            }
            case 3 -> {
                return s.shortCodes.get(rng.nextInt(s.shortCodes.size()));
            }
            default -> {
                return null;
            }
        }
    }

    // ---- care: interactions, complaints, orders, bills, surveys --------------------------------

    private void careDay(int day) {
        if (day < -s.orderLookbackDays && day < -s.complaintLookbackDays) {
            // Long before the range only the bills matter: they are exported weeks after issue.
            if (calendar.dayOfMonth(day) == p.billCycleDay) {
                rng.reseed(seed, Rng.CARE, p.index, day);
                bill(day);
            }
            return;
        }
        rng.reseed(seed, Rng.CARE, p.index, day);
        PersonaSettings ps = p.behaviour;
        long dayStart = (long) day * DayCalendar.SECONDS_PER_DAY;
        boolean complaintsOpen = day >= -s.complaintLookbackDays;

        // Network problems felt today become complaints, more readily for network-sensitive personas.
        double problems = voiceProblems + dataProblems;
        if (day < 0 && p.cause == Cause.NETWORK && complaintsOpen) {
            // Before the range no calls are simulated: use the problems a day on the bad cell brings.
            problems = rng.poisson(p.voiceLegsPerDay * (ref.dropRate[p.homeCell] + ref.setupFailureRate[p.homeCell])
                    + p.dataSessionsPerDay * ref.dataFailureRate[p.homeCell]);
            homeProblems = (int) problems;
        }
        // One problem a day is shrugged off; complaints come from repeated problems.
        double excess = problems - s.networkToleratedProblems;
        if (excess > 0 && complaintsOpen) {
            double chance = Math.min(s.networkComplaintMaxPerDay,
                    1 - Math.exp(-s.networkComplaintPerProblem * excess * ps.networkSensitivity));
            if (rng.chance(chance)) {
                int category = rng.chance(0.2) ? CATEGORY_COVERAGE
                        : voiceProblems >= dataProblems ? CATEGORY_NETWORK_VOICE : CATEGORY_NETWORK_DATA;
                int cell = homeProblems > 0 || otherProblemCell < 0 ? p.homeCell : otherProblemCell;
                // People complain when they are up: not before seven in the morning.
                long opened = dayStart + Math.max(lastProblemSecond, 7 * 3600) + rng.between(600, 6 * 3600);
                openTicket(opened, category, ref.cellId[cell], p.cause == Cause.NETWORK && cell == p.homeCell
                        ? Cause.NETWORK : Cause.NONE, true);
            }
        }
        // Background complaints of the subscribers whose experience has another cause.
        if (complaintsOpen && p.cause != Cause.NONE && p.cause != Cause.NETWORK) {
            double sensitivity = switch (p.cause) {
                case SERVICE -> ps.serviceSensitivity;
                case BILLING -> ps.billingSensitivity;
                default -> 1.0;
            };
            if (rng.chance(s.causeComplaintPerDay[p.cause.ordinal()] * sensitivity)) {
                int category = switch (p.cause) {
                    case SERVICE -> CATEGORY_STAFF;
                    case PROCESS -> rng.chance(0.5) ? CATEGORY_ACTIVATION : CATEGORY_REPAIR;
                    case BILLING -> CATEGORY_BILLING;
                    default -> CATEGORY_PRODUCT;
                };
                openTicket(dayStart + businessSecond(), category, null, p.cause, true);
            }
        }
        // Noise: anybody complains now and then.
        if (complaintsOpen && rng.chance(s.complaintNoisePerDay)) {
            int category = rng.pick(NOISE_CATEGORIES);
            String cell = category <= CATEGORY_COVERAGE ? ref.cellId[p.homeCell] : null;
            openTicket(dayStart + businessSecond(), category, cell, Cause.NONE, true);
        }

        if (day >= 0) {
            interactions(day, dayStart);
        }
        if (day >= -s.orderLookbackDays) {
            orders(day, dayStart);
        }
        if (calendar.dayOfMonth(day) == p.billCycleDay) {
            bill(day);
        }
        if (day >= 0 && rng.chance(s.relationshipSurveysPerDay * ps.surveys)) {
            boolean hurts = p.cause == Cause.NETWORK || p.cause == Cause.PRODUCT;
            survey(dayStart + businessSecond(), Planted.RELATIONSHIP, hurts, false);
        }
        // A leaver often complains before going (drawn last: the day's other draws stay as they were).
        if (complaintsOpen && p.daysLeft(day) <= s.leavingDays && rng.chance(s.leavingComplaintPerDay)) {
            int category = switch (p.cause) {
                case NETWORK -> CATEGORY_NETWORK_VOICE;
                case SERVICE -> CATEGORY_STAFF;
                case PROCESS -> CATEGORY_REPAIR;
                case BILLING -> CATEGORY_BILLING;
                case PRODUCT -> CATEGORY_PRODUCT;
                default -> rng.chance(0.5) ? CATEGORY_BILLING : CATEGORY_PRODUCT;
            };
            openTicket(dayStart + businessSecond(), category, category == CATEGORY_NETWORK_VOICE ? ref.cellId[p.homeCell] : null,
                    p.cause, true);
        }
    }

    private int businessSecond() {
        return rng.pick(cumulativeBusinessHours) * 3600 + rng.nextInt(3600);
    }

    private void interactions(int day, long dayStart) {
        PersonaSettings ps = p.behaviour;
        int count = rng.poisson(s.interactionsPerDay * ps.care * p.careMultiplier);
        double[] items = s.itemCumulative[p.persona.ordinal()];
        for (int k = 0; k < count; k++) {
            interaction(dayStart + businessSecond(), s.serviceItems.get(rng.pick(items)));
        }
        // The planted cause brings its own contacts, about itself: a billing problem means calls
        // about bills, not more calls about everything.
        int causeContacts = rng.poisson(s.causeContactsPerDay[p.cause.ordinal()]);
        for (int k = 0; k < causeContacts; k++) {
            interaction(dayStart + businessSecond(), s.serviceItems.get(rng.pick(s.causeItemCumulative[p.cause.ordinal()])));
        }
        if (p.persona == Persona.PRICE && p.plan.prepaid() && rng.chance(s.lowBalanceReminderPerDay)) {
            interaction(dayStart + businessSecond(), "R01");
        }
        if (day == p.suspendedFrom - 1 && p.suspendedUntil > p.suspendedFrom) {
            interaction(dayStart + businessSecond(), "R04");
        }
        if (day == p.suspendedUntil && p.suspendedUntil > p.suspendedFrom) {
            interaction(dayStart + businessSecond(), "H09");
        }
    }

    private void interaction(long ts, String item) {
        if (interaction == null && survey == null && complaint == null) {
            return;
        }
        String serviceClass = s.serviceItemClass.get(item);
        boolean reminder = "REMINDER".equals(serviceClass);
        PersonaSettings ps = p.behaviour;
        int channel = reminder ? (rng.chance(0.7) ? 3 : 0) : rng.pick(ps.channelCumulative);
        boolean poorService = p.cause == Cause.SERVICE;
        int handle;
        int outcome;
        if (reminder) {
            handle = rng.between(5, 40);
            outcome = 0;
        } else {
            handle = (int) Math.max(10, Math.round(rng.lognormal(s.handleTimeSeconds[channel], s.handleTimeSigma)
                    * (poorService ? 2.2 : 1)));
            outcome = rng.pick(poorService ? s.outcomesBadCumulative : s.outcomesGoodCumulative);
        }
        String satisfaction = null;
        if (!reminder && rng.chance(s.satisfactionShare)) {
            double mean = poorService ? 2.0 : 4.4;
            if (outcome != 0) {
                mean -= 1.0;
            }
            satisfaction = Integer.toString((int) Math.max(1, Math.min(5, Math.round(mean + 0.8 * rng.gaussian()))));
        }
        int day = DayCalendar.dayOf(ts);
        if (interaction != null) {
            String[] r = interactionRow;
            int[] sl = interactionSlots;
            Arrays.fill(r, null);
            set(r, sl, 0, id("si", p.index, interactionSeq++));
            set(r, sl, 1, p.national);
            set(r, sl, 2, calendar.timestamp(ts));
            set(r, sl, 3, Planted.INTERACTION_CHANNELS.get(channel));
            set(r, sl, 4, item);
            set(r, sl, 5, serviceClass);
            set(r, sl, 6, Integer.toString(handle));
            set(r, sl, 7, Planted.OUTCOMES.get(outcome));
            set(r, sl, 8, satisfaction);
            out.deliver(interaction, r, day, day, true, deliveryRng);
        }
        if (outcome != 0) {
            double chance = s.serviceComplaintPerFailedInteraction * (poorService ? 1 : 0.15) * ps.serviceSensitivity;
            if (rng.chance(Math.min(1, chance))) {
                openTicket(ts + handle + rng.between(1800, 24 * 3600), CATEGORY_STAFF, null,
                        poorService ? Cause.SERVICE : Cause.NONE, true);
            }
        }
        if ((channel == 0 || channel == 1) && !reminder
                && rng.chance(Math.min(1, s.surveyAfterInteraction * ps.surveys))) {
            survey(ts + handle + rng.between(600, 6 * 3600), channel == 0 ? Planted.AFTER_CALL : Planted.AFTER_STORE_VISIT,
                    poorService, outcome != 0);
        }
    }

    private void orders(int day, long dayStart) {
        double rate = s.ordersPerDay * s.orderCauseFactor[p.cause.ordinal()];
        int count = rng.poisson(rate);
        double planChangeBoost = s.orderPlanChangePersonaFactor[p.persona.ordinal()] - 1;
        int planChanges = planChangeBoost > 0 ? rng.poisson(s.ordersPerDay * planChangeBoost) : 0;
        for (int k = 0; k < count + planChanges; k++) {
            int type = k < count ? rng.pick(s.orderTypeCumulative) : 4;
            if (p.cause == Cause.PROCESS && type == 4 && rng.chance(0.6)) {
                type = rng.chance(0.6) ? 2 : 1;
            }
            order(dayStart + businessSecond(), type);
        }
        if (day == p.activationDay) {
            order(dayStart + businessSecond(), 0);
        }
        if (day == p.suspendedUntil && p.suspendedUntil > p.suspendedFrom) {
            order(dayStart + businessSecond(), 3);
        }
    }

    private void order(long created, int type) {
        int promisedHours = s.orderPromisedHours[type];
        long promised = created + promisedHours * 3600L;
        boolean late = rng.chance(p.cause == Cause.PROCESS ? s.processLateShare : s.orderLateShare);
        long completed = created + (long) (promisedHours * 3600L * (late ? rng.uniform(1.1, 3.0) : rng.uniform(0.1, 0.95)));
        int createdDay = DayCalendar.dayOf(created);
        int completedDay = DayCalendar.dayOf(completed);
        if (completedDay >= p.churnDay) {
            return;
        }
        if (order != null) {
            String[] r = orderRow;
            int[] sl = orderSlots;
            Arrays.fill(r, null);
            set(r, sl, 0, id("so", p.index, orderSeq++));
            set(r, sl, 1, p.national);
            set(r, sl, 2, Planted.ORDER_TYPES.get(type));
            set(r, sl, 3, calendar.timestamp(created));
            set(r, sl, 4, calendar.timestamp(promised));
            set(r, sl, 5, calendar.timestamp(completed));
            // Delivered once, when completed; its event date is the creation day.
            out.deliver(order, r, createdDay, completedDay, false, deliveryRng);
        }
        if (late && rng.chance(s.processComplaintPerLateOrder * (p.cause == Cause.PROCESS ? 1 : 0.3))) {
            openTicket(promised + rng.between(1800, 12 * 3600), type == 2 ? CATEGORY_REPAIR : CATEGORY_ACTIVATION, null,
                    p.cause == Cause.PROCESS ? Cause.PROCESS : Cause.NONE, true);
        }
        if ((type == 0 || type == 1 || type == 2) && rng.chance(s.surveyAfterOrder)) {
            survey(completed + rng.between(3600, 24 * 3600), type == 2 ? Planted.AFTER_REPAIR : Planted.AFTER_INSTALL,
                    p.cause == Cause.PROCESS, late);
        }
    }

    /**
     * The bill for the cycle before the issue day's month. Usage comes from the subscriber's
     * expected use; overage from use above the allowance; a shock bill (mostly BILLING cause) has
     * an unexpected value-added charge of one to three monthly fees and is sometimes disputed.
     */
    private void bill(int issueDay) {
        billRng.reseed(seed, Rng.BILL, p.index, calendar.previousMonthIndex(issueDay));
        Rng b = billRng;
        PlanSpec plan = p.plan;
        PersonaSettings ps = p.behaviour;
        double usageMb = p.dataMbPerDay * 30 * b.lognormal(1, 0.25);
        double usageMinutes = p.voiceMinutesPerDay * 30 * b.lognormal(1, 0.25);
        if (p.persona == Persona.PRICE && p.cause != Cause.PRODUCT) {
            usageMb = Math.min(usageMb, plan.dataMb() * 0.97);
            usageMinutes = Math.min(usageMinutes, plan.voiceMin() * 0.97);
        }
        double dataOverage = Math.max(0, usageMb - plan.dataMb()) / 1024 * s.dataOveragePerGb;
        double voiceOverage = Math.max(0, usageMinutes - plan.voiceMin()) * s.voiceOveragePerMin;
        double vas = p.persona == Persona.PRODUCT || b.chance(0.5) ? ps.vasCharge * b.lognormal(1, 0.5) : 0;
        double roaming = b.chance(s.billRoamingShare) ? b.uniform(10, 200) : 0;
        boolean shock = b.chance(s.billShockShare[p.cause.ordinal()]);
        if (shock) {
            vas += plan.fee() * b.uniform(1, 3);
        }
        double fee = plan.fee();
        double discount = p.enterprise ? fee * 0.2 : b.chance(ps.discountShare) ? fee * b.uniform(0.1, 0.3) : 0;
        double voiceCharge = plan.voiceMin() > 0 ? fee * 0.3 : 0;
        double dataCharge = fee - voiceCharge;
        double overage = dataOverage + voiceOverage;
        double total = Math.max(0, cents(voiceCharge) + cents(dataCharge) + cents(vas) + cents(roaming) + cents(overage)
                - cents(discount));
        boolean disputed = shock ? b.chance(s.shockDisputeShare) : b.chance(0.002);
        int dueDay = issueDay + s.dueDays;
        int exportDay = dueDay + s.exportDelayDays;
        String paidDate = null;
        String paidAmount = null;
        if (plan.prepaid()) {
            paidDate = calendar.date(issueDay);
            paidAmount = money(total);
        } else {
            int payment = b.pick(s.paymentCumulative);
            if (disputed && b.chance(0.6)) {
                payment = 3;
            }
            switch (payment) {
                case 0 -> {
                    paidDate = calendar.date(issueDay + b.between(0, s.dueDays));
                    paidAmount = money(total);
                }
                case 1 -> {
                    paidDate = calendar.date(dueDay + b.between(1, Math.max(1, s.exportDelayDays)));
                    paidAmount = money(total);
                }
                case 2 -> {
                    paidDate = calendar.date(issueDay + b.between(0, s.dueDays));
                    paidAmount = money(total * b.uniform(0.3, 0.9));
                }
                default -> {
                }
            }
        }
        if (billing != null) {
            String[] r = billingRow;
            int[] sl = billingSlots;
            Arrays.fill(r, null);
            set(r, sl, 0, id("bl", p.index, calendar.previousMonthIndex(issueDay)));
            set(r, sl, 1, p.national);
            set(r, sl, 2, calendar.previousMonth(issueDay));
            set(r, sl, 3, plan.id());
            set(r, sl, 4, money(voiceCharge));
            set(r, sl, 5, money(dataCharge));
            set(r, sl, 6, money(vas));
            set(r, sl, 7, money(roaming));
            set(r, sl, 8, money(overage));
            set(r, sl, 9, money(discount));
            set(r, sl, 10, money(total));
            set(r, sl, 11, calendar.date(issueDay));
            set(r, sl, 12, calendar.date(dueDay));
            set(r, sl, 13, paidDate);
            set(r, sl, 14, paidAmount);
            set(r, sl, 15, disputed ? LandingLines.TRUE : LandingLines.FALSE);
            out.deliver(billing, r, issueDay, exportDay, false, deliveryRng);
        }
        long issued = (long) issueDay * DayCalendar.SECONDS_PER_DAY;
        if (shock && b.chance(Math.min(1, s.billingComplaintPerShockBill * ps.billingSensitivity
                * (p.cause == Cause.BILLING ? 1 : 0.3)))) {
            long opened = issued + b.between(1, 5) * (long) DayCalendar.SECONDS_PER_DAY + 9 * 3600 + b.nextInt(12 * 3600);
            openTicket(opened, CATEGORY_BILLING, null, p.cause == Cause.BILLING ? Cause.BILLING : Cause.NONE, true);
        }
        if (b.chance(s.surveyAfterBill * ps.surveys)) {
            long ts = issued + b.between(1, 3) * (long) DayCalendar.SECONDS_PER_DAY + 10 * 3600 + b.nextInt(10 * 3600);
            survey(ts, Planted.AFTER_BILL, p.cause == Cause.BILLING, shock);
        }
    }

    /**
     * One complaint ticket and its states: OPEN, maybe ESCALATED, RESOLVED with satisfaction.
     * Each state is a row delivered on the day it happened. Resolution time against the promise
     * follows the cause (PROCESS: mostly past the promise).
     */
    private void openTicket(long opened, int category, String cellId, Cause cause, boolean mayRepeat) {
        int openedDay = DayCalendar.dayOf(opened);
        if (openedDay >= days || openedDay >= p.churnDay || openedDay < -s.complaintLookbackDays - 1) {
            return;
        }
        String ticketId = id("tk", p.index, ticketSeq++);
        int channel = rng.pick(s.complaintChannelCumulative);
        int promisedHours = s.promisedHours[category];
        double[] resolution = s.resolution[cause.ordinal()];
        double hours = promisedHours * rng.uniform(resolution[0], resolution[1]);
        long closed = opened + (long) (hours * 3600) + rng.nextInt(3600);
        boolean escalated = rng.chance(s.escalationShare[cause.ordinal()]);
        long escalatedAt = opened + (long) ((closed - opened) * rng.uniform(0.3, 0.7));
        boolean breached = closed - opened > promisedHours * 3600L;
        int satisfaction = switch (cause) {
            case NONE -> rng.chance(0.85) ? rng.between(4, 5) : 3;
            case SERVICE, PROCESS -> rng.chance(0.75) ? rng.between(1, 2) : 3;
            default -> rng.between(1, 3);
        };
        if (breached || escalated) {
            satisfaction = Math.max(1, satisfaction - 1);
        }
        boolean delivered = false;
        if (complaint != null) {
            String[] r = complaintRow;
            int[] sl = complaintSlots;
            int states = escalated ? 3 : 2;
            for (int state = 0; state < states; state++) {
                boolean resolved = state == states - 1;
                long updated = state == 0 ? opened : resolved ? closed : escalatedAt;
                int updatedDay = DayCalendar.dayOf(updated);
                if (updatedDay >= p.churnDay) {
                    break;
                }
                Arrays.fill(r, null);
                set(r, sl, 0, ticketId);
                set(r, sl, 1, p.national);
                set(r, sl, 2, calendar.timestamp(opened));
                set(r, sl, 3, Planted.INTERACTION_CHANNELS.get(channel));
                set(r, sl, 4, Planted.COMPLAINT_CATEGORIES.get(category));
                set(r, sl, 5, cellId);
                set(r, sl, 6, state == 0 ? "OPEN" : resolved ? "RESOLVED" : "ESCALATED");
                set(r, sl, 7, calendar.timestamp(updated));
                set(r, sl, 8, resolved ? calendar.timestamp(closed) : null);
                set(r, sl, 9, Integer.toString(promisedHours));
                set(r, sl, 10, resolved ? Integer.toString(satisfaction) : null);
                delivered |= out.deliver(complaint, r, updatedDay, updatedDay, true, deliveryRng);
            }
        }
        if (delivered) {
            StringBuilder j = new StringBuilder(320).append('{');
            json(j, "ticket_id", ticketId);
            json(j, "msisdn_pseudonym", pseudonym());
            json(j, "opened_date", calendar.date(openedDay));
            json(j, "opened_at", calendar.timestamp(opened));
            json(j, "category", Planted.COMPLAINT_CATEGORIES.get(category));
            if (cellId != null) {
                json(j, "cell_id", cellId);
            }
            json(j, "cause", cause.name());
            json(j, "promised_hours", promisedHours);
            json(j, "resolution_hours", round(hours, 2));
            json(j, "escalated", escalated);
            json(j, "breached_promise", breached);
            json(j, "satisfaction", satisfaction);
            j.setLength(j.length() - 1);
            out.truth(Deliveries.TRUTH_COMPLAINT, j.append('}').toString());
        }
        if (mayRepeat && rng.chance(s.repeatShare[cause.ordinal()])) {
            // The same problem again after the ticket was closed: a repeat complaint.
            openTicket(closed + rng.between(2 * 3600, 72 * 3600), category, cellId, cause, false);
        }
    }

    /**
     * A survey answer. Scores follow the experience: good-experience subscribers score high,
     * others low, lowest at the touchpoint where their cause hurts; a bad moment (failed
     * interaction, late order, shock bill) lowers anyone's score.
     */
    private void survey(long ts, int touchpoint, boolean causeHurtsHere, boolean badMoment) {
        int day = DayCalendar.dayOf(ts);
        if (survey == null || day < 0 || day >= days || day >= p.churnDay) {
            return;
        }
        if (!surveyKeys.add(ts * 8 + touchpoint)) {
            return;
        }
        double mean = p.cause == Cause.NONE ? s.scoreGood : causeHurtsHere ? s.scoreBadTouchpoint : s.scoreBad;
        if (badMoment) {
            mean = Math.min(mean, (s.scoreGood + s.scoreBad) / 2) - 1;
        }
        int score = (int) Math.max(0, Math.min(10, Math.round(mean + s.scoreSigma * rng.gaussian())));
        String[] r = surveyRow;
        int[] sl = surveySlots;
        Arrays.fill(r, null);
        set(r, sl, 0, p.national);
        set(r, sl, 1, calendar.timestamp(ts));
        set(r, sl, 2, Planted.SURVEY_CHANNELS.get(rng.pick(s.surveyChannelCumulative)));
        set(r, sl, 3, Planted.TOUCHPOINTS.get(touchpoint));
        set(r, sl, 4, Integer.toString(score));
        out.deliver(survey, r, day, day, true, deliveryRng);
    }

    // ---- helpers ----------------------------------------------------------------------------

    /**
     * A record id: prefix + 16 hex digits of a bijective scramble of (subscriber, sequence), so ids
     * are unique per source, look random, and never start with a digit run that ingestion would
     * mistake for a phone number.
     */
    String id(String prefix, long index, long sequence) {
        long packed = (index << 24) ^ (sequence & 0xFFFFFF);
        long value = Rng.mix(packed ^ Rng.mix(seed ^ prefix.hashCode()));
        char[] chars = new char[prefix.length() + 16];
        prefix.getChars(0, prefix.length(), chars, 0);
        for (int i = 15; i >= 0; i--) {
            chars[prefix.length() + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(chars);
    }

    static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        long abs = Math.abs(tenths);
        return (tenths < 0 ? "-" : "") + abs / 10 + "." + abs % 10;
    }

    private static double cents(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static String money(double value) {
        long cents = Math.round(value * 100);
        long abs = Math.abs(cents);
        String fraction = abs % 100 < 10 ? "0" + abs % 100 : Long.toString(abs % 100);
        return (cents < 0 ? "-" : "") + abs / 100 + "." + fraction;
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    static void json(StringBuilder j, String key, String value) {
        j.append('"').append(key).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"' || ch == '\\') {
                j.append('\\');
            }
            j.append(ch);
        }
        j.append("\",");
    }

    static void json(StringBuilder j, String key, long value) {
        j.append('"').append(key).append("\":").append(value).append(',');
    }

    static void json(StringBuilder j, String key, double value) {
        j.append('"').append(key).append("\":").append(value).append(',');
    }

    static void json(StringBuilder j, String key, boolean value) {
        j.append('"').append(key).append("\":").append(value).append(',');
    }
}
