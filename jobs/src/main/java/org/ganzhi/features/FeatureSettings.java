package org.ganzhi.features;

import com.typesafe.config.Config;
import org.ganzhi.common.RepeatComplaints;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The thresholds and horizons of the feature stage (ganzhi.features), with the operator's time zone. */
public record FeatureSettings(String timezone, int recomputeDays, int nightFromHour, int nightToHour,
                              double lowThroughputKbps, double highLatencyMs, List<Integer> windowDays,
                              int latestLookbackDays, int complaintLookbackDays, int complaintRepeatDays, int orderLookbackDays,
                              List<String> networkComplaintCategories, Map<String, List<String>> serviceItemGroups,
                              Map<String, List<String>> complaintCategoryGroups)
        implements Serializable {

    /** Prefix of the daily count of interactions about one group of service items. */
    public static final String ITEM_GROUP_PREFIX = "interactions_item_";
    /** Prefix of the daily count of complaints opened about one group of complaint categories. */
    public static final String COMPLAINT_GROUP_PREFIX = "complaints_about_";

    public static FeatureSettings from(GanzhiConfig config) {
        Config c = config.raw().getConfig("ganzhi.features");
        List<Integer> night = c.getIntList("night-hours");
        if (night.size() != 2) {
            throw new ConfigError("ganzhi.features.night-hours must be [from, to], got " + night);
        }
        int complaintLookbackDays = c.getInt("complaint-lookback-days");
        return new FeatureSettings(config.operator().timezone().getId(), c.getInt("recompute-days"), night.get(0), night.get(1),
                c.getDouble("low-throughput-kbps"), c.getDouble("high-latency-ms"),
                c.getIntList("window-days").stream().sorted().toList(), c.getInt("latest-lookback-days"),
                complaintLookbackDays, repeatDays(c, complaintLookbackDays), c.getInt("order-lookback-days"),
                c.getStringList("network-complaint-categories"), groups(c, "service-item-groups"),
                groups(c, "complaint-category-groups"));
    }

    /**
     * The repeat-complaint horizon ({@link RepeatComplaints}), which publish reads too. Features only
     * see tickets touched in the complaint lookback, so a longer horizon would miss repeats.
     */
    private static int repeatDays(Config features, int complaintLookbackDays) {
        int days = features.getInt("complaint-repeat-days");
        if (days < 1 || days > complaintLookbackDays) {
            throw new ConfigError(RepeatComplaints.SETTING + " must be from 1 to complaint-lookback-days ("
                    + complaintLookbackDays + "), got " + days);
        }
        return days;
    }

    private static Map<String, List<String>> groups(Config c, String key) {
        Config groups = c.getConfig(key);
        Map<String, List<String>> out = new TreeMap<>();
        for (String group : groups.root().keySet()) {
            if (!group.matches("[a-z][a-z0-9_]*")) {
                throw new ConfigError("ganzhi.features." + key + ": '" + group
                        + "' must be a lower-case name (it becomes a column name)");
            }
            out.put(group, groups.getStringList(group));
        }
        return out;
    }

    public int longestWindow() {
        return windowDays.get(windowDays.size() - 1);
    }
}
