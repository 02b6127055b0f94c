package org.ganzhi.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Setting names are checked against reference.conf when the configuration is loaded. Without
 * this, a misspelt key ({@code ganzhi.publish.min-subscriber}) is silently ignored and its default
 * used, which nobody notices until a number looks wrong.
 */
final class SettingNames {
    /**
     * Objects whose every key is defined by reference.conf. The others hold entries the operator
     * names (sources and their columns, catalogue codes, item and category groups, persona features
     * and definitions, perception drivers, derived risk features, generator shares); the stage that
     * reads them checks those names against what it knows.
     */
    private static final List<String> CLOSED = List.of("ganzhi", "ganzhi.local", "ganzhi.catalog", "ganzhi.execution",
            "ganzhi.backfill", "ganzhi.operator", "ganzhi.pseudonymisation", "ganzhi.features", "ganzhi.personas",
            "ganzhi.personas.segments", "ganzhi.personas.lifecycle", "ganzhi.personas.value-tier", "ganzhi.perception",
            "ganzhi.ingest", "ganzhi.publish", "ganzhi.publish.hot-spot", "ganzhi.publish.region-targets",
            "ganzhi.calibrate", "ganzhi.calibrate.risk", "ganzhi.calibrate.risk.gbt", "ganzhi.calibrate.regression",
            "ganzhi.maintain", "ganzhi.maintain.retention-days");

    /** Settings that were replaced, and by what: an old file fails with the new name, not with "unknown". */
    private static final Map<String, String> REPLACED = Map.of(
            "ganzhi.publish.repeat-days", "ganzhi.features.complaint-repeat-days (one definition of a repeat "
                    + "complaint for scores and gold alike)");

    /** reference.conf as written, before substitution: optional settings such as key-file count as known. */
    private static final ConfigObject REFERENCE = ConfigFactory.parseResources("reference.conf").root();

    private SettingNames() {
    }

    /** Fails on the first key of a closed object that reference.conf does not define. */
    static void check(Config merged) {
        for (String path : CLOSED) {
            Optional<ConfigObject> known = object(REFERENCE, path);
            if (known.isEmpty() || !merged.hasPath(path) || merged.getValue(path).valueType() != ConfigValueType.OBJECT) {
                continue;
            }
            for (Map.Entry<String, ConfigValue> entry : merged.getObject(path).entrySet()) {
                if (!known.get().containsKey(entry.getKey()) && !fromSystemProperties(entry.getValue())) {
                    throw unknown(path, entry.getKey(), entry.getValue(), known.get().keySet());
                }
            }
        }
    }

    /** JVM system properties merge into the configuration too, and also carry flags that are not settings (-Dganzhi.docs.write). */
    private static boolean fromSystemProperties(ConfigValue value) {
        return value.origin() != null && value.origin().description().startsWith("system properties");
    }

    private static ConfigError unknown(String path, String key, ConfigValue value, Set<String> known) {
        String name = path + "." + key;
        String where = value.origin() == null ? "" : " (" + value.origin().description() + ")";
        if (REPLACED.containsKey(name)) {
            return new ConfigError(name + where + " is no longer read; set " + REPLACED.get(name) + " instead");
        }
        String hint = closest(key, known).map(k -> "; did you mean " + path + "." + k + "? ").orElse(". ");
        return new ConfigError("unknown setting " + name + where + hint + "Known under " + path + ": "
                + String.join(", ", new TreeSet<>(known)));
    }

    /** The known key nearest to a misspelt one, if it is near enough to be the one meant. */
    private static Optional<String> closest(String key, Set<String> known) {
        return known.stream().min(Comparator.comparingInt(k -> distance(key, k)))
                .filter(k -> distance(key, k) <= Math.max(2, key.length() / 4));
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static Optional<ConfigObject> object(ConfigObject root, String path) {
        ConfigObject at = root;
        for (String part : path.split("\\.")) {
            ConfigValue next = at.get(part);
            if (!(next instanceof ConfigObject child)) {
                return Optional.empty();
            }
            at = child;
        }
        return Optional.of(at);
    }
}
