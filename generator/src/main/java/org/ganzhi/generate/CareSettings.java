package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Persona;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.enumWeights;
import static org.ganzhi.generate.SettingsReading.share;
import static org.ganzhi.generate.SettingsReading.weights;

/** {@code care}: service interactions, what they are about, through which channel, and how they end. */
final class CareSettings implements Serializable {
    List<String> serviceItems;
    Map<String, String> serviceItemClass;
    double interactionsPerDay;
    double[][] itemCumulative;       // [persona] → cumulative weights over serviceItems
    double[][] causeItemCumulative;  // [cause] → cumulative weights over serviceItems (null: no such contacts)
    double[] causeContactsPerDay;
    double lowBalanceReminderPerDay;
    double[] handleTimeSeconds;
    double handleTimeSigma;
    double[] outcomesGoodCumulative;
    double[] outcomesBadCumulative;
    double satisfactionShare;

    /** The service items of the contract, sorted: the index every item weight uses. */
    static List<String> serviceItems(GanzhiConfig config) {
        return config.serviceItemClasses().keySet().stream().sorted().toList();
    }

    /** Reads {@code care} from the generator's root; the personas' own item weights add to the base ones. */
    static CareSettings read(Config c, GanzhiConfig config, PersonaSettings[] personas) {
        CareSettings s = new CareSettings();
        s.serviceItems = serviceItems(config);
        s.serviceItemClass = Map.copyOf(config.serviceItemClasses());
        double[] baseItems = weights(c, "care.service-items", s.serviceItems);
        s.causeItemCumulative = new double[Cause.values().length][];
        for (Cause cause : Cause.values()) {
            String path = "care.cause-items." + cause.name();
            s.causeItemCumulative[cause.ordinal()] = c.hasPath(path) ? Rng.cumulative(weights(c, path, s.serviceItems)) : null;
        }
        s.itemCumulative = s.personaItemCumulative(baseItems, personas);

        Config care = c.getConfig("care");
        s.interactionsPerDay = care.getDouble("interactions-per-day");
        s.causeContactsPerDay = enumWeights(care, "cause-contacts-per-day", Cause.class, 0.0);
        for (Cause cause : Cause.values()) {
            if (s.causeContactsPerDay[cause.ordinal()] > 0 && s.causeItemCumulative[cause.ordinal()] == null) {
                throw new ConfigError(ROOT + ".care.cause-items." + cause.name() + " is missing (" + cause.name()
                        + " has cause contacts)");
            }
        }
        s.lowBalanceReminderPerDay = share(care, "low-balance-reminder-per-day");
        s.handleTimeSeconds = weights(care, "handle-time-s", Planted.INTERACTION_CHANNELS);
        s.handleTimeSigma = care.getDouble("handle-time-sigma");
        s.outcomesGoodCumulative = cumulative(care, "outcomes-good", Planted.OUTCOMES);
        s.outcomesBadCumulative = cumulative(care, "outcomes-bad", Planted.OUTCOMES);
        s.satisfactionShare = share(care, "satisfaction-share");
        return s;
    }

    private double[][] personaItemCumulative(double[] baseItems, PersonaSettings[] personas) {
        double[][] cumulative = new double[Persona.values().length][];
        for (Persona persona : Persona.values()) {
            double[] w = new double[serviceItems.size()];
            PersonaSettings ps = personas[persona.ordinal()];
            for (int i = 0; i < w.length; i++) {
                w[i] = baseItems[i] + ps.itemWeights[i] + ps.itemSpread;
                // Reminders are sent by the operator, not asked for: the spread of a SERVICE
                // persona does not make them more frequent.
                if (serviceItemClass.get(serviceItems.get(i)).equals("REMINDER")) {
                    w[i] -= ps.itemSpread;
                }
            }
            cumulative[persona.ordinal()] = Rng.cumulative(w);
        }
        return cumulative;
    }
}
