package io.flowstate.server.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-origin resource sharing for pages of other origins that call the HTTP API ({@code server.cors}).
 *
 * @param allowedOrigins   origins whose pages may read the API's answers ({@code server.cors.allowedOrigins}); empty
 *                         means no CORS headers at all, so only same-origin pages can read answers. Exact origins,
 *                         normalized like {@code server.allowedOrigins}
 * @param allowCredentials whether answers say {@code Access-Control-Allow-Credentials: true}
 *                         ({@code server.cors.allowCredentials}); off by default: the API needs no cookies
 */
public record CorsConfig(List<String> allowedOrigins, boolean allowCredentials) {
    public static final CorsConfig DEFAULTS = new CorsConfig(List.of(), false);

    public CorsConfig {
        if (allowedOrigins == null) {
            throw new ConfigException("server.cors.allowedOrigins must be a list (empty for no cross-origin pages)");
        }
        List<String> normalized = new ArrayList<>();
        for (String origin : allowedOrigins) {
            try {
                normalized.add(ServerConfig.normalizeOrigin(origin));
            } catch (ConfigException e) {
                throw new ConfigException(String.valueOf(e.getMessage())
                        .replace("server.allowedOrigins", "server.cors.allowedOrigins"), e);
            }
        }
        allowedOrigins = List.copyOf(normalized);
    }

    /** True when a page of {@code origin} (as the browser sent it) may read answers. */
    public boolean allows(String origin) {
        try {
            return allowedOrigins.contains(ServerConfig.normalizeOrigin(origin));
        } catch (ConfigException e) {
            return false;
        }
    }
}
