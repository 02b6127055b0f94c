package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.generate.Planted.Cause;

import java.io.Serializable;

import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.enumWeights;
import static org.ganzhi.generate.SettingsReading.enumWeightsWithDefault;
import static org.ganzhi.generate.SettingsReading.hours;
import static org.ganzhi.generate.SettingsReading.range;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code complaints}: what makes a subscriber complain, and how the ticket goes against its promise. */
final class ComplaintSettings implements Serializable {
    double complaintNoisePerDay;
    double networkComplaintPerProblem;
    double networkToleratedProblems;
    double networkComplaintMaxPerDay;
    double serviceComplaintPerFailedInteraction;
    double processComplaintPerLateOrder;
    double billingComplaintPerShockBill;
    double[] causeComplaintPerDay;
    double[] repeatShare;
    double[] escalationShare;
    double[][] resolution;
    int[] promisedHours;
    double[] complaintChannelCumulative;
    int complaintLookbackDays;

    static ComplaintSettings read(Config cp) {
        ComplaintSettings s = new ComplaintSettings();
        s.complaintNoisePerDay = share(cp, "noise-per-day");
        s.networkComplaintPerProblem = share(cp, "network-per-problem");
        s.networkToleratedProblems = cp.getDouble("network-tolerated-problems");
        s.networkComplaintMaxPerDay = share(cp, "network-max-per-day");
        s.serviceComplaintPerFailedInteraction = share(cp, "service-per-failed-interaction");
        s.processComplaintPerLateOrder = share(cp, "process-per-late-order");
        s.billingComplaintPerShockBill = share(cp, "billing-per-shock-bill");
        s.causeComplaintPerDay = enumWeights(cp, "cause-per-day", Cause.class, 0.0);
        s.repeatShare = enumWeightsWithDefault(cp, "repeat-share");
        s.escalationShare = enumWeightsWithDefault(cp, "escalation-share");
        s.resolution = new double[Cause.values().length][];
        for (Cause cause : Cause.values()) {
            s.resolution[cause.ordinal()] = range(cp, "resolution." + cause.name());
        }
        s.promisedHours = hours(cp, "promised-hours", Planted.COMPLAINT_CATEGORIES);
        s.complaintChannelCumulative = cumulative(cp, "channels", Planted.INTERACTION_CHANNELS);
        s.complaintLookbackDays = cp.getInt("lookback-days");
        return s;
    }
}
