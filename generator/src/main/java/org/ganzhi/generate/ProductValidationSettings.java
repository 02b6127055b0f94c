package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.positiveInt;
import static org.ganzhi.generate.SettingsReading.range;
import static org.ganzhi.generate.SettingsReading.share;

/**
 * {@code product-validation}: which products are evaluated in which phase, the planted weak
 * dimensions, how scores spread, who evaluates how and how often, and the empty scores and
 * comments (see the comments of {@code ganzhi.generate.product-validation}). Per-phase arrays
 * follow {@link Planted#VALIDATION_PHASES}, per-kind ones {@link Planted#EVALUATOR_KINDS},
 * per-dimension ones {@link Planted#VALIDATION_DIMENSIONS}.
 */
final class ProductValidationSettings implements Serializable {
    private static final String WHERE = ROOT + ".product-validation";

    /** Every evaluated product: the launched ones (the funnel's, sorted) first, then those in validation. */
    List<String> products;
    /** Per product: its phase, an index into {@link Planted#VALIDATION_PHASES}. */
    int[] phase;
    /** [product][dimension]: a planted weak dimension. */
    boolean[][] weak;
    double healthyMean;
    double weakMean;
    double scoreSd;
    double evaluatorSd;
    int riskyMinWeakDimensions;
    /** Per phase: Poisson mean of evaluations per product and day. */
    double[] evaluationsPerDay;
    /** [phase] → cumulative weights over EVALUATOR_KINDS. */
    double[][] evaluatorKindCumulative;
    /** [phase][kind] → cumulative weights over VALIDATION_METHODS. */
    double[][][] methodCumulative;
    /** [kind] → {first hour, hour after the last}. */
    int[][] hours;
    double unratedShare;
    double commentShare;
    int negativeCommentAtMost;
    /** Cumulative weights over {@link ProductValidationPhrases#LANGUAGES}. */
    double[] commentLanguageCumulative;

    /**
     * One row of truth/product_validation: a product's dimension as planted. scoreCentre is the
     * configured centre, plantedMean the mean score the planted distribution gives once rounded
     * and clipped to 1-5 (what a measurement over many evaluations should find).
     */
    record TruthRow(String productId, String phase, String dimension, boolean weak, double scoreCentre,
                    double plantedMean, boolean risky) {
    }

    /** @param launched the product funnel's products: the launched ones */
    static ProductValidationSettings read(Config v, List<String> launched) {
        ProductValidationSettings s = new ProductValidationSettings();
        List<String> inValidation = v.getStringList("products-in-validation");
        s.products = new ArrayList<>(launched);
        for (String product : inValidation) {
            if (s.products.contains(product)) {
                throw new ConfigError(WHERE + ".products-in-validation: " + product
                        + " is launched (a product of product-funnel.products) or listed twice; a product is in one phase");
            }
            s.products.add(product);
        }
        s.products = List.copyOf(s.products);
        s.phase = new int[s.products.size()];
        for (int p = 0; p < s.phase.length; p++) {
            s.phase[p] = p < launched.size() ? Planted.POST_LAUNCH : Planted.PRE_LAUNCH;
        }
        s.weak = readWeakDimensions(v, s.products);
        s.healthyMean = score(v, "healthy-mean");
        s.weakMean = score(v, "weak-mean");
        if (s.weakMean >= s.healthyMean) {
            throw new ConfigError(WHERE + ".weak-mean must be below healthy-mean");
        }
        s.scoreSd = spread(v, "score-sd");
        s.evaluatorSd = spread(v, "evaluator-sd");
        s.riskyMinWeakDimensions = positiveInt(v, "risky-min-weak-dimensions");

        List<String> phases = Planted.VALIDATION_PHASES;
        List<String> kinds = Planted.EVALUATOR_KINDS;
        s.evaluationsPerDay = new double[phases.size()];
        s.evaluatorKindCumulative = new double[phases.size()][];
        s.methodCumulative = new double[phases.size()][kinds.size()][];
        for (int phase = 0; phase < phases.size(); phase++) {
            String path = "phases." + phases.get(phase);
            s.evaluationsPerDay[phase] = v.getDouble(path + ".evaluations-per-day");
            if (s.evaluationsPerDay[phase] < 0 || s.evaluationsPerDay[phase] > 1000) {
                throw new ConfigError(WHERE + "." + path + ".evaluations-per-day must be 0..1000, got "
                        + s.evaluationsPerDay[phase]);
            }
            s.evaluatorKindCumulative[phase] = cumulative(v, path + ".evaluator-kinds", kinds);
            for (int kind = 0; kind < kinds.size(); kind++) {
                // A kind that never evaluates in this phase needs no methods.
                String methods = path + ".methods." + kinds.get(kind);
                s.methodCumulative[phase][kind] = v.hasPath(methods) ? cumulative(v, methods, Planted.VALIDATION_METHODS)
                        : Rng.cumulative(new double[]{1});
            }
        }
        s.hours = new int[kinds.size()][];
        for (int kind = 0; kind < kinds.size(); kind++) {
            double[] hours = range(v, "hours." + kinds.get(kind));
            if (hours[0] < 0 || hours[1] > 24 || hours[0] >= hours[1]) {
                throw new ConfigError(WHERE + ".hours." + kinds.get(kind)
                        + " must be [from, to) hours with 0 <= from < to <= 24");
            }
            s.hours[kind] = new int[]{(int) hours[0], (int) hours[1]};
        }
        s.unratedShare = share(v, "unrated-share");
        if (s.unratedShare >= 1) {
            throw new ConfigError(WHERE + ".unrated-share must be below 1: an evaluation rates something");
        }
        s.commentShare = share(v, "comment-share");
        s.negativeCommentAtMost = v.getInt("negative-comment-at-most");
        s.commentLanguageCumulative = cumulative(v, "comment-languages", ProductValidationPhrases.LANGUAGES);
        return s;
    }

