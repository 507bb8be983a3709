package io.flowstate.server.token;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.core.token.TokenClaims;
import io.flowstate.server.http.ClaimLeases;
import java.time.Instant;
import java.util.Map;

/**
 * Lets each process token continue its process at most once ({@code token.replayGuard}).
 *
 * <p>The record is the store's idempotency record, so it works the same on every store and across instances:
 * scope {@code token:<processId>}, key {@code v<version>}. {@link #claim} takes the record atomically before the
 * step runs; a second request with a token of the same version finds it held or completed and is refused.
 * {@link #accepted} keeps it until the token's own {@code exp} (after which the token is refused anyway);
 * {@link #release} frees it when the step was refused (422, 409, 413), so the same token can be sent again with
 * corrected input.
 *
 * <p>Why this is "only the newest token continues": the token of version {@code v + 1} is issued only by a request
 * that claimed version {@code v}, and a claim succeeds once. So every token older than the newest one has been
 * claimed, and its record lives as long as the token does. It costs one small record per accepted step, never the
 * state.
 *
 * <p>Disabled ({@code token.replayGuard = false}), every method does nothing and every claim succeeds: any
 * unexpired token of a process may then continue it, again and again (see docs/token-mode.md, rollback risk).
 */
final class ReplayGuard {

    private static final StoredResponse ACCEPTED = new StoredResponse(204, Map.of(), new byte[0]);

    private final ProcessEngine engine;
    private final ClaimLeases leases;
    private final boolean enabled;

    ReplayGuard(ProcessEngine engine, ClaimLeases leases, boolean enabled) {
        this.engine = engine;
        this.leases = leases;
        this.enabled = enabled;
    }

    /**
     * Takes the token's record; the caller must then call {@link #accepted} or {@link #release}.
     *
     * @return false when the token was used before or is being used right now (nothing was taken)
     */
    boolean claim(TokenClaims claims) {
        if (!enabled) {
            return true;
        }
        Instant lease = leases.expiry();
        Instant until = lease.isBefore(claims.expiresAt()) ? lease : claims.expiresAt();
        return engine.claimIdempotency(scope(claims), key(claims), claims.tokenId(), until)
                instanceof IdempotencyClaim.Claimed;
    }

    /**
     * Renews a claim taken by {@link #claim} while the step runs, so the token stays blocked however long it takes
     * and is free again within {@link ClaimLeases#LEASE} of this instance dying.
     */
    ClaimLeases.Lease hold(TokenClaims claims) {
        return enabled ? leases.hold(scope(claims), key(claims), claims.tokenId()) : () -> { };
    }

    /** The step was committed (a new token issued, or the process moved to the store): the token is spent. */
    void accepted(TokenClaims claims) {
        if (enabled) {
            engine.completeIdempotency(scope(claims), key(claims), ACCEPTED, claims.expiresAt());
        }
    }

    /** Nothing changed: the token may be presented again. */
    void release(TokenClaims claims) {
        if (enabled) {
            engine.releaseIdempotency(scope(claims), key(claims));
        }
    }

    private static String scope(TokenClaims claims) {
        return "token:" + claims.processId();
    }

    private static String key(TokenClaims claims) {
        return "v" + claims.version();
    }
}
