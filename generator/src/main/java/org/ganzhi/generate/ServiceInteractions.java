package org.ganzhi.generate;

import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Persona;

/**
 * The subscriber's contacts with customer service into service_interaction: everyday contacts by
 * persona, the planted cause's own contacts, and the operator's reminders. Poor service (the
 * SERVICE cause) means long handling and failed outcomes, which may bring a complaint; calls and
 * store visits may be followed by a survey.
 */
final class ServiceInteractions {
    /** Columns of service_interaction this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"interaction_id", "msisdn", "ts", "channel", "service_item", "service_class",
            "handle_time_s", "outcome", "satisfaction"};

    private final SimulatedSubscriber sub;
    private final CareSettings care;
    private final Rng rng;
    private final SourceRow row;
    private final ComplaintTickets tickets;
    private final Surveys surveys;
    private int sequence;

    ServiceInteractions(SimulatedSubscriber sub, LandingLines lines, ComplaintTickets tickets, Surveys surveys) {
        this.sub = sub;
        this.care = sub.s.care;
        this.rng = sub.rng;
        this.row = new SourceRow(lines, COLUMNS, sub.out);
        this.tickets = tickets;
        this.surveys = surveys;
    }

    /** A new subscriber: interaction ids start again. */
    void start() {
        sequence = 0;
    }

    void day(int day, long dayStart) {
        SubscriberProfile p = sub.p;
        PersonaSettings ps = p.behaviour;
        int count = rng.poisson(care.interactionsPerDay * ps.care * p.careMultiplier);
        double[] items = care.itemCumulative[p.persona.ordinal()];
        for (int k = 0; k < count; k++) {
            interaction(dayStart + sub.businessSecond(), care.serviceItems.get(rng.pick(items)));
        }
        // The planted cause brings its own contacts, about itself: a billing problem means calls
        // about bills, not more calls about everything.
        int causeContacts = rng.poisson(care.causeContactsPerDay[p.cause.ordinal()]);
        for (int k = 0; k < causeContacts; k++) {
            interaction(dayStart + sub.businessSecond(), care.serviceItems.get(rng.pick(care.causeItemCumulative[p.cause.ordinal()])));
        }
        if (p.persona == Persona.PRICE && p.plan.prepaid() && rng.chance(care.lowBalanceReminderPerDay)) {
            interaction(dayStart + sub.businessSecond(), "R01");
        }
        if (day == p.suspendedFrom - 1 && p.suspendedUntil > p.suspendedFrom) {
            interaction(dayStart + sub.businessSecond(), "R04");
        }
        if (day == p.suspendedUntil && p.suspendedUntil > p.suspendedFrom) {
            interaction(dayStart + sub.businessSecond(), "H09");
        }
    }

    private void interaction(long ts, String item) {
        if (!row.on() && !surveys.on() && !tickets.on()) {
            return;
        }
        SubscriberProfile p = sub.p;
        String serviceClass = care.serviceItemClass.get(item);
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
            handle = (int) Math.max(10, Math.round(rng.lognormal(care.handleTimeSeconds[channel], care.handleTimeSigma)
                    * (poorService ? 2.2 : 1)));
            outcome = rng.pick(poorService ? care.outcomesBadCumulative : care.outcomesGoodCumulative);
        }
        String satisfaction = null;
        if (!reminder && rng.chance(care.satisfactionShare)) {
            double mean = poorService ? 2.0 : 4.4;
            if (outcome != 0) {
                mean -= 1.0;
            }
            satisfaction = Integer.toString((int) Math.max(1, Math.min(5, Math.round(mean + 0.8 * rng.gaussian()))));
        }
        int day = DayCalendar.dayOf(ts);
        if (row.on()) {
            row.clear();
            row.set(0, sub.ids.id("si", p.index, sequence++));
            row.set(1, p.national);
            row.set(2, sub.calendar.timestamp(ts));
            row.set(3, Planted.INTERACTION_CHANNELS.get(channel));
            row.set(4, item);
            row.set(5, serviceClass);
            row.set(6, Integer.toString(handle));
            row.set(7, Planted.OUTCOMES.get(outcome));
            row.set(8, satisfaction);
            row.deliver(day, day, true, sub.deliveryRng);
        }
        if (outcome != 0) {
            double chance = sub.s.complaints.serviceComplaintPerFailedInteraction * (poorService ? 1 : 0.15) * ps.serviceSensitivity;
            if (rng.chance(Math.min(1, chance))) {
                tickets.open(ts + handle + rng.between(1800, 24 * 3600), ComplaintTickets.STAFF, null,
                        poorService ? Cause.SERVICE : Cause.NONE, true);
            }
        }
        if ((channel == 0 || channel == 1) && !reminder
                && rng.chance(Math.min(1, sub.s.surveys.surveyAfterInteraction * ps.surveys))) {
            surveys.answer(ts + handle + rng.between(600, 6 * 3600), channel == 0 ? Planted.AFTER_CALL : Planted.AFTER_STORE_VISIT,
                    poorService, outcome != 0);
        }
    }
}
