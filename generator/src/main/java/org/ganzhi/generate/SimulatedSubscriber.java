package org.ganzhi.generate;

import org.ganzhi.privacy.Pseudonymizer;

/**
 * The subscriber being simulated and what the per-source simulations share about them: the
 * planted profile, the behaviour stream (each source reseeds it for its day, so a source's draws
 * do not depend on another's), the delivery stream, record ids and the pseudonym. Everything is
 * reused from one subscriber to the next.
 */
final class SimulatedSubscriber {
    final ReferenceData ref;
    final GeneratorSettings s;
    final DayCalendar calendar;
    final Deliveries out;
    final RecordIds ids;
    final long seed;
    final int days;
    /** Behaviour: reseeded by (seed, stream, subscriber, day) before a source simulates a day. */
    final Rng rng = new Rng();
    /** Delivery decisions (lateness, defects, spellings): apart, so the dirty share does not change behaviour. */
    final Rng deliveryRng = new Rng();
    /** Cumulative weights of the local hours service happens in. */
    final double[] businessHours;
    private final Pseudonymizer pseudonymizer;

    SubscriberProfile p;
    private String pseudonym;

    SimulatedSubscriber(ReferenceData ref, Deliveries out, Pseudonymizer pseudonymizer) {
        this.ref = ref;
        this.s = ref.settings;
        this.calendar = ref.calendar;
        this.out = out;
        this.pseudonymizer = pseudonymizer;
        this.seed = ref.seed;
        this.days = ref.days;
        this.ids = new RecordIds(seed);
        this.businessHours = s.usage.cumulativeBusinessHours();
    }

    /** Starts the subscriber of this profile: a fresh delivery stream, no pseudonym yet. */
    void start(SubscriberProfile profile) {
        p = profile;
        pseudonym = null;
        deliveryRng.reseed(seed, Rng.DELIVERY, p.index, 0);
    }

    /** The subscriber's pseudonym, computed once and only when a truth record needs it. */
    String pseudonym() {
        if (pseudonym == null) {
            pseudonym = pseudonymizer.pseudonym(p.e164);
        }
        return pseudonym;
    }

    /**
     * How many calls or sessions the subscriber makes on a day: the expected count, lower at the
     * weekend by the given factor, spread from day to day, fading as a leaver goes. Reseeds the
     * behaviour stream for this source and day first.
     */
    int usageEventsOn(int day, int stream, double perDay, double weekendFactor) {
        rng.reseed(seed, stream, p.index, day);
        double mean = perDay * (calendar.weekend(day) ? weekendFactor : 1) * rng.unitLognormal(s.usage.dailySigma)
                * p.leavingUsage(day, s.lifecycle.leavingDays, s.lifecycle.leavingUsageFloor);
        return Math.min(rng.poisson(mean), s.usage.maxEventsPerDay);
    }

    /** A second of the day in opening hours. */
    int businessSecond() {
        return rng.pick(businessHours) * 3600 + rng.nextInt(3600);
    }

    /** A second of the day following a diurnal curve (cumulative weights per hour). */
    int secondOfDay(double[] diurnal) {
        return rng.pick(diurnal) * 3600 + rng.nextInt(3600);
    }

    /** The home cell most of the time, otherwise another cell of the home region. */
    int servingCell() {
        return rng.chance(s.network.homeCellShare) ? p.homeCell : ref.otherCellInRegion(p.homeCell, rng);
    }
}
