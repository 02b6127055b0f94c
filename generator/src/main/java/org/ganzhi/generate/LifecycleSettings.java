package org.ganzhi.generate;

import com.typesafe.config.Config;

import java.io.Serializable;

import static org.ganzhi.generate.SettingsReading.share;

/** {@code lifecycle}: who churns and how fast, how leavers behave before they go, and who is suspended. */
final class LifecycleSettings implements Serializable {
    double churnPerDayBad;
    double churnPerDayGood;
    double churnLightUserFactor;
    double churnLightActivity;
    double churnPrepaidFactor;
    int leavingDays;
    double portOutShare;
    double leavingUsageFloor;
    double leavingComplaintPerDay;
    double suspensionSharePrepaid;
    double suspensionSharePostpaid;

    static LifecycleSettings read(Config l) {
        LifecycleSettings s = new LifecycleSettings();
        s.churnPerDayBad = share(l, "churn-per-day.bad-experience");
        s.churnPerDayGood = share(l, "churn-per-day.good-experience");
        s.churnLightUserFactor = l.getDouble("churn-factors.light-user");
        s.churnLightActivity = l.getDouble("churn-factors.light-activity");
        s.churnPrepaidFactor = l.getDouble("churn-factors.prepaid");
        s.leavingDays = l.getInt("leaving.days");
        s.portOutShare = share(l, "port-out-share");
        s.leavingUsageFloor = share(l, "leaving.usage-floor");
        s.leavingComplaintPerDay = share(l, "leaving.complaint-per-day");
        if (s.churnLightUserFactor < 0 || s.churnPrepaidFactor < 0 || s.leavingDays < 1) {
            throw new IllegalArgumentException("ganzhi.generate.lifecycle: churn factors must not be negative and leaving.days "
                    + "must be at least 1");
        }
        s.suspensionSharePrepaid = share(l, "suspension-share.PREPAID");
        s.suspensionSharePostpaid = share(l, "suspension-share.POSTPAID");
        return s;
    }
}
