package org.ganzhi.publish;

import org.ganzhi.config.ConfigError;
import org.ganzhi.config.GanzhiConfig;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        assertEquals(7, s.repeatDays(), "the one repeat-complaint horizon, ganzhi.features.complaint-repeat-days");
        assertEquals(List.of("HOTLINE", "STORE"), s.traditionalChannels());
        assertEquals(List.of("ONLINE", "APP", "SOCIAL"), s.digitalChannels());
        assertEquals(LocalDate.of(2026, 11, 1), s.windowStart(LocalDate.of(2026, 11, 30)), "30 days ending on D, inclusive");
        assertEquals(List.of("NEGATIVE", "NONE", "LOW"), s.poorLevels());
        assertEquals(new PublishSettings.HotSpot(200, 10, 0.04, 0), s.hotSpot());
        assertEquals(RegionScorecard.Kpi.values().length, s.regionTargets().size(), "every KPI has a default target");
        assertEquals(75.0, s.regionTargets().get(RegionScorecard.Kpi.MEAN_INDEX));
        assertEquals(0.15, s.regionTargets().get(RegionScorecard.Kpi.POOR_SHARE));
        assertEquals(0.30, s.regionTargets().get(RegionScorecard.Kpi.HIGH_SHARE));
    }

    @Test
    void aTargetSetToNullIsDropped() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("ganzhi.publish.region-targets.high-share", null);
        PublishSettings s = PublishSettings.from(GanzhiConfig.defaults().with(overrides));
        assertFalse(s.regionTargets().containsKey(RegionScorecard.Kpi.HIGH_SHARE));
        assertEquals(75.0, s.regionTargets().get(RegionScorecard.Kpi.MEAN_INDEX));
    }

    @Test
    void badPoorLevelsHotSpotRulesAndTargetsNameTheSetting() {
        GanzhiConfig defaults = GanzhiConfig.defaults();
        assertMessage(defaults, Map.of("ganzhi.publish.poor-levels", List.of("LOW", "BAD")), "ganzhi.publish.poor-levels");
        assertMessage(defaults, Map.of("ganzhi.publish.poor-levels", List.of()), "ganzhi.publish.poor-levels");
        assertMessage(defaults, Map.of("ganzhi.publish.hot-spot.min-drops", 0), "min-drops");
        assertMessage(defaults, Map.of("ganzhi.publish.hot-spot.min-calls", 0), "min-calls");
        assertMessage(defaults, Map.of("ganzhi.publish.hot-spot.min-drop-rate", 4), "min-drop-rate");
        assertMessage(defaults, Map.of("ganzhi.publish.hot-spot.top", -1), "hot-spot.top");
        assertMessage(defaults, Map.of("ganzhi.publish.region-targets.mean-score", 70), "region-targets.mean-score");
        assertMessage(defaults, Map.of("ganzhi.publish.region-targets.poor-share", 15), "region-targets.poor-share");
        assertMessage(defaults, Map.of("ganzhi.publish.repeat-days", 30), "ganzhi.features.complaint-repeat-days");
        assertMessage(defaults, Map.of("ganzhi.features.complaint-repeat-days", 0), "ganzhi.features.complaint-repeat-days");
        assertMessage(defaults, Map.of("ganzhi.features.complaint-repeat-days", 91), "complaint-lookback-days (90)");
    }

    private static void assertMessage(GanzhiConfig defaults, Map<String, ?> overrides, String expected) {
        ConfigError e = assertThrows(ConfigError.class, () -> PublishSettings.from(defaults.with(overrides)), overrides.toString());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
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
