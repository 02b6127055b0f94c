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
 * the experience-level bands and the demarcation rules. The spec version is a hash of this
 * section and of ganzhi.features, whose thresholds and groups (complaint categories, service
 * items, repeat and lookback days) make the measures the drivers score, so every score can be
 * traced to the configuration that made it.
 */
public record PerceptionSettings(int windowDays, long priorMinSamples,
                                 Map<String, Double> dimensionWeights, List<Driver> drivers,
                                 Map<String, Double> levelFloors, boolean personalWeighting, double personalStrength,
                                 int topDetractors, String fiveGPlanPattern, List<String> fiveGDeviceTypes,
                                 Demarcation demarcation, Evidence evidence, ComplaintCost complaints,
                                 FeedbackCost feedback, String specVersion) implements Serializable {

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

    /**
     * What counts as information: a driver whose score spreads less than {@code minDriverSpread}
     * points (standard deviation) over a night of at least {@code minSubscribers} subscribers says
     * nothing about anyone and weighs 0; a subscriber whose index confidence is below
     * {@code highMinConfidence} cannot be HIGH (a good experience is a claim that needs evidence).
     */
    public record Evidence(double minDriverSpread, long minSubscribers, double highMinConfidence) implements Serializable {
    }

    /**
     * What a complaint in the window costs, in index points: {@code opened} on the dimension its
     * category group names; still {@code open} at the window's end, resolved {@code late}, a
     * {@code repeat} or {@code escalated} on PROCESS (how the operator handled it); at most
     * {@code maxPoints} in all.
     */
    public record ComplaintCost(double opened, double open, double late, double repeat, double escalated, double maxPoints)
            implements Serializable {
    }

    /**
     * What a NEGATIVE text (text.feedback) in the window costs, in index points: {@code negative}
     * on the dimension of its category, at most {@code maxPoints} in all. A subscriber who writes
     * "the bill is wrong again" in the app has told the operator as plainly as one who calls.
     */
    public record FeedbackCost(double negative, double maxPoints, int evidence) implements Serializable {
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
        Evidence evidence = new Evidence(nonNegative(c, "evidence.min-driver-spread"), c.getLong("evidence.min-subscribers"),
                nonNegative(c, "evidence.high-min-confidence"));
        ComplaintCost complaints = new ComplaintCost(nonNegative(c, "complaint-cost.opened"), nonNegative(c, "complaint-cost.open"),
                nonNegative(c, "complaint-cost.late"), nonNegative(c, "complaint-cost.repeat"),
                nonNegative(c, "complaint-cost.escalated"), nonNegative(c, "complaint-cost.max-points"));
        FeedbackCost feedback = new FeedbackCost(nonNegative(c, "feedback-cost.negative"),
                nonNegative(c, "feedback-cost.max-points"), c.getInt("feedback-cost.evidence"));
        checkComplaintGroups(config);
        return new PerceptionSettings(window, c.getLong("prior-min-samples"),
                Map.copyOf(dimensions), List.copyOf(drivers), levels, c.getBoolean("personal-weighting.enabled"),
                c.getDouble("personal-weighting.strength"), c.getInt("top-detractors"),
                c.getString("product.five-g-plan-pattern"), c.getStringList("product.five-g-device-types"),
                demarcation, evidence, complaints, feedback, SpecVersion.of(c, config.raw().getConfig("ganzhi.features")));
    }

    private static double nonNegative(Config c, String key) {
        double v = c.getDouble(key);
        if (v < 0) {
            throw new GanzhiException("ganzhi.perception." + key + " must not be negative, is " + v);
        }
        return v;
    }

    /**
     * Every complaint counts: ganzhi.features.complaint-category-groups are named after the
     * dimensions (network, service, process, billing, product) and together hold every category
     * of the complaint contract, so no ticket goes without a dimension.
     */
    static void checkComplaintGroups(GanzhiConfig config) {
        Config groups = config.raw().getConfig("ganzhi.features.complaint-category-groups");
        List<String> dimensions = DIMENSIONS.stream().map(String::toLowerCase).toList();
        List<String> grouped = new ArrayList<>();
        for (String group : groups.root().keySet()) {
            if (!dimensions.contains(group)) {
                throw new GanzhiException("ganzhi.features.complaint-category-groups." + group + ": a complaint group is the "
                        + "dimension its complaints cost, one of " + dimensions);
            }
            grouped.addAll(groups.getStringList(group));
        }
        if (config.sources().containsKey("complaint")) {
            List<String> unmapped = config.source("complaint").column("category").values().stream()
                    .filter(v -> !grouped.contains(v)).toList();
            if (!unmapped.isEmpty()) {
                throw new GanzhiException("complaint categories " + unmapped + " are in no ganzhi.features.complaint-category-groups "
                        + "group: add each to the dimension its complaints are about (" + dimensions + ")");
            }
        }
    }

    public List<Driver> driversOf(String dimension) {
        return drivers.stream().filter(d -> d.dimension().equals(dimension)).toList();
    }
}
