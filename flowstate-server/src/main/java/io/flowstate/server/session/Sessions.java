package io.flowstate.server.session;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.StoreConfig;
import io.flowstate.server.http.Idempotency;
import io.flowstate.server.wire.Representations;
import io.flowstate.server.wire.RequestBody;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Session mode and the migration switch of one server, built from its configuration.
 *
 * @param starts takes {@code POST /workflow/start}s that run in session mode
 * @param routes the {@code /session/{flow}} routes
 * @param modeSwitch the switch, refreshed from the store until {@link #close()}
 */
public record Sessions(SessionMode starts, SessionRoutes routes, ModeSwitch modeSwitch) implements AutoCloseable {

    /** How long a request waits for its session's lock before it is refused with 503 {@code session_busy}. */
    static final Duration LOCK_WAIT = Duration.ofSeconds(10);

    public static Sessions create(FlowstateConfig config, ProcessEngine engine, FlowCatalog flows,
                                  Representations representations, Idempotency idempotency, RequestBody body,
                                  Clock clock, Predicate<String> pagesOnly) {
        SessionKeys keys = new SessionKeys(engine);
        SessionCookies cookies = new SessionCookies(keys, clock, config.session());
        boolean shared = config.store().kind() == StoreConfig.Kind.REDIS;
        SessionLocks locks = new SessionLocks(engine, clock, idempotency.leases(), shared, LOCK_WAIT);
        ModeSwitch modeSwitch = ModeSwitch.start(config.migration(), config.defaultMode(), engine);
        SessionMode mode = new SessionMode(engine, flows::find, config.defaultMode(), cookies, keys, locks, modeSwitch,
                representations, idempotency, new SessionMigration(engine, representations, idempotency.leases()));
        return new Sessions(mode, new SessionRoutes(mode, body, pagesOnly), modeSwitch);
    }

    @Override
    public void close() {
        modeSwitch.close();
    }
}
