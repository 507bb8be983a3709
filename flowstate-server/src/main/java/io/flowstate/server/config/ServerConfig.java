package io.flowstate.server.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP listener settings.
 *
 * @param host           interface to bind ({@code server.host})
 * @param port           TCP port, 0 for any free port ({@code server.port})
 * @param maxBodyBytes   largest request body accepted before 413 ({@code server.maxBodyBytes})
 * @param allowedOrigins browser origins ({@code https://app.example.com}) whose pages may open a WebSocket
 *                       ({@code server.allowedOrigins}); empty means same-origin pages only. Stored normalized:
 *                       lower case, no trailing slash, no default port.
 * @param cors           which other origins' pages may call the HTTP API ({@code server.cors})
 * @param demo           whether {@code /demo/} serves the demo page of the browser SDK ({@code server.demo})
 * @param readTimeout    how long a connection may be silent in the middle of a request or idle between requests
 *                       before the server closes it ({@code server.readTimeout}); never less than three
 *                       {@code events.heartbeat}s in effect, so an idle WebSocket that answers pings stays open
 */
public record ServerConfig(String host, int port, int maxBodyBytes, List<String> allowedOrigins, CorsConfig cors,
                           boolean demo, Duration readTimeout) {
    /** Smallest body limit accepted: below it even a small form submission would be refused. */
    public static final int MIN_BODY_BYTES = 1024;
    /**
     * Longer than the 30 s for which HTTP clients (the JDK's among them) keep an idle connection for reuse, so a
     * client never sends on a connection the server is closing at that moment.
     */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    public static final ServerConfig DEFAULTS = new ServerConfig("127.0.0.1", 8080, 1 << 20, List.of(),
            CorsConfig.DEFAULTS, false, DEFAULT_READ_TIMEOUT);

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
        if (allowedOrigins == null) {
            throw new ConfigException("server.allowedOrigins must be a list (empty for same-origin only)");
        }
        List<String> normalized = new ArrayList<>();
        for (String origin : allowedOrigins) {
            normalized.add(normalizeOrigin(origin));
        }
        allowedOrigins = List.copyOf(normalized);
        if (cors == null) {
            throw new ConfigException("server.cors must be set (CorsConfig.DEFAULTS for none)");
        }
        if (readTimeout == null || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new ConfigException("server.readTimeout must be a positive duration, was " + readTimeout);
        }
    }

    /** A listener with the default read timeout. */
    public ServerConfig(String host, int port, int maxBodyBytes, List<String> allowedOrigins, CorsConfig cors,
                        boolean demo) {
        this(host, port, maxBodyBytes, allowedOrigins, cors, demo, DEFAULT_READ_TIMEOUT);
    }

    /** A listener without CORS and without the demo page. */
    public ServerConfig(String host, int port, int maxBodyBytes, List<String> allowedOrigins) {
        this(host, port, maxBodyBytes, allowedOrigins, CorsConfig.DEFAULTS, false);
    }

    /** This listener with other CORS settings. */
    public ServerConfig withCors(CorsConfig newCors) {
        return new ServerConfig(host, port, maxBodyBytes, allowedOrigins, newCors, demo, readTimeout);
    }

    /** This listener with the demo page on or off. */
    public ServerConfig withDemo(boolean newDemo) {
        return new ServerConfig(host, port, maxBodyBytes, allowedOrigins, cors, newDemo, readTimeout);
    }

    /** This listener with another read timeout. */
    public ServerConfig withReadTimeout(Duration newReadTimeout) {
        return new ServerConfig(host, port, maxBodyBytes, allowedOrigins, cors, demo, newReadTimeout);
    }

    /** A listener that accepts WebSocket handshakes from same-origin pages only. */
    public ServerConfig(String host, int port, int maxBodyBytes) {
        this(host, port, maxBodyBytes, List.of());
    }

    /**
     * An origin as browsers send it in the {@code Origin} header: {@code scheme://host[:port]}, lower case,
     * without the default port of the scheme.
     *
     * @throws ConfigException when {@code text} is not an http(s) origin without path, query or user info
     */
    public static String normalizeOrigin(String text) {
        String problem = "server.allowedOrigins: expected origins such as https://app.example.com or "
                + "http://localhost:3000, was " + (text == null ? "null" : ValueParser.quote(text));
        if (text == null || text.isBlank()) {
            throw new ConfigException(problem);
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(problem);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare) {
            throw new ConfigException(problem);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }
}
