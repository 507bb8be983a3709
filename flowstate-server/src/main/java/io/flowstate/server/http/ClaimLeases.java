package io.flowstate.server.http;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short leases on idempotency claims. A claim is taken for {@link #LEASE} and renewed every {@link #RENEW_EVERY}
 * while its request runs, however long that is; when the instance dies (or loses the store) the renewals stop and
 * the claim lapses within one lease, so a retry with the same key waits seconds, not the length of the longest
 * request. One timer thread per server schedules the renewals; each runs on a virtual thread of its own, so a slow
 * store delays no other claim's renewal.
 */
public final class ClaimLeases implements AutoCloseable {

    /** How long a claim blocks duplicates after its last renewal. */
    public static final Duration LEASE = Duration.ofSeconds(3);
    /** How often a held claim is renewed: three chances before it lapses. */
    public static final Duration RENEW_EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(ClaimLeases.class);

    private final ProcessEngine engine;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "flowstate-claim-leases");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService renewals = Executors.newVirtualThreadPerTaskExecutor();

    public ClaimLeases(ProcessEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /** The expiry to claim with now. */
    public Instant expiry() {
        return clock.instant().plus(LEASE);
    }

    /** Renews the claim (taken with {@link #expiry()}) until the returned lease is closed. */
    public Lease hold(String scope, String key, String fingerprint) {
        AtomicBoolean renewing = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        long every = RENEW_EVERY.toMillis();
        ScheduledFuture<?> schedule = timer.scheduleAtFixedRate(() -> {
            if (!closed.get() && renewing.compareAndSet(false, true)) {
                renewals.execute(() -> renew(scope, key, fingerprint, closed, renewing));
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return () -> {
            closed.set(true);
            schedule.cancel(false);
        };
    }

    private void renew(String scope, String key, String fingerprint, AtomicBoolean closed, AtomicBoolean renewing) {
        try {
            if (!closed.get() && !engine.renewIdempotency(scope, key, fingerprint, expiry()) && !closed.get()) {
                // lapsed (a pause longer than a lease) or released: a retry may run now; nothing left to renew
                LOG.info("Idempotency claim {} of {} lapsed while its request was still running", key, scope);
                closed.set(true);
            }
        } catch (StoreUnavailableException e) {
            LOG.warn("Could not renew the idempotency claim {} of {}: {}", key, scope, e.getMessage());
        } finally {
            renewing.set(false);
        }
    }

    /** Stops every renewal: held claims lapse within a lease. */
    @Override
    public void close() {
        timer.shutdownNow();
        renewals.shutdownNow();
    }

    /** A claim being renewed; closing it stops the renewals (complete or release the claim as well). */
    @FunctionalInterface
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
