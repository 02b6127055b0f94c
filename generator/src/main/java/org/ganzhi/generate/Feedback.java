package org.ganzhi.generate;

import org.ganzhi.generate.FeedbackTexts.Composed;
import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Sentiment;

import java.util.List;

import static org.ganzhi.generate.TruthJson.json;

/**
 * The customer's own words into the feedback feed, each delivered row with its truth record: app
 * store and in-app reviews, web and social comments, survey verbatims and hotline transcripts,
 * written per subscriber and day from the planted experience:
 * <ul>
 *   <li>everybody writes now and then about any dimension, mostly praise, statements and
 *       questions, sometimes a complaint (noise);</li>
 *   <li>a subscriber with a planted cause writes NEGATIVE texts about the cause's dimension
 *       several times as often;</li>
 *   <li>a day with network problems beyond the tolerated ones may bring a NEGATIVE NETWORK text
 *       right after them (about dropped calls or slow data, whichever went wrong more).</li>
 * </ul>
 * Each text's channel follows its sentiment; some app-store, web and social rows are anonymous;
 * agents categorise most hotline transcripts (a few wrongly); app-store, app and web rows often
 * carry a star rating that follows the sentiment; the channel declares a language on half of the
 * rows, sometimes the wrong one. The text itself comes from {@link FeedbackTexts}.
 * <p>
 * Randomness: streams of its own, behaviour keyed by (seed, {@link Rng#FEEDBACK}, subscriber, day)
 * and delivery decisions by (seed, {@link Rng#FEEDBACK_DELIVERY}, subscriber), so switching the feed on or
 * changing its settings never changes another feed of a seed.
 */
final class Feedback {
    /** Columns of feedback this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"feedback_id", "msisdn", "ts", "channel", "product_id", "service_item", "rating",
            "language", "text", "agent_category"};
    /** Day -1 of the behaviour stream (the feed has no events before the range) draws the subscriber's language. */
    private static final int LANGUAGE_DAY = -1;
    /** How a channel may spell its declared language, per language: the code first, then aliases of the contract. */
    static final List<List<String>> DECLARED_SPELLINGS = List.of(List.of("ZH", "zh", "zh-CN", "Chinese"),
            List.of("EN", "en", "English"), List.of("MIXED", "mixed"));
    // What made the subscriber write (truth column trigger).
    private static final String CAUSE = "CAUSE";
    private static final String NETWORK_DAY = "NETWORK_DAY";
    private static final String EVERYDAY = "EVERYDAY";
    private static final int NETWORK = Planted.DIMENSIONS.indexOf(Cause.NETWORK);
    /** No earlier than this a network complaint is written (people are up), and no later than the day's end. */
    private static final int EARLIEST_SECOND = 7 * 3600;
    private static final int LAST_SECOND = DayCalendar.SECONDS_PER_DAY - 1;

    private final SimulatedSubscriber sub;
    private final ReferenceData ref;
    private final FeedbackSettings settings;
    private final DayCalendar calendar;
    private final SourceRow row;
    private final FeedbackTexts texts;
    private final Rng rng = new Rng();
    private final Rng deliveryRng = new Rng();
    private final FeedbackTexts.Author author;
    private final int callDrops;
    private final int dataSpeed;
    private final int indoorCoverage;
    private int sequence;
    /** The language this subscriber writes in most of the time. */
    private int ownLanguage;

    Feedback(SimulatedSubscriber sub, LandingLines lines) {
        this.sub = sub;
        this.ref = sub.ref;
        this.settings = sub.s.feedback;
        this.calendar = sub.calendar;
        this.row = new SourceRow(lines, COLUMNS, sub.out);
        this.texts = new FeedbackTexts(settings, ref.countryCode());
        FeedbackPhrases phrases = settings.phrases;
        this.callDrops = phrases.topicIndex(NETWORK, "CALL_DROPS");
        this.dataSpeed = phrases.topicIndex(NETWORK, "DATA_SPEED");
        this.indoorCoverage = phrases.topicIndex(NETWORK, "INDOOR_COVERAGE");
        this.author = new FeedbackTexts.Author() {
            @Override
            public String city() {
                return sub.p.city;
            }

            @Override
            public String national() {
                return sub.p.national;
            }

            @Override
            public String someoneElse(Rng r) {
                return ref.nationalNumber((long) (r.nextDouble() * ref.subscribers));
            }
        };
    }

