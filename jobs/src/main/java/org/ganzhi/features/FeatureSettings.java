package org.ganzhi.features;

import com.typesafe.config.Config;
import org.ganzhi.config.GanzhiConfig;

import java.io.Serializable;
import java.util.List;

/** The thresholds and horizons of the feature stage (ganzhi.features), with the operator's time zone. */
public record FeatureSettings(String timezone, int recomputeDays, int nightFromHour, int nightToHour,
                              double lowThroughputKbps, double highLatencyMs, List<Integer> windowDays,
                              int latestLookbackDays, int complaintLookbackDays, int orderLookbackDays,
                              List<String> networkComplaintCategories) implements Serializable {

    public static FeatureSettings from(GanzhiConfig config) {
        Config c = config.raw().getConfig("ganzhi.features");
        List<Integer> night = c.getIntList("night-hours");
        if (night.size() != 2) {
            throw new IllegalArgumentException("ganzhi.features.night-hours must be [from, to]");
        }
        return new FeatureSettings(config.operator().timezone().getId(), c.getInt("recompute-days"), night.get(0), night.get(1),
                c.getDouble("low-throughput-kbps"), c.getDouble("high-latency-ms"),
                c.getIntList("window-days").stream().sorted().toList(), c.getInt("latest-lookback-days"),
                c.getInt("complaint-lookback-days"), c.getInt("order-lookback-days"),
                c.getStringList("network-complaint-categories"));
    }

    public int longestWindow() {
        return windowDays.get(windowDays.size() - 1);
    }
}
