package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;
import org.ganzhi.generate.Planted.Persona;

import java.io.Serializable;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.cumulativeList;
import static org.ganzhi.generate.SettingsReading.share;
import static org.ganzhi.generate.SettingsReading.weights;

/** One persona's behaviour (see the comments in the generator's reference.conf). */
final class PersonaSettings implements Serializable {
    double share;
    double voice;
    double data;
    double care;
    double surveys;
    double callLength;
    double networkSensitivity;
    double billingSensitivity;
    double serviceSensitivity;
    double[] ageCumulative;
    double[] deviceCumulative;
    double highEndShare;
    double postpaidShare;
    double vasCharge;
    double discountShare;
    double[] appCumulative;
    double[] appWeights;
    double[] channelCumulative;
    double[] itemWeights;
    double itemSpread;

    /** {@code personas.<PERSONA>} of every persona, indexed by ordinal; service-item weights over {@code serviceItems}. */
    static PersonaSettings[] readAll(Config c, List<String> serviceItems) {
        PersonaSettings[] personas = new PersonaSettings[Persona.values().length];
        for (Persona persona : Persona.values()) {
            String path = "personas." + persona.name();
            if (!c.hasPath(path)) {
                throw new ConfigError(ROOT + "." + path + " is missing (every persona needs its settings)");
            }
            personas[persona.ordinal()] = read(c.getConfig(path), ROOT + "." + path, serviceItems);
        }
        return personas;
    }

    private static PersonaSettings read(Config p, String where, List<String> serviceItems) {
        PersonaSettings ps = new PersonaSettings();
        ps.share = p.getDouble("share");
        ps.voice = p.getDouble("voice");
        ps.data = p.getDouble("data");
        ps.care = p.getDouble("care");
        ps.surveys = p.getDouble("surveys");
        ps.callLength = p.getDouble("call-length");
        ps.networkSensitivity = p.getDouble("network-sensitivity");
        ps.billingSensitivity = p.getDouble("billing-sensitivity");
        ps.serviceSensitivity = p.getDouble("service-sensitivity");
        ps.ageCumulative = cumulativeList(p, "age-bands", Planted.AGE_BANDS.size(), where);
        ps.deviceCumulative = cumulativeList(p, "devices", Planted.DEVICE_TYPES.size(), where);
        ps.highEndShare = share(p, "high-end-share");
        ps.postpaidShare = share(p, "postpaid-share");
        ps.vasCharge = p.getDouble("vas-charge");
        ps.discountShare = share(p, "discount-share");
        ps.appWeights = weights(p, "apps", Planted.APPS);
        ps.appCumulative = Rng.cumulative(ps.appWeights);
        ps.channelCumulative = Rng.cumulative(weights(p, "channels", Planted.INTERACTION_CHANNELS));
        ps.itemWeights = p.hasPath("service-items") ? weights(p, "service-items", serviceItems) : new double[serviceItems.size()];
        ps.itemSpread = p.hasPath("service-items-spread") ? p.getDouble("service-items-spread") : 0;
        return ps;
    }

    /** Cumulative persona shares, for drawing a subscriber's persona. */
    static double[] cumulativeShares(PersonaSettings[] personas) {
        double[] shares = new double[personas.length];
        for (int i = 0; i < personas.length; i++) {
            shares[i] = personas[i].share;
        }
        return Rng.cumulative(shares);
    }
}