    private static boolean[][] readWeakDimensions(Config v, List<String> products) {
        boolean[][] weak = new boolean[products.size()][Planted.VALIDATION_DIMENSIONS.size()];
        Config byProduct = v.getConfig("weak-dimensions");
        for (String product : byProduct.root().keySet()) {
            int p = products.indexOf(product);
            if (p < 0) {
                throw new ConfigError(WHERE + ".weak-dimensions: unknown product '" + product + "' (expected some of "
                        + products + ")");
            }
            for (String dimension : byProduct.getStringList("\"" + product + "\"")) {
                int d = Planted.VALIDATION_DIMENSIONS.indexOf(dimension);
                if (d < 0) {
                    throw new ConfigError(WHERE + ".weak-dimensions." + product + ": unknown dimension '" + dimension
                            + "' (expected some of " + Planted.VALIDATION_DIMENSIONS + ")");
                }
                weak[p][d] = true;
            }
        }
        return weak;
    }

    private static double score(Config v, String path) {
        double value = v.getDouble(path);
        if (value < 1 || value > 5) {
            throw new ConfigError(WHERE + "." + path + " must be a score between 1 and 5, got " + value);
        }
        return value;
    }

    private static double spread(Config v, String path) {
        double value = v.getDouble(path);
        if (value < 0 || value > 3) {
            throw new ConfigError(WHERE + "." + path + " must be between 0 and 3, got " + value);
        }
        return value;
    }

    /** The centre of a product's dimension. */
    double centre(int product, int dimension) {
        return weak[product][dimension] ? weakMean : healthyMean;
    }

    int weakDimensions(int product) {
        int n = 0;
        for (boolean w : weak[product]) {
            n += w ? 1 : 0;
        }
        return n;
    }

    /** A product in validation with at least risky-min-weak-dimensions weak dimensions; never a launched one. */
    boolean risky(int product) {
        return phase[product] == Planted.PRE_LAUNCH && weakDimensions(product) >= riskyMinWeakDimensions;
    }

    /** One row per product and dimension, products in settings order, dimensions in contract order. */
    List<TruthRow> truth() {
        List<TruthRow> rows = new ArrayList<>();
        for (int p = 0; p < products.size(); p++) {
            for (int d = 0; d < Planted.VALIDATION_DIMENSIONS.size(); d++) {
                rows.add(new TruthRow(products.get(p), Planted.VALIDATION_PHASES.get(phase[p]),
                        Planted.VALIDATION_DIMENSIONS.get(d), weak[p][d], centre(p, d),
                        TruthJson.round(expectedScore(centre(p, d)), 4), risky(p)));
            }
        }
        return rows;
    }

    /**
     * The mean of round(centre + N(0, score-sd² + evaluator-sd²)) clipped to 1-5: the leniency
     * is shared by an evaluation's scores, but each score alone is one normal draw of the two
     * spreads together. Rounding is half up, so score k takes [k - 0.5, k + 0.5).
     */
    double expectedScore(double centre) {
        double sd = Math.sqrt(scoreSd * scoreSd + evaluatorSd * evaluatorSd);
        if (sd == 0) {
            return Math.max(1, Math.min(5, Math.round(centre)));
        }
        double mean = 0;
        double below = 0;
        for (int k = 1; k <= 5; k++) {
            double upTo = k == 5 ? 1 : normalCdf((k + 0.5 - centre) / sd);
            mean += k * (upTo - below);
            below = upTo;
        }
        return mean;
    }

    /** Φ(z) from the well-known Chebyshev fit of the complementary error function (fractional error below 1.2e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.5 * x);
        double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return z >= 0 ? 1 - erfc / 2 : erfc / 2;
    }
}
