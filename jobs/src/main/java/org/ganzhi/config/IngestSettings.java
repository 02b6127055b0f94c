package org.ganzhi.config;

import java.io.Serializable;
import java.util.List;

/** How untyped landing text is read: accepted timestamp, date and boolean spellings. */
public record IngestSettings(List<String> timestampFormats, List<String> dateFormats,
                             List<String> booleanTrue, List<String> booleanFalse) implements Serializable {
}
