package org.ganzhi.upkeep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.ganzhi.common.GanzhiException;
import org.ganzhi.config.GanzhiConfig;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ganzhi.maintain: how long VACUUM keeps unreferenced files, how many days each layer keeps, and
 * how many tables maintain and erase work on at once.
 *
 * @param vacuumRetentionHours files no version younger than this reads are deleted by VACUUM
 * @param retentionDays        layer (landing, silver, ...) → days kept; only positive values, the
 *                             other layers keep everything
 * @param tablesAtOnce         tables maintained or erased at the same time (1: one after the other)
 */
public record MaintainSettings(int vacuumRetentionHours, Map<String, Integer> retentionDays, int tablesAtOnce) {
    /** Delta's default retention: its own guard for readers and writers still using older versions. */
    public static final int DELTA_SAFETY_HOURS = 168;
    private static final String PREFIX = "ganzhi.maintain";

    public MaintainSettings {
        retentionDays = Map.copyOf(retentionDays);
    }

    /** The settings, refused when the vacuum retention would delete files late data may still need. */
    public static MaintainSettings from(GanzhiConfig config) {
        Config raw = config.raw();
        try {
            int hours = raw.getInt(PREFIX + ".vacuum-retention-hours");
            requireSafeVacuumRetention(hours, lateDataWindowHours(config));
            Map<String, Integer> days = new TreeMap<>();
            Config layers = raw.getConfig(PREFIX + ".retention-days");
            for (String layer : layers.root().keySet()) {
                int kept = layers.getInt(layer);
                if (kept < 0) {
                    throw new GanzhiException(PREFIX + ".retention-days." + layer + " is " + kept
                            + "; a retention is a number of days, 0 to keep the layer forever.");
                }
                if (kept > 0) {
                    days.put(layer, kept);
                }
            }
            int tablesAtOnce = raw.getInt(PREFIX + ".tables-at-once");
            if (tablesAtOnce < 1) {
                throw new GanzhiException(PREFIX + ".tables-at-once is " + tablesAtOnce + "; it must be at least 1.");
            }
            return new MaintainSettings(hours, days, tablesAtOnce);
        } catch (ConfigException e) {
            throw new GanzhiException("the " + PREFIX + " settings cannot be read: " + e.getMessage()
                    + ". Set vacuum-retention-hours to a whole number of hours and each retention-days entry to a whole number of days.", e);
        }
    }

    /**
     * The late-data window in hours: a delivery may carry rows this old, and features recomputes
     * the days they touch (ganzhi.features.recompute-days), so their versions must stay readable.
     */
    public static int lateDataWindowHours(GanzhiConfig config) {
        return config.raw().getInt("ganzhi.features.recompute-days") * 24;
    }

    static void requireSafeVacuumRetention(int hours, int lateWindowHours) {
        if (hours < lateWindowHours) {
            throw new GanzhiException(PREFIX + ".vacuum-retention-hours is " + hours + " h, shorter than the late-data "
                    + "window of " + lateWindowHours + " h (ganzhi.features.recompute-days x 24): VACUUM would delete "
                    + "files of versions a rerun over late rows still reads. Set it to at least " + lateWindowHours + ".");
        }
        if (hours < DELTA_SAFETY_HOURS) {
            throw new GanzhiException(PREFIX + ".vacuum-retention-hours is " + hours + " h, below Delta's safety floor of "
                    + DELTA_SAFETY_HOURS + " h: a query or write still running on an older version could lose its files. "
                    + "Set it to at least " + DELTA_SAFETY_HOURS + ".");
        }
    }

    /** Days the layer keeps, empty when it keeps everything. */
    public Optional<Integer> daysKept(String layer) {
        return Optional.ofNullable(retentionDays.get(layer));
    }

    /** The first day the layer keeps on run date {@code date}: partitions before it are aged out. */
    public Optional<LocalDate> firstDayKept(String layer, LocalDate date) {
        return daysKept(layer).map(days -> date.minusDays(days));
    }
}
