package org.ganzhi.generate;

import org.ganzhi.privacy.Pseudonymizer;

import java.util.Map;

/**
 * Simulates one subscriber over the whole range, in plain Java: daily snapshot rows, call legs and
 * data sessions driven by persona, usage multipliers, a diurnal curve and the quality of the cells
 * used (85 % home cell), and the care side driven by the planted experience cause: service
 * interactions, complaint tickets with their state history, service orders, bills and surveys,
 * and the customer's own words in the feedback feed ({@link Feedback}).
 * Problems cause complaints probabilistically (dropped calls on a bad cell, failed interactions,
 * late orders, bill shock), scaled by the persona's sensitivity, and good-experience subscribers
 * get only occasional noise. Each source is simulated by its own class ({@link VoiceCalls},
 * {@link DataSessions}, {@link CareDay} and the care feeds it drives, {@link SubscriberRecords});
 * product adoption journeys by {@link ProductJourneys}. This class runs the day loop. Every row
 * goes to {@link Deliveries}; one truth record per subscriber and per complaint ticket goes with
 * them, and one per feedback text.
 * <p>
 * Randomness: behaviour streams are keyed by (seed, stream, subscriber, day), so a subscriber's
 * rows do not depend on partitioning; delivery decisions (lateness, defects, spellings) use a
 * separate stream so that changing the dirty share does not change behaviour. One instance serves
 * one Spark task and reuses its buffers.
 */
final class SubscriberSimulator {
    private final ReferenceData ref;
    private final SimulatedSubscriber sub;
    private final Rng profileRng = new Rng();
    /** Subscribers simulated so far per home cell, for the cell truth. */
    private final int[] homeSubscribers;
    private final NetworkProblems problems = new NetworkProblems();
    private final SubscriberRecords records;
    private final VoiceCalls voiceCalls;
    private final DataSessions dataSessions;
    private final ComplaintTickets tickets;
    private final Surveys surveys;
    private final ServiceInteractions interactions;
    private final ServiceOrders orders;
    private final CareDay care;
    /** The product adoption funnel: its own feed, streams and state. */
    private final ProductJourneys productJourneys;
    /** Reviews, comments, verbatims and transcripts: its own feed and streams. */
    private final Feedback feedback;

    SubscriberSimulator(ReferenceData ref, Map<String, LandingLines> lines, Deliveries out, Pseudonymizer pseudonymizer) {
        this.ref = ref;
        this.sub = new SimulatedSubscriber(ref, out, pseudonymizer);
        this.homeSubscribers = new int[ref.cellCount];
        this.records = new SubscriberRecords(sub, lines.get("subscriber"), lines.get("outcome"));
        this.voiceCalls = new VoiceCalls(sub, lines.get("voice_cdr"));
        this.dataSessions = new DataSessions(sub, lines.get("data_session"));
        this.tickets = new ComplaintTickets(sub, lines.get("complaint"));
        this.surveys = new Surveys(sub, lines.get("survey"));
        this.interactions = new ServiceInteractions(sub, lines.get("service_interaction"), tickets, surveys);
        this.orders = new ServiceOrders(sub, lines.get("service_order"), tickets, surveys);
        Bills bills = new Bills(sub, lines.get("billing"), tickets, surveys);
        this.care = new CareDay(sub, tickets, surveys, interactions, orders, bills);
        this.productJourneys = new ProductJourneys(ref, lines.get("product_event"), out, sub.ids, sub.businessHours);
        this.feedback = new Feedback(sub, lines.get("feedback"));
    }

    /** Simulates subscriber {@code index} and hands every row to the deliveries. */
    void simulate(long index) {
        SubscriberProfile p = SubscriberProfile.plant(index, ref, profileRng);
        homeSubscribers[p.homeCell]++;
        sub.start(p);
        voiceCalls.start();
        dataSessions.start();
        tickets.start();
        interactions.start();
        orders.start();
        surveys.start();
        productJourneys.start(p);
        feedback.start();
        records.truthRecord();
        records.snapshots();
        records.churnOutcome();
        for (int day = care.firstDay(); day < ref.days; day++) {
            if (p.churnedBy(day)) {
                break;
            }
            problems.reset();
            if (day >= 0 && !p.suspendedOn(day)) {
                voiceCalls.day(day, problems);
                dataSessions.day(day, problems);
            }
            care.day(day, problems);
            productJourneys.day(day);
            feedback.day(day, problems);
        }
    }

    /** Emits this task's home-cell tallies as truth records: cell index, subscribers. */
    void flushHomeCells() {
        for (int c = 0; c < homeSubscribers.length; c++) {
            if (homeSubscribers[c] > 0) {
                sub.out.truth(Deliveries.TRUTH_HOME_CELLS, c + "," + homeSubscribers[c]);
                homeSubscribers[c] = 0;
            }
        }
    }
}
