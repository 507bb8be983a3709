package io.flowstate.server.http;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.wire.ProblemException;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POSTs: the first request with a key runs and its answer is kept (as long as
 * the process, see {@link Reply#expiresAt()}); a retry with the same key and body gets that answer again
 * with {@code Idempotent-Replayed: true}; the same key with another body is 422; a duplicate that arrives
 * while the first is still running is 409. Answers of 5xx are not kept, so a retry runs again. The claim is a
 * short lease ({@link ClaimLeases}) renewed while the request runs: if this instance dies, a retry runs after
 * at most {@link ClaimLeases#LEASE}.
 */
public final class Idempotency {

    public static final HeaderName KEY = HeaderNames.create("Idempotency-Key");
    /** Kept this long when the answer names no process to outlive (for example a rejected start). */
    private static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    private static final Pattern VALID_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final ProcessEngine engine;
    private final Clock clock;
    private final FlowstateMetrics metrics;
    private final ClaimLeases leases;

    public Idempotency(ProcessEngine engine, Clock clock, FlowstateMetrics metrics, ClaimLeases leases) {
        this.engine = engine;
        this.clock = clock;
        this.metrics = metrics;
        this.leases = leases;
    }

    /** The leases of this server's claims, for the other users of idempotency records. */
    public ClaimLeases leases() {
        return leases;
    }

    /**
     * Runs {@code action} under the request's idempotency key, if it has one.
     *
     * @param scope a process id, or {@code flow:<id>} for starts
     * @param body  the raw request body, part of the request fingerprint
     */
    public Reply run(ServerRequest request, String scope, byte[] body, Supplier<Reply> action) {
        Optional<String> header = request.headers().first(KEY);
        if (header.isEmpty()) {
            return action.get();
        }
        String key = header.get().trim();
        if (!VALID_KEY.matcher(key).matches()) {
            throw new ProblemException(ProblemType.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        String fingerprint = fingerprint(request, body);
        IdempotencyClaim claim = engine.claimIdempotency(scope, key, fingerprint, leases.expiry());
        return switch (claim) {
            case IdempotencyClaim.InFlight ignored -> Problems.of(ProblemType.REQUEST_IN_FLIGHT,
                    "A request with this Idempotency-Key is still being processed; retry later");
            case IdempotencyClaim.Completed completed when completed.sameRequest() -> {
                metrics.idempotentReplay();
                yield Reply.fromStored(completed.response()).withHeader("Idempotent-Replayed", "true");
            }
            case IdempotencyClaim.Completed ignored -> Problems.of(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was used for a request with another body");
            case IdempotencyClaim.Claimed ignored -> runClaimed(scope, key, fingerprint, action);
        };
    }

    private Reply runClaimed(String scope, String key, String fingerprint, Supplier<Reply> action) {
        Reply reply;
        try (ClaimLeases.Lease ignored = leases.hold(scope, key, fingerprint)) {
            reply = action.get();
        } catch (RuntimeException e) {
            engine.releaseIdempotency(scope, key);
            throw e;
        }
        if (reply.status() >= 500) {
            engine.releaseIdempotency(scope, key);
        } else {
            engine.completeIdempotency(scope, key, reply.toStored(), reply.expiresAt() != null
                    ? reply.expiresAt() : clock.instant().plus(DEFAULT_RETENTION));
        }
        return reply;
    }

    private static String fingerprint(ServerRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(request.prologue().method().text().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) ' ');
            digest.update(request.path().rawPath().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
