package org.ganzhi.generate;

import com.typesafe.config.Config;

import java.io.Serializable;

import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code surveys}: when subscribers are asked, through which channel, and the scores good and bad experiences give. */
final class SurveySettings implements Serializable {
    double relationshipSurveysPerDay;
    double surveyAfterInteraction;
    double surveyAfterOrder;
    double surveyAfterBill;
    double[] surveyChannelCumulative;
    double scoreGood;
    double scoreBad;
    double scoreBadTouchpoint;
    double scoreSigma;

    static SurveySettings read(Config sv) {
        SurveySettings s = new SurveySettings();
        s.relationshipSurveysPerDay = share(sv, "relationship-per-day");
        s.surveyAfterInteraction = share(sv, "after-interaction");
        s.surveyAfterOrder = share(sv, "after-order");
        s.surveyAfterBill = share(sv, "after-bill");
        s.surveyChannelCumulative = cumulative(sv, "channels", Planted.SURVEY_CHANNELS);
        s.scoreGood = sv.getDouble("score-good");
        s.scoreBad = sv.getDouble("score-bad");
        s.scoreBadTouchpoint = sv.getDouble("score-bad-touchpoint");
        s.scoreSigma = sv.getDouble("score-sigma");
        return s;
    }
}
