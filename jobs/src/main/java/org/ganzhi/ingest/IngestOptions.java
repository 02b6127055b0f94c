package org.ganzhi.ingest;

import org.ganzhi.common.GanzhiException;
import org.ganzhi.common.Lake;

import java.time.LocalDate;
import java.util.List;

/**
 * Ingest the deliveries from {@code first} to {@code last} (one date for a nightly run; a range
 * for a catch-up, done in one pass per source, which is much cheaper than one run per date).
 */
public record IngestOptions(Lake lake, LocalDate first, LocalDate last) {
    public IngestOptions {
        if (last.isBefore(first)) {
            throw new GanzhiException("the last delivery date " + last + " is before the first " + first);
        }
    }

    public IngestOptions(Lake lake, LocalDate deliveryDate) {
        this(lake, deliveryDate, deliveryDate);
    }

    public List<LocalDate> deliveryDates() {
        return first.datesUntil(last.plusDays(1)).toList();
    }
}
