package io.flowstate.server.config;

/**
 * HTTP listener settings.
 *
 * @param host         interface to bind ({@code server.host})
 * @param port         TCP port, 0 for any free port ({@code server.port})
 * @param maxBodyBytes largest request body accepted before 413 ({@code server.maxBodyBytes})
 */
public record ServerConfig(String host, int port, int maxBodyBytes) {
    public static final ServerConfig DEFAULTS = new ServerConfig("0.0.0.0", 8080, 1 << 20);

    public ServerConfig {
        if (host == null || host.isBlank()) {
            throw new ConfigException("server.host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("server.port must be between 0 and 65535, was " + port);
        }
        if (maxBodyBytes < 1024) {
            throw new ConfigException("server.maxBodyBytes must be at least 1024, was " + maxBodyBytes);
        }
    }
}
