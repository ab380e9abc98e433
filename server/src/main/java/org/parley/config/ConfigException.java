package org.parley.config;

/** A configuration value is missing or malformed; the message names the variable and the value. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
