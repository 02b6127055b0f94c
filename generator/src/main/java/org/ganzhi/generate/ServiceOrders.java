package org.ganzhi.generate;

import org.ganzhi.generate.Planted.Cause;

/**
 * The subscriber's service orders into service_order: everyday orders (more of them with a
 * PROCESS cause, more plan changes for some personas), the activation, and the reconnection
 * after a suspension. A late order may bring a complaint; a completed one may bring a survey.
 */
final class ServiceOrders {
    /** Columns of service_order this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"order_id", "msisdn", "order_type", "created_at", "promised_at", "completed_at"};

    private final SimulatedSubscriber sub;
    private final ServiceOrderSettings settings;
    private final Rng rng;
    private final SourceRow row;
    private final ComplaintTickets tickets;
    private final Surveys surveys;
    private int sequence;

    ServiceOrders(SimulatedSubscriber sub, LandingLines lines, ComplaintTickets tickets, Surveys surveys) {
        this.sub = sub;
        this.settings = sub.s.orders;
        this.rng = sub.rng;
        this.row = new SourceRow(lines, COLUMNS, sub.out);
        this.tickets = tickets;
        this.surveys = surveys;
    }

    /** A new subscriber: order ids start again. */
    void start() {
        sequence = 0;
    }

    void day(int day, long dayStart) {
        SubscriberProfile p = sub.p;
        double rate = settings.ordersPerDay * settings.orderCauseFactor[p.cause.ordinal()];
        int count = rng.poisson(rate);
        double planChangeBoost = settings.orderPlanChangePersonaFactor[p.persona.ordinal()] - 1;
        int planChanges = planChangeBoost > 0 ? rng.poisson(settings.ordersPerDay * planChangeBoost) : 0;
        for (int k = 0; k < count + planChanges; k++) {
            int type = k < count ? rng.pick(settings.orderTypeCumulative) : 4;
            if (p.cause == Cause.PROCESS && type == 4 && rng.chance(0.6)) {
                type = rng.chance(0.6) ? 2 : 1;
            }
            order(dayStart + sub.businessSecond(), type);
        }
        if (day == p.activationDay) {
            order(dayStart + sub.businessSecond(), 0);
        }
        if (day == p.suspendedUntil && p.suspendedUntil > p.suspendedFrom) {
            order(dayStart + sub.businessSecond(), 3);
        }
    }

    private void order(long created, int type) {
        SubscriberProfile p = sub.p;
        DayCalendar calendar = sub.calendar;
        int promisedHours = settings.orderPromisedHours[type];
        long promised = created + promisedHours * 3600L;
        boolean late = rng.chance(p.cause == Cause.PROCESS ? settings.processLateShare : settings.orderLateShare);
        long completed = created + (long) (promisedHours * 3600L * (late ? rng.uniform(1.1, 3.0) : rng.uniform(0.1, 0.95)));
        int createdDay = DayCalendar.dayOf(created);
        int completedDay = DayCalendar.dayOf(completed);
        if (completedDay >= p.churnDay) {
            return;
        }
        if (row.on()) {
            row.clear();
            row.set(0, sub.ids.id("so", p.index, sequence++));
            row.set(1, p.national);
            row.set(2, Planted.ORDER_TYPES.get(type));
            row.set(3, calendar.timestamp(created));
            row.set(4, calendar.timestamp(promised));
            row.set(5, calendar.timestamp(completed));
            // Delivered once, when completed; its event date is the creation day.
            row.deliver(createdDay, completedDay, false, sub.deliveryRng);
        }
        if (late && rng.chance(sub.s.complaints.processComplaintPerLateOrder * (p.cause == Cause.PROCESS ? 1 : 0.3))) {
            tickets.open(promised + rng.between(1800, 12 * 3600), type == 2 ? ComplaintTickets.REPAIR : ComplaintTickets.ACTIVATION,
                    null, p.cause == Cause.PROCESS ? Cause.PROCESS : Cause.NONE, true);
        }
        if ((type == 0 || type == 1 || type == 2) && rng.chance(sub.s.surveys.surveyAfterOrder)) {
            surveys.answer(completed + rng.between(3600, 24 * 3600), type == 2 ? Planted.AFTER_REPAIR : Planted.AFTER_INSTALL,
                    p.cause == Cause.PROCESS, late);
        }
    }
}
