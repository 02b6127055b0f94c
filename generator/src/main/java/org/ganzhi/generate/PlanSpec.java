package org.ganzhi.generate;

import com.typesafe.config.Config;
import org.ganzhi.config.ConfigError;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

import static org.ganzhi.generate.SettingsReading.ROOT;

/** A tariff plan of the catalogue. */
record PlanSpec(String id, String name, String type, double fee, long dataMb, int voiceMin, boolean familyShare,
                String segment, boolean needs5g) implements Serializable {
    boolean prepaid() {
        return type.equals("PREPAID");
    }

    /** {@code plans}: every segment and both payment types must be on offer. */
    static List<PlanSpec> readAll(Config c) {
        List<PlanSpec> plans = new ArrayList<>();
        for (Config p : c.getConfigList("plans")) {
            String segment = p.getString("segment");
            if (!Planted.PLAN_SEGMENTS.contains(segment)) {
                throw new ConfigError(ROOT + ".plans: plan " + p.getString("id") + " has unknown segment " + segment
                        + " (expected one of " + Planted.PLAN_SEGMENTS + ")");
            }
            String type = p.getString("type");
            if (!type.equals("PREPAID") && !type.equals("POSTPAID")) {
                throw new ConfigError(ROOT + ".plans: plan " + p.getString("id") + " type must be PREPAID or POSTPAID");
            }
            plans.add(new PlanSpec(p.getString("id"), p.getString("name"), type, p.getDouble("fee"),
                    p.getLong("data-mb"), p.getInt("voice-min"),
                    p.hasPath("family-share") && p.getBoolean("family-share"), segment,
                    p.hasPath("needs-5g") && p.getBoolean("needs-5g")));
        }
        for (String segment : List.of("BUDGET", "STANDARD", "PREMIUM")) {
            if (plans.stream().noneMatch(p -> p.segment().equals(segment))) {
                throw new ConfigError(ROOT + ".plans needs at least one plan of segment " + segment);
            }
        }
        if (plans.stream().noneMatch(p -> p.prepaid()) || plans.stream().noneMatch(p -> !p.prepaid())) {
            throw new ConfigError(ROOT + ".plans needs prepaid and postpaid plans");
        }
        return plans;
    }
}
