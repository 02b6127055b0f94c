package org.ganzhi.sample;

import org.ganzhi.common.Lake;

import java.time.LocalDate;

/**
 * What to generate: {@code subscribers} subscribers over {@code days} days from {@code start},
 * deterministic for {@code seed}. {@code overwrite} replaces an existing landing zone and truth.
 */
public record GenerateOptions(Lake lake, long subscribers, int days, LocalDate start, long seed, boolean overwrite) {
    public LocalDate lastDay() {
        return start.plusDays(days - 1L);
    }
}
