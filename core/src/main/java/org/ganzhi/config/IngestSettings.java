package org.ganzhi.config;

import java.io.Serializable;
import java.util.List;

/**
 * How untyped landing text is read: accepted timestamp, date and boolean spellings, the longest
 * text value (in characters) a string column accepts and the longest free text a text column
 * accepts, and the window an event date must lie in:
 * not before {@code earliestEventDate}, at most {@code futureToleranceDays} after its delivery;
 * a record an earlier delivery brought is a re-sent duplicate when its event date is at most
 * {@code resendWindowDays} before the delivery that sends it again.
 */
public record IngestSettings(List<String> timestampFormats, List<String> dateFormats,
                             List<String> booleanTrue, List<String> booleanFalse, int maxTextLength,
                             int maxFreeTextLength,
                             java.time.LocalDate earliestEventDate, int futureToleranceDays, int resendWindowDays)
        implements Serializable {
}
