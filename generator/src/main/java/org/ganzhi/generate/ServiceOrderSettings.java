package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.generate.Planted.Cause;
import org.ganzhi.generate.Planted.Persona;

import java.io.Serializable;

import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.enumWeights;
import static org.ganzhi.generate.SettingsReading.hours;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code service-orders}: how often subscribers order what, what was promised, and how often it is late. */
final class ServiceOrderSettings implements Serializable {
    double ordersPerDay;
    double[] orderTypeCumulative;
    int[] orderPromisedHours;
    double[] orderCauseFactor;
    double[] orderPlanChangePersonaFactor;
    double orderLateShare;
    double processLateShare;
    int orderLookbackDays;

    static ServiceOrderSettings read(Config o) {
        ServiceOrderSettings s = new ServiceOrderSettings();
        s.ordersPerDay = o.getDouble("per-day");
        s.orderTypeCumulative = cumulative(o, "types", Planted.ORDER_TYPES);
        s.orderPromisedHours = hours(o, "promised-hours", Planted.ORDER_TYPES);
        s.orderCauseFactor = enumWeights(o, "cause-factors", Cause.class, 1.0);
        s.orderPlanChangePersonaFactor = enumWeights(o, "persona-plan-change", Persona.class, 1.0);
        s.orderLateShare = share(o, "late-share");
        s.processLateShare = share(o, "process-late-share");
        s.orderLookbackDays = o.getInt("lookback-days");
        return s;
    }
}
