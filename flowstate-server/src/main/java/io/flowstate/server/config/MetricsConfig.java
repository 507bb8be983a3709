package io.flowstate.server.config;

/**
 * {@code GET /metrics}.
 *
 * @param enabled {@code metrics.enabled}: serve the Prometheus text at {@code /metrics}
 * @param token   {@code metrics.token}: when not empty, {@code /metrics} answers only requests with
 *                {@code Authorization: Bearer <token>}; a secret, never printed
 */
public record MetricsConfig(boolean enabled, String token) {

    public static final MetricsConfig DEFAULTS = new MetricsConfig(true, "");

    public MetricsConfig {
        if (token == null) {
            throw new ConfigException("metrics.token must be a string (empty for none)");
        }
    }

    /** True when scrapes must present the token. */
    public boolean protectedByToken() {
        return !token.isEmpty();
    }
}
