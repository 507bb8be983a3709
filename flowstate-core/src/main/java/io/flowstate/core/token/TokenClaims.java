package io.flowstate.core.token;

import io.flowstate.core.process.ProcessInstance;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a process token carries: the whole process (so the engine can continue it without a store) and the
 * token's own JWT claims. Times of the token are whole seconds (JWT NumericDate); the process's own times
 * keep their full precision.
 *
 * @param process   the process as it was when the token was issued ({@code sub} is its id)
 * @param tokenId   {@code jti}: 128 random bits, base64url; unique per issued token
 * @param issuedAt  {@code iat}
 * @param expiresAt {@code exp}: issue time + {@code token.ttl}, or the process's own {@code expiresAt} when
 *                  that comes first; refused from this instant on
 * @param notBefore {@code nbf}, or null (the default: not written, so clock skew between instances never
 *                  refuses a fresh token)
 */
public record TokenClaims(ProcessInstance process, String tokenId, Instant issuedAt, Instant expiresAt,
                          @Nullable Instant notBefore) {

    public TokenClaims {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public UUID processId() {
        return process.processId();
    }

    public String flowId() {
        return process.flowId();
    }

    /** The process version the token was issued for; the replay guard compares this with the last accepted one. */
    public long version() {
        return process.version();
    }
}
