package io.flowstate.server.config;

import java.time.Duration;

/**
 * Live events (SSE, WebSocket) and the hybrid mode's near cache.
 *
 * @param heartbeat      {@code events.heartbeat}: how often an idle SSE stream gets a comment line, so proxies
 *                       keep it open and dead clients are noticed
 * @param queueSize      {@code events.queueSize}: events buffered per subscriber; a subscriber that falls this
 *                       far behind is disconnected (it resumes with {@code Last-Event-ID})
 * @param minVersionWait {@code events.minVersionWait}: how long a read with {@code minVersion} waits for that
 *                       version to reach this instance
 * @param nearCacheSize  {@code events.nearCacheSize}: processes kept in this instance's near cache (those of hybrid
 *                       flows; on SQLite, all)
 */
public record EventsConfig(Duration heartbeat, int queueSize, Duration minVersionWait, int nearCacheSize) {

    public static final EventsConfig DEFAULTS = new EventsConfig(Duration.ofSeconds(15), 256, Duration.ofSeconds(2),
            10_000);

    public EventsConfig {
        if (heartbeat == null || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new ConfigException("events.heartbeat must be a positive duration");
        }
        if (queueSize < 1) {
            throw new ConfigException("events.queueSize must be at least 1, was " + queueSize);
        }
        if (minVersionWait == null || minVersionWait.isNegative() || minVersionWait.isZero()) {
            throw new ConfigException("events.minVersionWait must be a positive duration");
        }
        if (nearCacheSize < 1) {
            throw new ConfigException("events.nearCacheSize must be at least 1, was " + nearCacheSize);
        }
    }
}