    /** A new subscriber: ids start again, a fresh delivery stream, their own language. */
    void start() {
        if (!row.on()) {
            return;
        }
        SubscriberProfile p = sub.p;
        sequence = 0;
        deliveryRng.reseed(sub.seed, Rng.FEEDBACK_DELIVERY, p.index, 0);
        rng.reseed(sub.seed, Rng.FEEDBACK, p.index, LANGUAGE_DAY);
        ownLanguage = rng.pick(settings.languageCumulative);
    }

    /** The texts of one day of the range; {@code problems} are the day's network problems. */
    void day(int day, NetworkProblems problems) {
        SubscriberProfile p = sub.p;
        if (!row.on() || day < 0 || day >= sub.days || p.churnedBy(day)) {
            return;
        }
        FeedbackSettings f = settings;
        rng.reseed(sub.seed, Rng.FEEDBACK, p.index, day);
        FeedbackPhrases phrases = f.phrases;
        if (p.cause != Cause.NONE && rng.chance(f.causeNegativePerDay[p.cause.ordinal()])) {
            int dimension = Planted.DIMENSIONS.indexOf(p.cause);
            write(day, dimension, rng.nextInt(phrases.topics[dimension].length), Sentiment.NEGATIVE, CAUSE, -1);
        }
        // One problem a day is shrugged off; repeated ones make people write, right after them.
        double excess = problems.total() - f.networkDayToleratedProblems;
        if (excess > 0 && rng.chance(Math.min(f.networkDayMaxPerDay,
                1 - Math.exp(-f.networkDayPerProblem * excess * p.behaviour.networkSensitivity)))) {
            int topic = problems.home > 0 && indoorCoverage >= 0 && rng.chance(0.2) ? indoorCoverage
                    : problems.voice >= problems.data ? callDrops : dataSpeed;
            if (topic < 0) {
                topic = rng.nextInt(phrases.topics[NETWORK].length);
            }
            int second = Math.min(LAST_SECOND, Math.max(problems.lastSecond, EARLIEST_SECOND) + rng.between(600, 4 * 3600));
            write(day, NETWORK, topic, Sentiment.NEGATIVE, NETWORK_DAY, second);
        }
        int everyday = rng.poisson(f.textsPerDay);
        for (int k = 0; k < everyday; k++) {
            int dimension = rng.pick(f.categoryCumulative);
            Sentiment sentiment = Sentiment.values()[rng.pick(f.sentimentCumulative)];
            write(day, dimension, rng.nextInt(phrases.topics[dimension].length), sentiment, EVERYDAY, -1);
        }
    }

