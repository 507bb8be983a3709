package io.flowstate.server.testkit;

import io.flowstate.server.config.EventsConfig;
import io.flowstate.server.config.FlowstateConfig;
import java.time.Duration;

/**
 * Stream timing for tests: an SSE heartbeat every 300 ms and a {@code minVersion} read that gives up after
 * 500 ms (instead of 15 s and 2 s), so a test that waits for a heartbeat or for that wait to run out stays fast.
 * Queue and near-cache sizes stay at their defaults.
 */
public final class FastEvents implements ConfigChange {

    /** The settings this change applies. */
    public static final EventsConfig EVENTS = new EventsConfig(Duration.ofMillis(300),
            EventsConfig.DEFAULTS.queueSize(), Duration.ofMillis(500), EventsConfig.DEFAULTS.nearCacheSize());

    @Override
    public FlowstateConfig apply(FlowstateConfig config) {
        return config.withEvents(EVENTS);
    }
}
