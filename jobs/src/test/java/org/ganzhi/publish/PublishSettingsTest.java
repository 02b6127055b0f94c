package org.ganzhi.publish;

import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ganzhi.publish is read with its defaults and rejected with a message naming the setting. */
class PublishSettingsTest {

    @Test
    void defaults() {
        PublishSettings s = PublishSettings.from(GanzhiConfig.defaults());
        assertEquals("Asia/Shanghai", s.timezone());
        assertEquals(30, s.windowDays());
        assertEquals(10, s.minSubscribers());
        assertEquals(30, s.repeatDays());
        assertEquals(List.of("HOTLINE", "STORE"), s.traditionalChannels());
        assertEquals(List.of("ONLINE", "APP", "SOCIAL"), s.digitalChannels());
        assertEquals(LocalDate.of(2026, 11, 1), s.windowStart(LocalDate.of(2026, 11, 30)), "30 days ending on D, inclusive");
    }

    @Test
    void aChannelWithTwoKindsOrNoneIsAnError() {
        GanzhiConfig defaults = GanzhiConfig.defaults();
        ConfigError both = assertThrows(ConfigError.class, () -> PublishSettings.from(defaults.with(Map.of(
                "ganzhi.publish.traditional-channels", List.of("HOTLINE", "STORE", "APP")))));
        assertTrue(both.getMessage().contains("[APP]"), both.getMessage());
        ConfigError none = assertThrows(ConfigError.class, () -> PublishSettings.from(defaults.with(Map.of(
                "ganzhi.publish.digital-channels", List.of("ONLINE", "APP")))));
        assertTrue(none.getMessage().contains("SOCIAL"), none.getMessage());
    }

    @Test
    void countsMustBePositive() {
        ConfigError e = assertThrows(ConfigError.class, () -> PublishSettings.from(GanzhiConfig.defaults().with(Map.of(
                "ganzhi.publish.min-subscribers", 0))));
        assertTrue(e.getMessage().contains("ganzhi.publish.min-subscribers"), e.getMessage());
    }
}
