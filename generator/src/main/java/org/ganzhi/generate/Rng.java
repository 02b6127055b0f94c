package org.ganzhi.generate;

/**
 * Deterministic random numbers for the simulation: a SplitMix64 stream re-seeded from
 * (run seed, stream, entity, day). Every decision about a subscriber or cell draws from a stream
 * keyed by that entity, so the generated lake depends on the seed only, never on how Spark
 * partitions the work. One instance is reused for many entities ({@link #reseed}) to avoid
 * allocating per row; it is not thread-safe.
 */
final class Rng {
    /** Streams: independent sequences of one entity. Changing one stream's use leaves the others alone. */
    static final int PROFILE = 1;
    static final int VOICE = 2;
    static final int DATA = 3;
    static final int CARE = 4;
    static final int BILL = 5;
    static final int DELIVERY = 6;
    static final int FAMILY = 7;
    static final int CELL = 8;
    static final int OUTAGE = 9;
    static final int NUMBERING = 10;
    static final int REFERENCE_DELIVERY = 11;
    static final int PRODUCT = 12;
    static final int PRODUCT_DELIVERY = 13;
    static final int OUTCOME = 14;
    static final int FEEDBACK = 15;
    static final int FEEDBACK_DELIVERY = 16;
    static final int PRODUCT_VALIDATION = 17;
    static final int PRODUCT_VALIDATION_DELIVERY = 18;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    Rng() {
    }

    Rng(long seed, int stream, long entity, long day) {
        reseed(seed, stream, entity, day);
    }

    /** Restarts the stream of (seed, stream, entity, day). */
    Rng reseed(long seed, int stream, long entity, long day) {
        long h = mix(seed ^ 0x6A09E667F3BCC909L);
        h = mix(h ^ (stream * 0x9E3779B97F4A7C15L));
        h = mix(h ^ entity);
        h = mix(h ^ (day * 0xC2B2AE3D27D4EB4FL));
        state = h;
        hasSpare = false;
        return this;
    }

    /** SplitMix64's finaliser: a bijection of 64-bit values with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** Uniform in [low, high]. */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    double uniform(double low, double high) {
        return low + (high - low) * nextDouble();
    }

    double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double factor = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * factor;
        hasSpare = true;
        return u * factor;
    }

    /** Lognormal with the given median and log-sd. */
    double lognormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    /** Lognormal with mean 1: a usage multiplier with a heavy right tail. */
    double unitLognormal(double sigma) {
        return Math.exp(sigma * gaussian() - sigma * sigma / 2);
    }

    int poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 40) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian()));
        }
        double limit = Math.exp(-mean);
        int k = 0;
        double product = nextDouble();
        while (product > limit) {
            k++;
            product *= nextDouble();
        }
        return k;
    }

    /** Index drawn with the given cumulative weights (last element = total). */
    int pick(double[] cumulative) {
        double u = nextDouble() * cumulative[cumulative.length - 1];
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > u) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    static double[] cumulative(double[] weights) {
        double[] c = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += Math.max(0, weights[i]);
            c[i] = sum;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("weights must not all be zero");
        }
        return c;
    }
}