    /**
     * One feedback row and, when it landed clean, its truth record.
     *
     * @param second the second of the day it was written, or -1 to draw one for its channel
     */
    private void write(int day, int dimension, int topic, Sentiment sentiment, String trigger, int second) {
        FeedbackSettings f = settings;
        SubscriberProfile p = sub.p;
        int channel = rng.pick(f.channelCumulative[sentiment.ordinal()]);
        if (second < 0) {
            // Hotline calls in opening hours; everything else whenever people are on their phones.
            second = channel == Planted.HOTLINE ? rng.pick(sub.businessHours) * 3600 + rng.nextInt(3600)
                    : rng.pick(sub.s.usage.diurnalDataCumulative) * 3600 + rng.nextInt(3600);
        }
        int language = rng.chance(f.languageLoyalty) ? ownLanguage : rng.pick(f.languageCumulative);
        boolean anonymous = rng.chance(f.anonymousShare[channel]);
        Composed text = texts.compose(rng, language, dimension, topic, sentiment, channel, author);
        String product = text.product != null ? (rng.chance(f.productIdShare) ? text.product : null)
                : rng.chance(f.productIdOtherShare) ? f.products.get(rng.nextInt(f.products.size())) : null;
        String item = text.item != null && rng.chance(f.serviceItemShare) ? text.item : null;
        int rating = rng.chance(f.ratingShare[channel]) ? rating(sentiment) : 0;
        int declared = -1;
        String declaredSpelling = null;
        if (rng.chance(f.declaredLanguageShare)) {
            declared = rng.chance(f.declaredLanguageWrong) ? otherThan(language, Planted.FEEDBACK_LANGUAGES.size()) : language;
            List<String> spellings = DECLARED_SPELLINGS.get(declared);
            declaredSpelling = rng.chance(f.declaredLanguageAlias) ? spellings.get(1 + rng.nextInt(spellings.size() - 1)) : spellings.get(0);
        }
        String agentCategory = null;
        if (channel == Planted.HOTLINE && rng.chance(f.agentLabelShare)) {
            int label = rng.chance(f.agentLabelError) ? otherThan(dimension, Planted.DIMENSIONS.size()) : dimension;
            agentCategory = Planted.DIMENSIONS.get(label).name();
        }

        String feedbackId = sub.ids.id("fb", p.index, sequence++);
        long ts = (long) day * DayCalendar.SECONDS_PER_DAY + second;
        String timestamp = calendar.timestamp(ts);
        row.clear();
        row.set(0, feedbackId);
        row.set(1, anonymous ? null : p.national);
        row.set(2, timestamp);
        row.set(3, Planted.FEEDBACK_CHANNELS.get(channel));
        row.set(4, product);
        row.set(5, item);
        row.set(6, rating > 0 ? Integer.toString(rating) : null);
        row.set(7, declaredSpelling);
        row.set(8, text.text);
        row.set(9, agentCategory);
        if (!row.deliver(day, day, true, deliveryRng)) {
            return;
        }
        StringBuilder j = new StringBuilder(480).append('{');
        json(j, "feedback_id", feedbackId);
        if (!anonymous) {
            json(j, "msisdn_pseudonym", sub.pseudonym());
        }
        json(j, "anonymous", anonymous);
        json(j, "feedback_date", calendar.date(day));
        json(j, "ts", timestamp);
        json(j, "channel", Planted.FEEDBACK_CHANNELS.get(channel));
        json(j, "category", Planted.DIMENSIONS.get(dimension).name());
        json(j, "topic", f.phrases.topics[dimension][topic].name);
        json(j, "sentiment", sentiment.name());
        json(j, "language", Planted.FEEDBACK_LANGUAGES.get(language));
        if (declared >= 0) {
            json(j, "declared_language", Planted.FEEDBACK_LANGUAGES.get(declared));
        }
        if (agentCategory != null) {
            json(j, "agent_category", agentCategory);
        }
        if (rating > 0) {
            json(j, "rating", rating);
        }
        if (product != null) {
            json(j, "product_id", product);
        }
        if (item != null) {
            json(j, "service_item", item);
        }
        json(j, "experience_cause", p.cause.name());
        json(j, "trigger", trigger);
        json(j, "contains_phone", text.phone);
        json(j, "contains_email", text.email);
        json(j, "contains_name", text.name);
        j.setLength(j.length() - 1);
        sub.out.truth(Deliveries.TRUTH_FEEDBACK, j.append('}').toString());
    }

    /** Stars that follow the sentiment (1-2, 3, 4-5), one off towards the middle now and then. */
    private int rating(Sentiment sentiment) {
        boolean spread = rng.chance(settings.ratingSpread);
        return switch (sentiment) {
            case NEGATIVE -> spread ? 3 : rng.chance(0.6) ? 1 : 2;
            case NEUTRAL -> spread ? (rng.chance(0.5) ? 2 : 4) : 3;
            case POSITIVE -> spread ? 3 : rng.chance(0.6) ? 5 : 4;
        };
    }

    /** Another index than {@code index} out of {@code size}, uniformly. */
    private int otherThan(int index, int size) {
        int other = rng.nextInt(size - 1);
        return other >= index ? other + 1 : other;
    }
}
