package org.ganzhi.config;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/** The operator's time zone and numbering plan. */
public record OperatorSettings(ZoneId timezone, String countryCode, int nationalNumberLength,
                               List<String> mobilePrefixes) implements Serializable {
}
