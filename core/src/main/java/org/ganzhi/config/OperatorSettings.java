package org.ganzhi.config;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;

/**
 * The operator's time zone and numbering plan; {@code trunkPrefix} is what national dialling puts
 * before the national number ("0" in "0912 345 678"), empty where there is none.
 */
public record OperatorSettings(ZoneId timezone, String countryCode, int nationalNumberLength,
                               List<String> mobilePrefixes, String trunkPrefix) implements Serializable {
}
