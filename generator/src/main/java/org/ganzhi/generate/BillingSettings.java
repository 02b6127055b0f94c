package org.ganzhi.generate;

import com.typesafe.config.Config;

import java.io.Serializable;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.cumulative;
import static org.ganzhi.generate.SettingsReading.enumWeightsWithDefault;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code billing}: when bills fall due and are exported, what overage costs, shock bills and how bills are paid. */
final class BillingSettings implements Serializable {
    int dueDays;
    int exportDelayDays;
    double dataOveragePerGb;
    double voiceOveragePerMin;
    double[] billShockShare;
    double shockDisputeShare;
    double[] paymentCumulative;
    double billRoamingShare;

    static BillingSettings read(Config b) {
        BillingSettings s = new BillingSettings();
        s.dueDays = b.getInt("due-days");
        s.exportDelayDays = b.getInt("export-delay-days");
        s.dataOveragePerGb = b.getDouble("data-overage-per-gb");
        s.voiceOveragePerMin = b.getDouble("voice-overage-per-min");
        s.billShockShare = enumWeightsWithDefault(b, "shock-share");
        s.shockDisputeShare = share(b, "shock-dispute-share");
        s.paymentCumulative = cumulative(b, "payment", List.of("on-time", "late", "partial", "unpaid"));
        s.billRoamingShare = share(b, "roaming-share");
        return s;
    }
}
