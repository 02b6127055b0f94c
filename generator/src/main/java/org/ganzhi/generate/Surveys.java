package org.ganzhi.generate;

import org.ganzhi.generate.Planted.Cause;

import java.util.HashSet;
import java.util.Set;

/** Survey answers into the survey feed, after a touchpoint or about the relationship. */
final class Surveys {
    /** Columns of survey this simulation fills, in the order of the column indexes below. */
    static final String[] COLUMNS = {"msisdn", "ts", "channel", "touchpoint", "score"};

    private final SimulatedSubscriber sub;
    private final SurveySettings settings;
    private final Rng rng;
    private final SourceRow row;
    /** (second, touchpoint) of the subscriber's answers so far: one answer per touchpoint and second. */
    private final Set<Long> answered = new HashSet<>();

    Surveys(SimulatedSubscriber sub, LandingLines lines) {
        this.sub = sub;
        this.settings = sub.s.surveys;
        this.rng = sub.rng;
        this.row = new SourceRow(lines, COLUMNS, sub.out);
    }

    /** A new subscriber: nothing answered yet. */
    void start() {
        answered.clear();
    }

    /** False when the survey feed is switched off. */
    boolean on() {
        return row.on();
    }

    /**
     * A survey answer. Scores follow the experience: good-experience subscribers score high,
     * others low, lowest at the touchpoint where their cause hurts; a bad moment (failed
     * interaction, late order, shock bill) lowers anyone's score.
     */
    void answer(long ts, int touchpoint, boolean causeHurtsHere, boolean badMoment) {
        SubscriberProfile p = sub.p;
        int day = DayCalendar.dayOf(ts);
        if (!row.on() || day < 0 || day >= sub.days || day >= p.churnDay) {
            return;
        }
        if (!answered.add(ts * 8 + touchpoint)) {
            return;
        }
        double mean = p.cause == Cause.NONE ? settings.scoreGood : causeHurtsHere ? settings.scoreBadTouchpoint : settings.scoreBad;
        if (badMoment) {
            mean = Math.min(mean, (settings.scoreGood + settings.scoreBad) / 2) - 1;
        }
        int score = (int) Math.max(0, Math.min(10, Math.round(mean + settings.scoreSigma * rng.gaussian())));
        row.clear();
        row.set(0, p.national);
        row.set(1, sub.calendar.timestamp(ts));
        row.set(2, Planted.SURVEY_CHANNELS.get(rng.pick(settings.surveyChannelCumulative)));
        row.set(3, Planted.TOUCHPOINTS.get(touchpoint));
        row.set(4, Integer.toString(score));
        row.deliver(day, day, true, sub.deliveryRng);
    }
}
