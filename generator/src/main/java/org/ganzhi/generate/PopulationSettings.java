package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;

import static org.ganzhi.generate.SettingsReading.ROOT;
import static org.ganzhi.generate.SettingsReading.positiveInt;
import static org.ganzhi.generate.SettingsReading.share;

/** {@code subscribers}: tenure, enterprise and family membership, and the bill cycle days of the subscriber base. */
final class PopulationSettings implements Serializable {
    double onboardingShare;
    int maxTenureYears;
    double enterpriseShare;
    double familyShare;
    double familyPlanShare;
    int billCycleDays;

    static PopulationSettings read(Config sub) {
        PopulationSettings s = new PopulationSettings();
        s.onboardingShare = share(sub, "onboarding-share");
        s.maxTenureYears = positiveInt(sub, "max-tenure-years");
        s.enterpriseShare = share(sub, "enterprise-share");
        s.familyShare = share(sub, "family-share");
        s.familyPlanShare = share(sub, "family-plan-share");
        s.billCycleDays = sub.getInt("bill-cycle-days");
        if (s.billCycleDays < 1 || s.billCycleDays > 28) {
            throw new ConfigError(ROOT + ".subscribers.bill-cycle-days must be 1..28");
        }
        return s;
    }
}
