package org.ganzhi.generate;

import com.typesafe.config.Config;

import java.io.Serializable;

import static org.ganzhi.generate.SettingsReading.range;
import static org.ganzhi.generate.SettingsReading.share;

/** Quality parameters of normal or bad cells: [low, high] ranges. */
final class CellQuality implements Serializable {
    double[] dropRate;
    double[] setupFailureRate;
    double[] mos;
    double[] dataFailureRate;
    double[] throughputFactor;
    double[] rttFactor;
    double outageProbabilityPerDay;
    double[] outageMinutes;
    double[] outageHoursPerDay;

    /** Bad cells are down some hours every day; normal cells have a rare short outage. */
    static CellQuality read(Config q, boolean bad) {
        CellQuality cq = new CellQuality();
        cq.dropRate = range(q, "drop-rate");
        cq.setupFailureRate = range(q, "setup-failure-rate");
        cq.mos = range(q, "mos");
        cq.dataFailureRate = range(q, "data-failure-rate");
        cq.throughputFactor = range(q, "throughput-factor");
        cq.rttFactor = range(q, "rtt-factor");
        if (bad) {
            cq.outageHoursPerDay = range(q, "outage-hours-per-day");
        } else {
            cq.outageProbabilityPerDay = share(q, "outage-probability-per-day");
            cq.outageMinutes = range(q, "outage-minutes");
        }
        return cq;
    }
}
