package org.ganzhi.generate;

import org.ganzhi.generate.Planted.Cause;

import static org.ganzhi.generate.TruthJson.json;
import static org.ganzhi.generate.TruthJson.round;

/**
 * Complaint tickets into the complaint feed, each with its truth record. Whatever made the
 * subscriber complain (a bad network day, a failed interaction, a late order, a shock bill, the
 * planted cause, noise) opens the ticket here.
 */
final class ComplaintTickets {
    /** Columns of complaint this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"ticket_id", "msisdn", "opened_at", "channel", "category", "cell_id", "status",
            "updated_at", "closed_at", "promised_hours", "satisfaction"};
    // Complaint categories, as indexes into COMPLAINT_CATEGORIES.
    static final int NETWORK_VOICE = 0;
    static final int NETWORK_DATA = 1;
    static final int COVERAGE = 2;
    static final int BILLING = 3;
    static final int STAFF = 4;
    static final int ACTIVATION = 5;
    static final int REPAIR = 6;
    static final int PRODUCT = 7;

    private final SimulatedSubscriber sub;
    private final ComplaintSettings settings;
    private final DayCalendar calendar;
    private final Rng rng;
    private final SourceRow row;
    private int sequence;

    ComplaintTickets(SimulatedSubscriber sub, LandingLines lines) {
        this.sub = sub;
        this.settings = sub.s.complaints;
        this.calendar = sub.calendar;
        this.rng = sub.rng;
        this.row = new SourceRow(lines, COLUMNS, sub.out);
    }

    /** A new subscriber: ticket ids start again. */
    void start() {
        sequence = 0;
    }

    /** False when the complaint feed is switched off. */
    boolean on() {
        return row.on();
    }

    /**
     * One complaint ticket and its states: OPEN, maybe ESCALATED, RESOLVED with satisfaction.
     * Each state is a row delivered on the day it happened. Resolution time against the promise
     * follows the cause (PROCESS: mostly past the promise).
     */
    void open(long opened, int category, String cellId, Cause cause, boolean mayRepeat) {
        SubscriberProfile p = sub.p;
        int openedDay = DayCalendar.dayOf(opened);
        if (openedDay >= sub.days || openedDay >= p.churnDay || openedDay < -settings.complaintLookbackDays - 1) {
            return;
        }
        String ticketId = sub.ids.id("tk", p.index, sequence++);
        int channel = rng.pick(settings.complaintChannelCumulative);
        int promisedHours = settings.promisedHours[category];
        double[] resolution = settings.resolution[cause.ordinal()];
        double hours = promisedHours * rng.uniform(resolution[0], resolution[1]);
        long closed = opened + (long) (hours * 3600) + rng.nextInt(3600);
        boolean escalated = rng.chance(settings.escalationShare[cause.ordinal()]);
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
        if (row.on()) {
            int states = escalated ? 3 : 2;
            for (int state = 0; state < states; state++) {
                boolean resolved = state == states - 1;
                long updated = state == 0 ? opened : resolved ? closed : escalatedAt;
                int updatedDay = DayCalendar.dayOf(updated);
                if (updatedDay >= p.churnDay) {
                    break;
                }
                row.clear();
                row.set(0, ticketId);
                row.set(1, p.national);
                row.set(2, calendar.timestamp(opened));
                row.set(3, Planted.INTERACTION_CHANNELS.get(channel));
                row.set(4, Planted.COMPLAINT_CATEGORIES.get(category));
                row.set(5, cellId);
                row.set(6, state == 0 ? "OPEN" : resolved ? "RESOLVED" : "ESCALATED");
                row.set(7, calendar.timestamp(updated));
                row.set(8, resolved ? calendar.timestamp(closed) : null);
                row.set(9, Integer.toString(promisedHours));
                row.set(10, resolved ? Integer.toString(satisfaction) : null);
                delivered |= row.deliver(updatedDay, updatedDay, true, sub.deliveryRng);
            }
        }
        if (delivered) {
            StringBuilder j = new StringBuilder(320).append('{');
            json(j, "ticket_id", ticketId);
            json(j, "msisdn_pseudonym", sub.pseudonym());
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
            sub.out.truth(Deliveries.TRUTH_COMPLAINT, j.append('}').toString());
        }
        if (mayRepeat && rng.chance(settings.repeatShare[cause.ordinal()])) {
            // The same problem again after the ticket was closed: a repeat complaint.
            open(closed + rng.between(2 * 3600, 72 * 3600), category, cellId, cause, false);
        }
    }
}
