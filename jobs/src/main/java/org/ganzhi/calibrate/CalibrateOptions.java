package org.ganzhi.calibrate;

import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;

import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A calibrate run: the lake, the last date whose outcomes are complete (the run date) and the
 * time split of the scoring dates, either the configured default or the four dates given.
 */
public record CalibrateOptions(Lake lake, LocalDate lastOutcomeDate, Calibration.Split split) {
    public CalibrateOptions {
        LocalDate lastScoringDate = split.testTo();
        if (lastScoringDate.isAfter(lastOutcomeDate)) {
            throw new GanzhiException("the test dates end on " + lastScoringDate + ", after --date " + lastOutcomeDate
                    + " (the last day whose outcomes are complete)");
        }
    }

    /**
     * Options from the command line: no range dates for the configured split, or all four. The
     * outcomes of the last test date must be complete by {@code lastOutcomeDate}.
     */
    public static CalibrateOptions of(Lake lake, LocalDate lastOutcomeDate, Optional<LocalDate> trainFrom,
                                      Optional<LocalDate> trainTo, Optional<LocalDate> testFrom, Optional<LocalDate> testTo,
                                      CalibrateSettings s) {
        long given = Stream.of(trainFrom, trainTo, testFrom, testTo).filter(Optional::isPresent).count();
        if (given == 0) {
            return new CalibrateOptions(lake, lastOutcomeDate, Calibration.Split.byDefault(lastOutcomeDate, s));
        }
        if (given < 4) {
            throw new GanzhiException("give all of --train-from, --train-to, --test-from and --test-to, or none of them "
                    + "for the configured split (ganzhi.calibrate train-days, gap-days, test-days)");
        }
        Calibration.Split split = new Calibration.Split(trainFrom.get(), trainTo.get(), testFrom.get(), testTo.get());
        LocalDate latestAllowed = lastOutcomeDate.minusDays(s.horizonDays());
        if (split.testTo().isAfter(latestAllowed)) {
            throw new GanzhiException("--test-to " + split.testTo() + " is too late: its outcomes run to "
                    + split.testTo().plusDays(s.horizonDays()) + ", after --date " + lastOutcomeDate
                    + " (the last day whose outcomes are complete); the latest possible scoring date is " + latestAllowed);
        }
        return new CalibrateOptions(lake, lastOutcomeDate, split);
    }
}
