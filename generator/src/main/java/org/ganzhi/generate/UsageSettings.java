package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.cumulativeList;
import static org.ganzhi.generate.SettingsReading.positiveInt;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code usage}: how much subscribers call and browse, when, with whom, and how the calls and sessions go. */
final class UsageSettings implements Serializable {
    double voiceLegsPerDay;
    double dataSessionsPerDay;
    double usageSigma;
    double usageSplitSigma;
    double dailySigma;
    int maxEventsPerDay;
    double weekendVoice;
    double weekendData;
    double moShare;
    double[] otherPartyCumulative;
    List<String> shortCodes;
    List<String> fixedLineAreaCodes;
    double roamingShare;
    double[] diurnalVoiceCumulative;
    double[] diurnalDataCumulative;
    double callDurationMedian;
    double callDurationSigma;
    int maxCallDuration;
    double busyShare;
    double noAnswerShare;
    double mosSigma;
    double mosMissingShare;
    double sessionDurationSigma;
    double sessionRateSigma;
    double[] appDuration;
    double[] appKbps;
    double[] appUpShare;
    double[] ratThroughputKbps;
    double[] ratRttMs;

    static UsageSettings read(Config u) {
        UsageSettings s = new UsageSettings();
        s.voiceLegsPerDay = u.getDouble("voice-legs-per-day");
        s.dataSessionsPerDay = u.getDouble("data-sessions-per-day");
        s.usageSigma = u.getDouble("usage-sigma");
        s.usageSplitSigma = u.getDouble("usage-split-sigma");
        s.dailySigma = u.getDouble("daily-sigma");
        s.maxEventsPerDay = positiveInt(u, "max-events-per-day");
        if (s.maxEventsPerDay > 16000) {
            throw new ConfigError(ROOT + ".usage.max-events-per-day must be at most 16000");
        }
        s.weekendVoice = u.getDouble("weekend-voice");
        s.weekendData = u.getDouble("weekend-data");
        s.moShare = share(u, "mo-share");
        s.otherPartyCumulative = cumulative(u, "other-party",
                List.of("subscriber", "outside-mobile", "fixed-line", "short-code", "withheld"));
        s.shortCodes = List.copyOf(u.getStringList("short-codes"));
        s.fixedLineAreaCodes = List.copyOf(u.getStringList("fixed-line-area-codes"));
        if (s.shortCodes.isEmpty() || s.fixedLineAreaCodes.isEmpty()) {
            throw new ConfigError(ROOT + ".usage.short-codes and fixed-line-area-codes must not be empty");
        }
        s.roamingShare = share(u, "roaming-share");
        s.diurnalVoiceCumulative = cumulativeList(u, "diurnal-voice", 24, ROOT + ".usage");
        s.diurnalDataCumulative = cumulativeList(u, "diurnal-data", 24, ROOT + ".usage");
        s.callDurationMedian = u.getDouble("call-duration-median-s");
        s.callDurationSigma = u.getDouble("call-duration-sigma");
        s.maxCallDuration = positiveInt(u, "max-call-duration-s");
        s.busyShare = share(u, "busy-share");
        s.noAnswerShare = share(u, "no-answer-share");
        s.mosSigma = u.getDouble("mos-sigma");
        s.mosMissingShare = share(u, "mos-missing-share");
        s.sessionDurationSigma = u.getDouble("session-duration-sigma");
        s.sessionRateSigma = u.getDouble("session-rate-sigma");
        s.readApps(u);
        s.readRatPerformance(u);
        return s;
    }

    /** Per app (APPS order): session duration, rate and upload share. */
    private void readApps(Config u) {
        int apps = Planted.APPS.size();
        appDuration = new double[apps];
        appKbps = new double[apps];
        appUpShare = new double[apps];
        for (int i = 0; i < apps; i++) {
            Config a = u.getConfig("apps." + Planted.APPS.get(i));
            appDuration[i] = a.getDouble("duration-s");
            appKbps[i] = a.getDouble("kbps");
            appUpShare[i] = share(a, "up-share");
        }
    }

    /** Per radio technology (CELL_RATS order): throughput and round-trip time. */
    private void readRatPerformance(Config u) {
        ratThroughputKbps = new double[Planted.CELL_RATS.size()];
        ratRttMs = new double[Planted.CELL_RATS.size()];
        for (int i = 0; i < Planted.CELL_RATS.size(); i++) {
            Config r = u.getConfig("rat-performance.\"" + Planted.CELL_RATS.get(i) + "\"");
            ratThroughputKbps[i] = r.getDouble("throughput-kbps");
            ratRttMs[i] = r.getDouble("rtt-ms");
        }
    }

    /**
     * Service happens in opening hours: the voice curve between 08:00 and 21:59, as cumulative
     * weights over the hours of the day.
     */
    double[] cumulativeBusinessHours() {
        double[] hours = new double[24];
        double previous = 0;
        for (int h = 0; h < 24; h++) {
            double weight = diurnalVoiceCumulative[h] - previous;
            previous = diurnalVoiceCumulative[h];
            hours[h] = h >= 8 && h <= 21 ? weight : 0;
        }
        return Rng.cumulative(hours);
    }
}
