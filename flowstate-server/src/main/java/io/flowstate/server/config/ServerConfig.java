package io.flowstate.server.config;

/**
 * HTTP listener settings.
 *
 * @param host         interface to bind ({@code server.host})
 * @param port         TCP port, 0 for any free port ({@code server.port})
 * @param maxBodyBytes largest request body accepted before 413 ({@code server.maxBodyBytes})
 */
public record ServerConfig(String host, int port, int maxBodyBytes) {
    /** Smallest body limit accepted: below it even a small form submission would be refused. */
    public static final int MIN_BODY_BYTES = 1024;
    public static final ServerConfig DEFAULTS = new ServerConfig("0.0.0.0", 8080, 1 << 20);

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("server.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("server.port must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes < MIN_BODY_BYTES) {
            throw new ConfigException("server.maxBodyBytes must be at least " + MIN_BODY_BYTES + ", was " + maxBodyBytes);
        }
    }
}
