package org.ganzhi.generate;

import org.ganzhi.generate.Planted.Cause;

import static org.ganzhi.generate.ComplaintTickets.ACTIVATION;
import static org.ganzhi.generate.ComplaintTickets.BILLING;
import static org.ganzhi.generate.ComplaintTickets.COVERAGE;
import static org.ganzhi.generate.ComplaintTickets.NETWORK_DATA;
import static org.ganzhi.generate.ComplaintTickets.NETWORK_VOICE;
import static org.ganzhi.generate.ComplaintTickets.PRODUCT;
import static org.ganzhi.generate.ComplaintTickets.REPAIR;
import static org.ganzhi.generate.ComplaintTickets.STAFF;

/**
 * The care side of one subscriber's day, driven by the planted experience cause: complaints from
 * the network problems felt today, from the cause itself and as noise, then the day's service
 * interactions, service orders, the bill on the bill cycle day, a relationship survey, and a
 * leaver's parting complaint. Days before the range are simulated too, for the tickets, orders
 * and bills still open or exported within it.
 */
final class CareDay {
    /** Noise complaints of good-experience subscribers: category weights in COMPLAINT_CATEGORIES order. */
    private static final double[] NOISE_CATEGORIES = Rng.cumulative(new double[]{1, 1.5, 0.5, 1.5, 0.5, 0.3, 0.3, 1, 1.5, 4});

    private final SimulatedSubscriber sub;
    private final GeneratorSettings s;
    private final ReferenceData ref;
    private final Rng rng;
    private final ComplaintTickets tickets;
    private final Surveys surveys;
    private final ServiceInteractions interactions;
    private final ServiceOrders orders;
    private final Bills bills;

    CareDay(SimulatedSubscriber sub, ComplaintTickets tickets, Surveys surveys, ServiceInteractions interactions,
            ServiceOrders orders, Bills bills) {
        this.sub = sub;
        this.s = sub.s;
        this.ref = sub.ref;
        this.rng = sub.rng;
        this.tickets = tickets;
        this.surveys = surveys;
        this.interactions = interactions;
        this.orders = orders;
        this.bills = bills;
    }

    /** The first day to simulate: early enough for the lookbacks and for the bills exported within the range. */
    int firstDay() {
        return -Math.max(Math.max(s.orders.orderLookbackDays, s.complaints.complaintLookbackDays),
                s.billing.dueDays + s.billing.exportDelayDays);
    }

    void day(int day, NetworkProblems problems) {
        SubscriberProfile p = sub.p;
        if (day < -s.orders.orderLookbackDays && day < -s.complaints.complaintLookbackDays) {
            // Long before the range only the bills matter: they are exported weeks after issue.
            if (sub.calendar.dayOfMonth(day) == p.billCycleDay) {
                rng.reseed(sub.seed, Rng.CARE, p.index, day);
                bills.bill(day);
            }
            return;
        }
        rng.reseed(sub.seed, Rng.CARE, p.index, day);
        PersonaSettings ps = p.behaviour;
        long dayStart = (long) day * DayCalendar.SECONDS_PER_DAY;
        boolean complaintsOpen = day >= -s.complaints.complaintLookbackDays;

        if (complaintsOpen) {
            networkComplaint(p, day, dayStart, problems);
        }
        // Background complaints of the subscribers whose experience has another cause.
        if (complaintsOpen && p.cause != Cause.NONE && p.cause != Cause.NETWORK) {
            double sensitivity = switch (p.cause) {
                case SERVICE -> ps.serviceSensitivity;
                case BILLING -> ps.billingSensitivity;
                default -> 1.0;
            };
            if (rng.chance(s.complaints.causeComplaintPerDay[p.cause.ordinal()] * sensitivity)) {
                int category = switch (p.cause) {
                    case SERVICE -> STAFF;
                    case PROCESS -> rng.chance(0.5) ? ACTIVATION : REPAIR;
                    case BILLING -> BILLING;
                    default -> PRODUCT;
                };
                tickets.open(dayStart + sub.businessSecond(), category, null, p.cause, true);
            }
        }
        // Noise: anybody complains now and then.
        if (complaintsOpen && rng.chance(s.complaints.complaintNoisePerDay)) {
            int category = rng.pick(NOISE_CATEGORIES);
            String cell = category <= COVERAGE ? ref.cellId[p.homeCell] : null;
            tickets.open(dayStart + sub.businessSecond(), category, cell, Cause.NONE, true);
        }

        if (day >= 0) {
            interactions.day(day, dayStart);
        }
        if (day >= -s.orders.orderLookbackDays) {
            orders.day(day, dayStart);
        }
        if (sub.calendar.dayOfMonth(day) == p.billCycleDay) {
            bills.bill(day);
        }
        if (day >= 0 && rng.chance(s.surveys.relationshipSurveysPerDay * ps.surveys)) {
            boolean hurts = p.cause == Cause.NETWORK || p.cause == Cause.PRODUCT;
            surveys.answer(dayStart + sub.businessSecond(), Planted.RELATIONSHIP, hurts, false);
        }
        // A leaver often complains before going (drawn last: the day's other draws stay as they were).
        if (complaintsOpen && p.daysLeft(day) <= s.lifecycle.leavingDays && rng.chance(s.lifecycle.leavingComplaintPerDay)) {
            int category = switch (p.cause) {
                case NETWORK -> NETWORK_VOICE;
                case SERVICE -> STAFF;
                case PROCESS -> REPAIR;
                case BILLING -> BILLING;
                case PRODUCT -> PRODUCT;
                default -> rng.chance(0.5) ? BILLING : PRODUCT;
            };
            tickets.open(dayStart + sub.businessSecond(), category, category == NETWORK_VOICE ? ref.cellId[p.homeCell] : null,
                    p.cause, true);
        }
    }

    /** Network problems felt today become complaints, more readily for network-sensitive personas. */
    private void networkComplaint(SubscriberProfile p, int day, long dayStart, NetworkProblems problems) {
        double felt = problems.total();
        if (day < 0 && p.cause == Cause.NETWORK) {
            // Before the range no calls are simulated: use the problems a day on the bad cell brings.
            felt = rng.poisson(p.voiceLegsPerDay * (ref.dropRate[p.homeCell] + ref.setupFailureRate[p.homeCell])
                    + p.dataSessionsPerDay * ref.dataFailureRate[p.homeCell]);
            problems.home = (int) felt;
        }
        // One problem a day is shrugged off; complaints come from repeated problems.
        double excess = felt - s.complaints.networkToleratedProblems;
        if (excess > 0) {
            double chance = Math.min(s.complaints.networkComplaintMaxPerDay,
                    1 - Math.exp(-s.complaints.networkComplaintPerProblem * excess * p.behaviour.networkSensitivity));
            if (rng.chance(chance)) {
                int category = rng.chance(0.2) ? COVERAGE
                        : problems.voice >= problems.data ? NETWORK_VOICE : NETWORK_DATA;
                int cell = problems.home > 0 || problems.otherCell < 0 ? p.homeCell : problems.otherCell;
                // People complain when they are up: not before seven in the morning.
                long opened = dayStart + Math.max(problems.lastSecond, 7 * 3600) + rng.between(600, 6 * 3600);
                tickets.open(opened, category, ref.cellId[cell], p.cause == Cause.NETWORK && cell == p.homeCell
                        ? Cause.NETWORK : Cause.NONE, true);
            }
        }
    }
}
