package org.ganzhi.publish;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.ganzhi.config.SourceContract;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ganzhi.publish, with the operator's time zone: the reporting window, the minimum number of
 * subscribers a reported row must describe, the repeat-complaint horizon and which channels are
 * traditional or digital.
 *
 * @param timezone            operator time zone: window days are calendar days in it
 * @param windowDays          days in the window ending on the run date (inclusive)
 * @param minSubscribers      k of the minimum-count redaction
 * @param repeatDays          a complaint is a repeat when the same subscriber opened one of the same
 *                            category within this many days before it
 * @param traditionalChannels channels whose channel_kind is TRADITIONAL
 * @param digitalChannels     channels whose channel_kind is DIGITAL
 */
public record PublishSettings(String timezone, int windowDays, int minSubscribers, int repeatDays,
                              List<String> traditionalChannels, List<String> digitalChannels) implements Serializable {

    public static PublishSettings from(GanzhiConfig config) {
        String where = "ganzhi.publish";
        try {
            Config c = config.raw().getConfig(where);
            int windowDays = atLeastOne(c, "window-days");
            int minSubscribers = atLeastOne(c, "min-subscribers");
            int repeatDays = atLeastOne(c, "repeat-days");
            List<String> traditional = List.copyOf(c.getStringList("traditional-channels"));
            List<String> digital = List.copyOf(c.getStringList("digital-channels"));
            Set<String> both = new HashSet<>(traditional);
            both.retainAll(digital);
            if (!both.isEmpty()) {
                throw new ConfigError(where + ": channels " + both.stream().sorted().toList()
                        + " are in both traditional-channels and digital-channels; a channel has one kind");
            }
            // A channel added to the contract but to neither list would get no kind and silently
            // drop out of the traditional vs digital comparison, so it fails here instead.
            SourceContract interactions = config.sources().get("service_interaction");
            if (interactions != null && interactions.columnNames().contains("channel")) {
                List<String> unclassified = new ArrayList<>(interactions.column("channel").values());
                unclassified.removeAll(traditional);
                unclassified.removeAll(digital);
                if (!unclassified.isEmpty()) {
                    throw new ConfigError(where + ": service_interaction channels " + unclassified
                            + " are in neither traditional-channels nor digital-channels");
                }
            }
            return new PublishSettings(config.operator().timezone().getId(), windowDays, minSubscribers, repeatDays,
                    traditional, digital);
        } catch (ConfigException e) {
            throw new ConfigError(e.getMessage());
        }
    }

    /** First operator-local day of the window that ends on {@code date}. */
    public LocalDate windowStart(LocalDate date) {
        return date.minusDays(windowDays - 1L);
    }

    private static int atLeastOne(Config c, String key) {
        int value = c.getInt(key);
        if (value < 1) {
            throw new ConfigError("ganzhi.publish." + key + " must be at least 1, got " + value);
        }
        return value;
    }
}
