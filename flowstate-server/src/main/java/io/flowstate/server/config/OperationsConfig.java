package io.flowstate.server.config;

/**
 * What operations need of a server: its logs ({@code [log]}), its metrics ({@code [metrics]}) and the write rate
 * limit ({@code [ratelimit]}). Grouped so the configuration record grows by one component for all three.
 */
public record OperationsConfig(LogConfig log, MetricsConfig metrics, RateLimitConfig rateLimit) {

    public static final OperationsConfig DEFAULTS = new OperationsConfig(LogConfig.DEFAULTS, MetricsConfig.DEFAULTS,
            RateLimitConfig.DEFAULTS);

    public OperationsConfig {
        if (log == null || metrics == null || rateLimit == null) {
            throw new ConfigException("log, metrics and ratelimit sections are required");
        }
    }

    public OperationsConfig withRateLimit(RateLimitConfig newRateLimit) {
        return new OperationsConfig(log, metrics, newRateLimit);
    }

    public OperationsConfig withMetrics(MetricsConfig newMetrics) {
        return new OperationsConfig(log, newMetrics, rateLimit);
    }

    public OperationsConfig withLog(LogConfig newLog) {
        return new OperationsConfig(newLog, metrics, rateLimit);
    }
}
