package org.ganzhi.perception;

import com.typesafe.config.Config;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SpecVersion;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ganzhi.perception: which measures are drivers, how each maps to 0–100 (good and bad
 * thresholds), its dimension and weight, how small samples are shrunk, the dimension weights,
 * the experience-level bands and the demarcation rules. The spec version is a hash of the whole
 * section, so every score can be traced to the configuration that made it.
 */
public record PerceptionSettings(int windowDays, long priorMinSamples,
                                 Map<String, Double> dimensionWeights, List<Driver> drivers,
                                 Map<String, Double> levelFloors, boolean personalWeighting, double personalStrength,
                                 int topDetractors, String fiveGPlanPattern, List<String> fiveGDeviceTypes,
                                 Demarcation demarcation, String specVersion) implements Serializable {

    public static final List<String> DIMENSIONS = List.of("NETWORK", "SERVICE", "PROCESS", "BILLING", "PRODUCT");
    public static final List<String> LEVELS = List.of("NEGATIVE", "NONE", "LOW", "MEDIUM", "HIGH");
    private static final Set<String> PRIORS = Set.of("HOME_CELL", "SEGMENT", "NONE");
    private static final Set<String> USAGES = Set.of("VOICE", "DATA", "ANY");

    /**
     * A driver: a measure of {@link DriverMeasures} scored 100 at {@code good} and 0 at {@code bad}
     * (linear in between, either direction), weighted within its dimension; {@code usage} says
     * which use it belongs to for personal weighting; {@code prior} what a small sample shrinks to
     * and {@code priorStrength} how many samples the prior counts as.
     */
    public record Driver(String name, String dimension, double good, double bad, double weight, String usage,
                         String prior, double priorStrength) implements Serializable {
    }

    /** Who is poor, and how large a share of poor peers makes a problem the area's, the device's or everyone's. */
    public record Demarcation(double poorIndexBelow, double poorDimensionBelow, long minPeers, double areaShare,
                              double deviceShare, double networkWideShare) implements Serializable {
    }

    public static PerceptionSettings from(GanzhiConfig config) {
        Config c = config.raw().getConfig("ganzhi.perception");
        List<Integer> windows = config.raw().getIntList("ganzhi.features.window-days");
        int window = c.getInt("window-days");
        if (!windows.contains(window)) {
            throw new GanzhiException("ganzhi.perception.window-days is " + window + ", but ganzhi.features.window-days is " + windows);
        }
        Map<String, Double> dimensions = new LinkedHashMap<>();
        for (String d : DIMENSIONS) {
            double w = c.getDouble("dimensions." + d);
            if (w < 0) {
                throw new GanzhiException("ganzhi.perception.dimensions." + d + " must not be negative, is " + w);
            }
            dimensions.put(d, w);
        }
        List<Driver> drivers = new ArrayList<>();
        Config dc = c.getConfig("drivers");
        for (String name : c.getObject("drivers").keySet().stream().sorted().toList()) {
            String where = "ganzhi.perception.drivers." + name;
            if (!DriverMeasures.NAMES.contains(name)) {
                throw new GanzhiException(where + ": no such measure; the measures are " + DriverMeasures.NAMES);
            }
            Config d = dc.getConfig(name);
            String dimension = d.getString("dimension");
            String usage = d.hasPath("usage") ? d.getString("usage") : "ANY";
            String prior = d.hasPath("prior") ? d.getString("prior") : "NONE";
            if (!DIMENSIONS.contains(dimension) || !USAGES.contains(usage) || !PRIORS.contains(prior)) {
                throw new GanzhiException(where + ": dimension must be one of " + DIMENSIONS + ", usage one of " + USAGES
                        + ", prior one of " + PRIORS + " (found " + dimension + ", " + usage + ", " + prior + ")");
            }
            if (!prior.equals("NONE") && !DriverMeasures.named(name).shrinkable()) {
                throw new GanzhiException(where + ": a state or count has no sample to shrink; its prior must be NONE");
            }
            double good = d.getDouble("good");
            double bad = d.getDouble("bad");
            if (good == bad) {
                throw new GanzhiException(where + ": good and bad must differ, both are " + good);
            }
            double strength = d.hasPath("prior-strength") ? d.getDouble("prior-strength") : c.getDouble("prior-strength");
            drivers.add(new Driver(name, dimension, good, bad, d.getDouble("weight"), usage, prior, strength));
        }
        Map<String, Double> levels = new LinkedHashMap<>();
        double previous = Double.NEGATIVE_INFINITY;
        for (String level : LEVELS.subList(1, LEVELS.size())) {
            double floor = c.getDouble("levels." + level);
            if (floor <= previous) {
                throw new GanzhiException("ganzhi.perception.levels must rise from NONE to HIGH; " + level + " is " + floor);
            }
            levels.put(level, floor);
            previous = floor;
        }
        Config dm = c.getConfig("demarcation");
        Demarcation demarcation = new Demarcation(dm.getDouble("poor-index-below"), dm.getDouble("poor-dimension-below"),
                dm.getLong("min-peers"), dm.getDouble("area-share"), dm.getDouble("device-share"),
                dm.getDouble("network-wide-share"));
        return new PerceptionSettings(window, c.getLong("prior-min-samples"),
                Map.copyOf(dimensions), List.copyOf(drivers), levels, c.getBoolean("personal-weighting.enabled"),
                c.getDouble("personal-weighting.strength"), c.getInt("top-detractors"),
                c.getString("product.five-g-plan-pattern"), c.getStringList("product.five-g-device-types"),
                demarcation, SpecVersion.of(c));
    }

    public List<Driver> driversOf(String dimension) {
        return drivers.stream().filter(d -> d.dimension().equals(dimension)).toList();
    }
}
