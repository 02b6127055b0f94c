package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;
import org.ganzhi.generate.Planted.Cause;

import java.util.Arrays;
import java.util.List;

/**
 * Reading and validating the generator's settings: shares, ranges and weights from
 * {@code ganzhi.generate}, each refused with a {@link ConfigError} that names the setting.
 * Weights come back as cumulative arrays where the simulation picks with {@link Rng#pick}.
 */
final class SettingsReading {
    static final String ROOT = "ganzhi.generate";

    private SettingsReading() {
    }

    static int positiveInt(Config c, String path) {
        int value = c.getInt(path);
        if (value <= 0) {
            throw new ConfigError(ROOT + "." + path + " must be positive, got " + value);
        }
        return value;
    }

    static double share(Config c, String path) {
        double value = c.getDouble(path);
        if (value < 0 || value > 1) {
            throw new ConfigError("ganzhi.generate setting '" + path + "'" + " must be a share between 0 and 1, got " + value);
        }
        return value;
    }

    static double[] range(Config c, String path) {
        List<Double> values = c.getDoubleList(path);
        if (values.size() != 2 || values.get(0) > values.get(1)) {
            throw new ConfigError("ganzhi.generate setting '" + path + "'" + " must be [low, high], got " + values);
        }
        return new double[]{values.get(0), values.get(1)};
    }

    /** Weights of the given keys from an object; a key not listed is an error, a missing key weighs 0. */
    static double[] weights(Config c, String path, List<String> keys) {
        Config object = c.getConfig(path);
        double[] w = new double[keys.size()];
        for (String key : object.root().keySet()) {
            int i = keys.indexOf(key);
            if (i < 0) {
                throw new ConfigError("ganzhi.generate setting '" + path + "'" + ": unknown key '" + key + "' (expected some of " + keys + ")");
            }
            w[i] = object.getDouble("\"" + key + "\"");
            if (w[i] < 0) {
                throw new ConfigError("ganzhi.generate setting '" + path + "." + key + "'" + " must not be negative");
            }
        }
        return w;
    }

    /** Shares (0..1) of the given keys from an object; a missing key has share 0. */
    static double[] shares(Config c, String path, List<String> keys) {
        double[] w = weights(c, path, keys);
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 1) {
                throw new ConfigError("ganzhi.generate setting '" + path + "." + keys.get(i) + "'" + " must be a share between 0 and 1, got " + w[i]);
            }
        }
        return w;
    }

    /** Whole hours per key, at least one. */
    static int[] hours(Config c, String path, List<String> keys) {
        double[] weights = weights(c, path, keys);
        int[] hours = new int[weights.length];
        for (int i = 0; i < weights.length; i++) {
            hours[i] = (int) Math.max(1, Math.round(weights[i]));
        }
        return hours;
    }

    static double[] cumulative(Config c, String path, List<String> keys) {
        try {
            return Rng.cumulative(weights(c, path, keys));
        } catch (IllegalArgumentException e) {
            throw new ConfigError("ganzhi.generate setting '" + path + "'" + ": the weights must not all be zero");
        }
    }

    static double[] cumulativeList(Config c, String path, int size, String where) {
        List<Double> values = c.getDoubleList(path);
        if (values.size() != size) {
            throw new ConfigError(where + "." + path + " needs " + size + " weights, got " + values.size());
        }
        try {
            return Rng.cumulative(values.stream().mapToDouble(Double::doubleValue).toArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigError(where + "." + path + ": the weights must not all be zero");
        }
    }

    static <E extends Enum<E>> double[] enumWeights(Config c, String path, Class<E> type, double missing) {
        E[] constants = type.getEnumConstants();
        double[] w = new double[constants.length];
        Arrays.fill(w, missing);
        Config object = c.getConfig(path);
        for (String key : object.root().keySet()) {
            w[parseEnum(type, key, "ganzhi.generate setting '" + path + "'").ordinal()] = object.getDouble(key);
        }
        return w;
    }

    /** Per cause, with a 'default' entry for the causes not listed. */
    static double[] enumWeightsWithDefault(Config c, String path) {
        Config object = c.getConfig(path);
        double fallback = object.hasPath("default") ? object.getDouble("default") : 0;
        double[] w = new double[Cause.values().length];
        Arrays.fill(w, fallback);
        for (String key : object.root().keySet()) {
            if (!key.equals("default")) {
                w[parseEnum(Cause.class, key, "ganzhi.generate setting '" + path + "'").ordinal()] = object.getDouble(key);
            }
        }
        return w;
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String key, String where) {
        try {
            return Enum.valueOf(type, key);
        } catch (IllegalArgumentException e) {
            throw new ConfigError(where + ": unknown key '" + key + "' (expected one of "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }
}
