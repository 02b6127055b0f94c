package org.ganzhi.config;

import org.ganzhi.common.GanzhiException;

/** A configuration file that cannot be used as it is. */
public final class ConfigError extends GanzhiException {
    public ConfigError(String message) {
        super("configuration error: " + message);
    }
}
