package org.ganzhi.generate;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.generate.Planted.Cause;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.parseEnum;
import static org.ganzhi.generate.SettingsReading.positiveInt;
import static org.ganzhi.generate.SettingsReading.share;

/**
 * The generator's knobs, read and validated from {@code ganzhi.generate} (the generator's reference.conf)
 * before Spark starts. Each block of the configuration is read into its own settings class next to
 * this one; this class keeps the knobs of tasks and landing files, the subscriber mix (regions,
 * personas, experience causes, the plan and device catalogue) and the late and dirty deliveries.
 * Weights are kept as cumulative arrays ready for {@link Rng#pick}; fields are plain so the
 * per-row simulation reads them without lookups. Shipped to executors.
 */
final class GeneratorSettings implements Serializable {
    int subscribersPerPartition;
    int maxOpenFilesPerTask;
    int landingGzipLevel;
    double[] msisdnSpellingCumulative;

    List<Region> regions;
    double[] regionCumulative;
    PopulationSettings population;
    PersonaSettings[] personas;
    double[] personaCumulative;
    double[] causeShares;
    List<PlanSpec> plans;
    List<DeviceSpec> devices;

    UsageSettings usage;
    NetworkSettings network;
    CareSettings care;
    ComplaintSettings complaints;
    ServiceOrderSettings orders;
    BillingSettings billing;
    SurveySettings surveys;
    ProductFunnelSettings productFunnel;
    LifecycleSettings lifecycle;
    FeedbackSettings feedback;
    ProductValidationSettings productValidation;

    double lateShare;
    int maxLateDays;
    double dirtyShare;
    Map<String, Double> dirtySourceShares;

    static GeneratorSettings from(GanzhiConfig config) {
        try {
            return read(config.raw().getConfig(ROOT), config);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    private static GeneratorSettings read(Config c, GanzhiConfig config) {
        GeneratorSettings s = new GeneratorSettings();
        s.subscribersPerPartition = positiveInt(c, "subscribers-per-partition");
        s.maxOpenFilesPerTask = positiveInt(c, "max-open-files-per-task");
        s.landingGzipLevel = c.getInt("landing-gzip-level");
        if (s.landingGzipLevel < 1 || s.landingGzipLevel > 9) {
            throw new ConfigError(ROOT + ".landing-gzip-level must be 1..9");
        }
        s.msisdnSpellingCumulative = cumulative(c, "msisdn-spellings",
                List.of("national", "e164-plus", "e164", "international-00", "spaced", "dashed"));

        s.regions = Region.readAll(c);
        s.regionCumulative = Rng.cumulative(s.regions.stream().mapToDouble(Region::weight).toArray());
        s.population = PopulationSettings.read(c.getConfig("subscribers"));
        s.personas = PersonaSettings.readAll(c, CareSettings.serviceItems(config));
        s.personaCumulative = PersonaSettings.cumulativeShares(s.personas);
        s.causeShares = causeShares(c);

        s.usage = UsageSettings.read(c.getConfig("usage"));
        s.network = NetworkSettings.read(c.getConfig("network"));
        s.care = CareSettings.read(c, config, s.personas);
        s.complaints = ComplaintSettings.read(c.getConfig("complaints"));
        s.orders = ServiceOrderSettings.read(c.getConfig("service-orders"));
        s.billing = BillingSettings.read(c.getConfig("billing"));
        s.surveys = SurveySettings.read(c.getConfig("surveys"));
        s.productFunnel = ProductFunnelSettings.read(c.getConfig("product-funnel"));
        s.lifecycle = LifecycleSettings.read(c.getConfig("lifecycle"));
        s.feedback = FeedbackSettings.read(c.getConfig("feedback"), s.productFunnel.products, s.care.serviceItems);
        s.productValidation = ProductValidationSettings.read(c.getConfig("product-validation"), s.productFunnel.products);

        s.readDeliveries(c);
        s.plans = PlanSpec.readAll(c);
        s.devices = DeviceSpec.readAll(c);
        return s;
    }

    /** {@code experience.cause-shares}: the drawn causes; NONE is the rest, NETWORK follows the bad cells. */
    private static double[] causeShares(Config c) {
        double[] shares = new double[Cause.values().length];
        Config causes = c.getConfig("experience.cause-shares");
        double causeTotal = 0;
        for (String key : causes.root().keySet()) {
            Cause cause = parseEnum(Cause.class, key, ROOT + ".experience.cause-shares");
            if (cause == Cause.NONE || cause == Cause.NETWORK) {
                throw new ConfigError(ROOT + ".experience.cause-shares: " + cause
                        + " is not drawn (NONE is the rest, NETWORK is the subscribers of bad cells)");
            }
            shares[cause.ordinal()] = share(causes, key);
            causeTotal += shares[cause.ordinal()];
        }
        if (causeTotal >= 1) {
            throw new ConfigError(ROOT + ".experience.cause-shares must add up to less than 1 (the rest is NONE)");
        }
        return shares;
    }

    /** {@code delivery} and {@code dirty}: late rows and defective rows, per kind and source. */
    private void readDeliveries(Config c) {
        lateShare = share(c, "delivery.late-share");
        maxLateDays = c.getInt("delivery.max-late-days");
        if (maxLateDays < 1 || maxLateDays > 30) {
            throw new ConfigError(ROOT + ".delivery.max-late-days must be 1..30");
        }
        dirtyShare = share(c, "dirty.share");
        dirtySourceShares = new HashMap<>();
        if (c.hasPath("dirty.source-shares")) {
            Config d = c.getConfig("dirty.source-shares");
            for (String source : d.root().keySet()) {
                dirtySourceShares.put(source, share(d, source));
            }
        }
        if (dirtyShare * 8 >= 1 || dirtySourceShares.values().stream().anyMatch(v -> v * 8 >= 1)) {
            throw new ConfigError(ROOT + ".dirty shares are per kind and must stay below 0.125");
        }
    }

    /** Dirty-row share per kind for a source. */
    double dirtyShare(String source) {
        return dirtySourceShares.getOrDefault(source, dirtyShare);
    }

    /** The funnel's expected stage conversions over all subscribers (see {@link ProductFunnelSettings}). */
    double[][] expectedProductConversion() {
        return productFunnel.expectedProductConversion(personas);
    }
}
