package org.ganzhi.ops;

import org.ganzhi.common.GanzhiException;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The dates a backfill runs the nightly pipeline for: every date from {@code from} to {@code to},
 * both included, in calendar order (each night builds on the silver and features of the nights
 * before it, so the order matters).
 */
public record BackfillPlan(LocalDate from, LocalDate to) {

    /** Checks the range before Spark starts: in order, and no longer than {@code maxDays}. */
    public static BackfillPlan of(LocalDate from, LocalDate to, int maxDays) {
        if (to.isBefore(from)) {
            throw new GanzhiException("'backfill' needs --from on or before --to; got --from " + from + " --to " + to);
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > maxDays) {
            throw new GanzhiException("'backfill' from " + from + " to " + to + " is " + days + " days, more than the "
                    + maxDays + " allowed (ganzhi.backfill.max-days); split the range or raise the setting");
        }
        return new BackfillPlan(from, to);
    }

    public List<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1)).toList();
    }
}
