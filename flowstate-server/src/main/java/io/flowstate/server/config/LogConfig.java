package io.flowstate.server.config;

import java.util.Locale;

/**
 * Logging of a server started by {@code flowstate serve}.
 *
 * @param format {@code log.format}: {@code text} lines for a terminal, or {@code json}, one object a line
 * @param access {@code log.access}: one line per answered request (method, route, status, duration) on the
 *               logger {@code flowstate.access}
 */
public record LogConfig(Format format, boolean access) {

    public static final LogConfig DEFAULTS = new LogConfig(Format.TEXT, true);

    /** How each log line is written. */
    public enum Format {
        TEXT, JSON;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LogConfig {
        if (format == null) {
            throw new ConfigException("log.format must be text or json");
        }
    }
}
