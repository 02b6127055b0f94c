package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;
import org.ganzhi.generate.Planted.Persona;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.enumWeights;
import static org.ganzhi.generate.SettingsReading.positiveInt;
import static org.ganzhi.generate.SettingsReading.range;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code product-funnel}: per-product contact rates and stage conversions, timing and channels. */
final class ProductFunnelSettings implements Serializable {
    /** Product ids of the adoption funnel, sorted; the arrays below are indexed like this list. */
    List<String> products;
    double[] productContactsPerDay;
    /** [product][stage]: conversion of FUNNEL_STAGES[stage] from the stage before (stage 0 unused). */
    double[][] productConversion;
    double[] productPersonaFactor;
    int productRecontactDays;
    /** [stage][low, high] days from the stage before (stage 0 unused). */
    int[][] productDelayDays;
    double productRepeatUse;
    int[] productRepeatUseDays;
    /** [stage] → cumulative weights over PRODUCT_CHANNELS. */
    double[][] productChannelCumulative;

    static ProductFunnelSettings read(Config f) {
        String where = ROOT + ".product-funnel";
        List<String> stages = Planted.FUNNEL_STAGES;
        ProductFunnelSettings s = new ProductFunnelSettings();
        Config products = f.getConfig("products");
        s.products = products.root().keySet().stream().sorted().toList();
        if (s.products.isEmpty()) {
            throw new ConfigError(where + ".products must name at least one product");
        }
        s.productContactsPerDay = new double[s.products.size()];
        s.productConversion = new double[s.products.size()][stages.size()];
        for (int i = 0; i < s.products.size(); i++) {
            Config product = products.getConfig("\"" + s.products.get(i) + "\"");
            s.productContactsPerDay[i] = share(product, "contacts-per-day");
            for (int stage = 1; stage < stages.size(); stage++) {
                s.productConversion[i][stage] = share(product, stages.get(stage).toLowerCase(Locale.ROOT));
            }
        }
        if (f.hasPath("persona-factors")) {
            s.productPersonaFactor = enumWeights(f, "persona-factors", Persona.class, 1.0);
        } else {
            s.productPersonaFactor = new double[Persona.values().length];
            Arrays.fill(s.productPersonaFactor, 1.0);
        }
        for (double factor : s.productPersonaFactor) {
            if (factor < 0) {
                throw new ConfigError(where + ".persona-factors must not be negative");
            }
        }
        s.productRecontactDays = positiveInt(f, "recontact-days");
        s.productDelayDays = new int[stages.size()][];
        for (int stage = 1; stage < stages.size(); stage++) {
            double[] days = range(f, "delay-days." + stages.get(stage).toLowerCase(Locale.ROOT));
            if (days[0] < 0) {
                throw new ConfigError(where + ".delay-days must not be negative");
            }
            s.productDelayDays[stage] = new int[]{(int) days[0], (int) days[1]};
        }
        s.productRepeatUse = share(f, "repeat-use");
        double[] repeatDays = range(f, "repeat-use-days");
        if (repeatDays[0] < 1) {
            throw new ConfigError(where + ".repeat-use-days must start at 1 or later (a repeated use is on a later day)");
        }
        s.productRepeatUseDays = new int[]{(int) repeatDays[0], (int) repeatDays[1]};
        s.productChannelCumulative = new double[stages.size()][];
        for (int stage = 0; stage < stages.size(); stage++) {
            s.productChannelCumulative[stage] = cumulative(f, "channels." + stages.get(stage), Planted.PRODUCT_CHANNELS);
        }
        return s;
    }

    /**
     * The conversion of each stage from the one before over all subscribers, as the planted rates
     * and persona factors imply it: contacts do not depend on the persona, so the subscribers
     * made aware are mixed by the persona shares, and each later stage keeps more of the
     * personas that convert more readily. [product][stage]; stage 0 is NaN.
     */
    double[][] expectedProductConversion(PersonaSettings[] personaSettings) {
        int personas = Persona.values().length;
        double[][] expected = new double[products.size()][Planted.FUNNEL_STAGES.size()];
        for (int i = 0; i < products.size(); i++) {
            double[] mass = new double[personas];
            for (int q = 0; q < personas; q++) {
                mass[q] = personaSettings[q].share;
            }
            expected[i][0] = Double.NaN;
            for (int stage = 1; stage < expected[i].length; stage++) {
                double before = 0;
                double after = 0;
                for (int q = 0; q < personas; q++) {
                    before += mass[q];
                    mass[q] *= productConversion(i, stage, q);
                    after += mass[q];
                }
                expected[i][stage] = before > 0 ? after / before : 0;
            }
        }
        return expected;
    }

    /** Chance that a subscriber of the persona (ordinal) goes on from the stage before to {@code stage}. */
    double productConversion(int product, int stage, int persona) {
        return Math.min(1, productConversion[product][stage] * productPersonaFactor[persona]);
    }
}
