package org.ganzhi.personas;

import com.typesafe.config.Config;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SpecVersion;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ganzhi.personas: the persona features and how each is transformed, each persona's weights, the
 * segment model's settings, the lifecycle rules and the value tier thresholds. The spec version
 * is a hash of all of it, so every output row can be traced to the configuration that made it.
 */
public record PersonaSettings(int windowDays, List<Feature> features, List<Persona> personas, double temperature,
                              int whyCount, int clusters, long seed, int maxIterations,
                              double personaStickiness, double segmentStickiness,
                              int onboardingDays, int resolvedWithinDays,
                              String tierMethod, double highQuantile, double lowQuantile, double highArpu, double lowArpu,
                              String specVersion) implements Serializable {

    /** A persona feature: a window column, read as log(1 + scale x) or as is. */
    public record Feature(String name, boolean log, double scale) implements Serializable {
    }

    /** A persona: its code, what it means, its bias and the weight of each feature (absent = 0). */
    public record Persona(String code, String meaning, double bias, Map<String, Double> weights) implements Serializable {
    }

    public static PersonaSettings from(GanzhiConfig config) {
        Config c = config.raw().getConfig("ganzhi.personas");
        List<Feature> features = new ArrayList<>();
        Config fc = c.getConfig("features");
        List<String> dropped = new ArrayList<>();
        for (String name : c.getObject("features").keySet().stream().sorted().toList()) {
            Config f = fc.getConfig(quote(name));
            // Configuration files merge over the defaults, so a feature is dropped by switching it off.
            if (f.hasPath("enabled") && !f.getBoolean("enabled")) {
                dropped.add(name);
                continue;
            }
            String transform = f.hasPath("transform") ? f.getString("transform") : "none";
            if (!transform.equals("log1p") && !transform.equals("none")) {
                throw new GanzhiException("ganzhi.personas.features." + name + ".transform must be log1p or none, not " + transform);
            }
            features.add(new Feature(name, transform.equals("log1p"), f.hasPath("scale") ? f.getDouble("scale") : 1.0));
        }
        List<Persona> personas = new ArrayList<>();
        Config dc = c.getConfig("definitions");
        for (String code : List.of("DATA", "VOICE", "PRODUCT", "NETWORK", "PRICE", "SERVICE")) {
            if (!dc.hasPath(code)) {
                throw new GanzhiException("ganzhi.personas.definitions." + code + " is missing: the six personas all need weights");
            }
            Config p = dc.getConfig(code);
            Map<String, Double> weights = new LinkedHashMap<>();
            for (String f : p.getObject("weights").keySet().stream().sorted().toList()) {
                if (dropped.contains(f)) {
                    continue;
                }
                if (features.stream().noneMatch(x -> x.name().equals(f))) {
                    throw new GanzhiException("persona " + code + " weighs '" + f + "', which is not in ganzhi.personas.features");
                }
                weights.put(f, p.getConfig("weights").getDouble(quote(f)));
            }
            personas.add(new Persona(code, p.getString("meaning"), p.hasPath("bias") ? p.getDouble("bias") : 0.0,
                    Map.copyOf(weights)));
        }
        List<Integer> windows = config.raw().getIntList("ganzhi.features.window-days");
        int window = c.getInt("window-days");
        int resolved = c.getInt("lifecycle.resolved-within-days");
        for (int w : List.of(window, resolved)) {
            if (!windows.contains(w)) {
                throw new GanzhiException("ganzhi.personas uses a " + w + "-day window, but ganzhi.features.window-days is " + windows);
            }
        }
        String method = c.getString("value-tier.method");
        if (!method.equals("quantile") && !method.equals("absolute")) {
            throw new GanzhiException("ganzhi.personas.value-tier.method must be quantile or absolute, not " + method);
        }
        return new PersonaSettings(window, List.copyOf(features), List.copyOf(personas), c.getDouble("temperature"),
                c.getInt("why-count"), c.getInt("segments.clusters"), c.getLong("segments.seed"),
                c.getInt("segments.max-iterations"), c.getDouble("persona-stickiness"), c.getDouble("segments.stickiness"),
                c.getInt("lifecycle.onboarding-days"), resolved, method,
                c.getDouble("value-tier.high-quantile"), c.getDouble("value-tier.low-quantile"),
                c.getDouble("value-tier.high-arpu"), c.getDouble("value-tier.low-arpu"), SpecVersion.of(c));
    }

    public List<String> featureNames() {
        return features.stream().map(Feature::name).toList();
    }

    private static String quote(String key) {
        return "\"" + key + "\"";
    }
}
