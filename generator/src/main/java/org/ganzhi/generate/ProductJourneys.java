package org.ganzhi.generate;

import java.util.Arrays;

/**
 * Simulates one subscriber's product adoption journeys (article 000) into the product_event
 * feed. On every day of the range each product may reach the subscriber through a campaign
 * contact (AWARENESS, at the product's daily rate), unless the contact policy holds them back:
 * {@code recontact-days} after a contact about the product, and for good once they subscribed.
 * From a contact the journey goes on stage by stage (INTEREST, TRIAL, ACCEPTANCE, USE), each
 * taken with its planted conversion from the stage before (times the persona's factor), later
 * the same day or some days later. It ends at the first stage not taken, at the end of the range
 * or when the subscriber leaves; a subscriber who uses the product may use it again and again.
 * <p>
 * Randomness: streams of its own, behaviour keyed by (seed, PRODUCT, subscriber, day of the
 * contact) and delivery decisions by (seed, PRODUCT_DELIVERY, subscriber), so the funnel's
 * settings never change any other feed of a seed. One instance serves one
 * {@link SubscriberSimulator} and reuses its buffers.
 */
final class ProductJourneys {
    /** Columns of product_event this simulation fills, in the order of the slots below. */
    static final String[] PRODUCT_EVENT = {"event_id", "msisdn", "ts", "product_id", "stage", "channel"};
    private static final int AWARENESS = 0;
    private static final int ACCEPTANCE = 3;
    private static final int USE = 4;
    /** A stage later the same day happens by 22:00, else on a later day. */
    private static final int LAST_SECOND = 22 * 3600;
    private static final int MIN_GAP_SECONDS = 600;

    private final GeneratorSettings s;
    private final DayCalendar calendar;
    private final RecordIds ids;
    private final double[] businessHours;
    private final long seed;
    private final int days;
    /** Off when the feed is switched off: nothing is simulated then. */
    private final SourceRow row;
    private final Rng rng = new Rng();
    private final Rng deliveryRng = new Rng();
    /** Per product: the first day the contact policy allows another campaign contact. */
    private final int[] contactableFrom;

    private SubscriberProfile p;
    private int sequence;

    /**
     * @param ids           makes the event ids (the simulator's id scheme)
     * @param businessHours cumulative weights of the local hours contacts and visits happen in
     */
    ProductJourneys(ReferenceData ref, LandingLines lines, Deliveries out, RecordIds ids, double[] businessHours) {
        this.s = ref.settings;
        this.calendar = ref.calendar;
        this.ids = ids;
        this.businessHours = businessHours;
        this.seed = ref.seed;
        this.days = ref.days;
        this.row = new SourceRow(lines, PRODUCT_EVENT, out);
        this.contactableFrom = new int[s.productFunnel.products.size()];
    }

    /** Starts a subscriber: no contact yet, a fresh delivery stream. */
    void start(SubscriberProfile profile) {
        p = profile;
        sequence = 0;
        Arrays.fill(contactableFrom, 0);
        deliveryRng.reseed(seed, Rng.PRODUCT_DELIVERY, p.index, 0);
    }

    /** The campaign contacts of one day and the journeys they start (events may fall on later days). */
    void day(int day) {
        if (!row.on() || day < 0 || day >= days || p.churnedBy(day)) {
            return;
        }
        rng.reseed(seed, Rng.PRODUCT, p.index, day);
        for (int product = 0; product < contactableFrom.length; product++) {
            if (day >= contactableFrom[product] && rng.chance(s.productFunnel.productContactsPerDay[product])) {
                journey(product, day);
            }
        }
    }

    private void journey(int product, int day) {
        int second = businessSecond();
        contactableFrom[product] = day + s.productFunnel.productRecontactDays;
        emit(product, AWARENESS, day, second);
        int persona = p.persona.ordinal();
        for (int stage = AWARENESS + 1; stage <= USE; stage++) {
            if (!rng.chance(s.productFunnel.productConversion(product, stage, persona))) {
                return;
            }
            int delay = rng.between(s.productFunnel.productDelayDays[stage][0], s.productFunnel.productDelayDays[stage][1]);
            if (delay == 0 && second < LAST_SECOND - MIN_GAP_SECONDS) {
                second += rng.between(MIN_GAP_SECONDS, LAST_SECOND - second);
            } else {
                day += Math.max(1, delay);
                second = businessSecond();
            }
            if (stage == ACCEPTANCE) {
                // A subscriber is not canvassed for a product they have.
                contactableFrom[product] = Integer.MAX_VALUE;
            }
            if (!emit(product, stage, day, second)) {
                return;
            }
        }
        while (rng.chance(s.productFunnel.productRepeatUse)) {
            day += rng.between(s.productFunnel.productRepeatUseDays[0], s.productFunnel.productRepeatUseDays[1]);
            if (!emit(product, USE, day, businessSecond())) {
                return;
            }
        }
    }

    /** Delivers one event; false when its day is past the range or the subscriber has left. */
    private boolean emit(int product, int stage, int day, int second) {
        if (day >= days || p.churnedBy(day)) {
            return false;
        }
        row.clear();
        row.set(0, ids.id("pe", p.index, sequence++));
        row.set(1, p.national);
        row.set(2, calendar.timestamp((long) day * DayCalendar.SECONDS_PER_DAY + second));
        row.set(3, s.productFunnel.products.get(product));
        row.set(4, Planted.FUNNEL_STAGES.get(stage));
        row.set(5, Planted.PRODUCT_CHANNELS.get(rng.pick(s.productFunnel.productChannelCumulative[stage])));
        row.deliver(day, day, true, deliveryRng);
        return true;
    }

    private int businessSecond() {
        return rng.pick(businessHours) * 3600 + rng.nextInt(3600);
    }
}
