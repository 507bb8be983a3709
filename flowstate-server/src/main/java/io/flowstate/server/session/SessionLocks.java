package io.flowstate.server.session;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.server.http.ClaimLeases;
import io.flowstate.server.wire.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The per-session lock that serializes the requests of one session, as servlet containers do. Within an instance it
 * is a {@link ReentrantLock} per session; when instances share the store (Redis) the holder also takes a lease in the
 * store (an idempotency claim under scope {@value #SCOPE}) that other instances wait for, renewed while the work
 * runs. A lease outlives a crashed holder by at most {@link ClaimLeases#LEASE}. A request that cannot get the lock within {@code wait} is refused with 503
 * {@code session_busy}.
 */
final class SessionLocks {

    static final String SCOPE = "session-lock";
    private static final long MAX_BACKOFF_MILLIS = 16;

    private final ProcessEngine engine;
    private final Clock clock;
    private final ClaimLeases leases;
    private final boolean shared;
    private final Duration wait;
    private final String owner = UUID.randomUUID().toString();
    private final ConcurrentHashMap<String, Holder> local = new ConcurrentHashMap<>();

    /** A lock and the number of requests using or waiting for it, so idle sessions leave the map. */
    private static final class Holder {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;
    }

    /**
     * @param shared true when other instances use the same store, so the lock must be taken there too
     */
    SessionLocks(ProcessEngine engine, Clock clock, ClaimLeases leases, boolean shared, Duration wait) {
        this.engine = engine;
        this.clock = clock;
        this.leases = leases;
        this.shared = shared;
        this.wait = wait;
    }

    /** Runs {@code work} holding the lock of {@code session}. */
    <T> T withLock(String session, Supplier<T> work) {
        Holder holder = local.compute(session, (id, existing) -> {
            Holder h = existing == null ? new Holder() : existing;
            h.users++;
            return h;
        });
        Instant deadline = clock.instant().plus(wait);
        try {
            if (!holder.lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
            try {
                if (!shared) {
                    return work.get();
                }
                lease(session, deadline);
                try (ClaimLeases.Lease ignored = leases.hold(SCOPE, session, owner)) {
                    return work.get();
                } finally {
                    engine.releaseIdempotency(SCOPE, session);
                }
            } finally {
                holder.lock.unlock();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } finally {
            local.compute(session, (id, h) -> h == null || --h.users == 0 ? null : h);
        }
    }

    private void lease(String session, Instant deadline) throws InterruptedException {
        long backoff = 1;
        while (!(engine.claimIdempotency(SCOPE, session, owner, leases.expiry())
                instanceof IdempotencyClaim.Claimed)) {
            if (!clock.instant().isBefore(deadline)) {
                throw busy();
            }
            Thread.sleep(backoff);
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    private static ProblemException busy() {
        return new ProblemException(ProblemType.SESSION_BUSY,
                "Another request of this session holds its lock; retry shortly");
    }
}
