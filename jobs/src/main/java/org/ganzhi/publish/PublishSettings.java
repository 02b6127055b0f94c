package org.ganzhi.publish;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;
import org.ganzhi.features.FeatureSettings;
import org.ganzhi.perception.PerceptionSettings;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ganzhi.publish, with the operator's time zone: the reporting window, the minimum number of
 * subscribers a reported row must describe, the repeat-complaint horizon, which channels are
 * traditional or digital, which experience levels are poor, the hot-spot rule of
 * gold.cell_experience and the targets of gold.region_scorecard.
 *
 * @param timezone            operator time zone: window days are calendar days in it
 * @param windowDays          days in the window ending on the run date (inclusive)
 * @param minSubscribers      k of the minimum-count redaction
 * @param repeatDays          the repeat-complaint horizon (ganzhi.features.complaint-repeat-days)
 * @param traditionalChannels channels whose channel_kind is TRADITIONAL
 * @param digitalChannels     channels whose channel_kind is DIGITAL
 * @param poorLevels          experience levels counted as a poor experience (of
 *                            {@link PerceptionSettings#LEVELS})
 * @param hotSpot             which cells are ranked and flagged as hot spots
 * @param regionTargets       the target of each region KPI that has one; KPIs without a target
 *                            are published without a comparison
 * @param includeUnknownSubscribers publish subscribers no subscriber snapshot lists
 *                            (features.subscriber_window.known_subscriber = false); default no
 * @param includeUnknownCells publish cells no cell snapshot lists (features.cell_daily.known_cell
 *                            = false); default no
 */
public record PublishSettings(String timezone, int windowDays, int minSubscribers, int repeatDays,
                              List<String> traditionalChannels, List<String> digitalChannels, List<String> poorLevels,
                              HotSpot hotSpot, Map<RegionScorecard.Kpi, Double> regionTargets,
                              boolean includeUnknownSubscribers, boolean includeUnknownCells) implements Serializable {

    /**
     * The hot-spot rule of gold.cell_experience (see {@link CellExperience}).
     *
     * @param minCalls      a cell is ranked only with at least this many connected calls in the
     *                      window (the drop rate's denominator)
     * @param minDrops      ... and at least this many dropped calls
     * @param minDropRate   an eligible cell whose drop rate is at least this (share, 0–1) is a hot spot
     * @param top           this many worst eligible cells are hot spots whatever their rate (0: none)
     */
    public record HotSpot(long minCalls, long minDrops, double minDropRate, int top) implements Serializable {
    }

    public static PublishSettings from(GanzhiConfig config) {
        String where = "ganzhi.publish";
        try {
            Config c = config.raw().getConfig(where);
            int windowDays = atLeastOne(c, "window-days");
            int minSubscribers = atLeastOne(c, "min-subscribers");
            int repeatDays = FeatureSettings.from(config).complaintRepeatDays();
            List<String> traditional = List.copyOf(c.getStringList("traditional-channels"));
            List<String> digital = List.copyOf(c.getStringList("digital-channels"));
            Set<String> both = new HashSet<>(traditional);
            both.retainAll(digital);
            if (!both.isEmpty()) {
                throw new ConfigError(where + ": channels " + both.stream().sorted().toList()
                        + " are in both traditional-channels and digital-channels; a channel has one kind");
            }
            // A channel added to the contract but to neither list would get no kind and silently
            // drop out of the traditional vs digital comparison, so it fails here instead.
            SourceContract interactions = config.sources().get("service_interaction");
            if (interactions != null && interactions.columnNames().contains("channel")) {
                List<String> unclassified = new ArrayList<>(interactions.column("channel").values());
                unclassified.removeAll(traditional);
                unclassified.removeAll(digital);
                if (!unclassified.isEmpty()) {
                    throw new ConfigError(where + ": service_interaction channels " + unclassified
                            + " are in neither traditional-channels nor digital-channels");
                }
            }
            return new PublishSettings(config.operator().timezone().getId(), windowDays, minSubscribers, repeatDays,
                    traditional, digital, poorLevels(c), hotSpot(c), regionTargets(c),
                    c.getBoolean("include-unknown-subscribers"), c.getBoolean("include-unknown-cells"));
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    /** First operator-local day of the window that ends on {@code date}. */
    public LocalDate windowStart(LocalDate date) {
        return date.minusDays(windowDays - 1L);
    }

    private static List<String> poorLevels(Config c) {
        List<String> levels = List.copyOf(c.getStringList("poor-levels"));
        List<String> unknown = levels.stream().filter(l -> !PerceptionSettings.LEVELS.contains(l)).toList();
        if (levels.isEmpty() || !unknown.isEmpty() || new HashSet<>(levels).size() < levels.size()) {
            throw new ConfigError("ganzhi.publish.poor-levels must be distinct levels of " + PerceptionSettings.LEVELS
                    + ", got " + levels);
        }
        return levels;
    }

    private static HotSpot hotSpot(Config c) {
        long minCalls = c.getLong("hot-spot.min-calls");
        long minDrops = c.getLong("hot-spot.min-drops");
        // Both guards at least 1: a rate from a handful of calls or drops is noise, not a hot spot.
        if (minCalls < 1 || minDrops < 1) {
            throw new ConfigError("ganzhi.publish.hot-spot.min-calls and min-drops must be at least 1, got "
                    + minCalls + " and " + minDrops);
        }
        double rate = c.getDouble("hot-spot.min-drop-rate");
        if (!(rate > 0 && rate < 1)) {
            throw new ConfigError("ganzhi.publish.hot-spot.min-drop-rate must be a share between 0 and 1 (exclusive), got "
                    + rate);
        }
        int top = c.getInt("hot-spot.top");
        if (top < 0) {
            throw new ConfigError("ganzhi.publish.hot-spot.top must be 0 or more, got " + top);
        }
        return new HotSpot(minCalls, minDrops, rate, top);
    }

    private static Map<RegionScorecard.Kpi, Double> regionTargets(Config c) {
        Config targets = c.getConfig("region-targets");
        Map<String, RegionScorecard.Kpi> byKey = new LinkedHashMap<>();
        for (RegionScorecard.Kpi kpi : RegionScorecard.Kpi.values()) {
            byKey.put(kpi.key(), kpi);
        }
        Map<RegionScorecard.Kpi, Double> out = new LinkedHashMap<>();
        for (String key : targets.root().keySet()) {
            RegionScorecard.Kpi kpi = byKey.get(key);
            if (kpi == null) {
                throw new ConfigError("ganzhi.publish.region-targets." + key + " is not a region KPI; targets can be set for "
                        + byKey.keySet());
            }
            if (!targets.hasPath(key)) {
                continue; // key = null: the KPI is published without a target
            }
            double target = targets.getDouble(key);
            if (!(target >= 0 && target <= kpi.max())) {
                throw new ConfigError("ganzhi.publish.region-targets." + key + " must be between 0 and " + kpi.max()
                        + ", got " + target);
            }
            out.put(kpi, target);
        }
        return Map.copyOf(out);
    }

    private static int atLeastOne(Config c, String key) {
        int value = c.getInt(key);
        if (value < 1) {
            throw new ConfigError("ganzhi.publish." + key + " must be at least 1, got " + value);
        }
        return value;
    }
}
