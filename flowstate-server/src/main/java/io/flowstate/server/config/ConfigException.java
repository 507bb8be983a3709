package io.flowstate.server.config;

/** A configuration value that cannot be used; the message names the key (for example {@code server.port}). */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
