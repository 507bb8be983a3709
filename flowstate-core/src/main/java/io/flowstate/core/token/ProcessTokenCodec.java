package io.flowstate.core.token;

import io.flowstate.core.process.ProcessInstance;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a {@link ProcessInstance} into a process token and back: the whole of token mode's cryptography.
 * Immutable and thread-safe; build one per configuration and share it.
 *
 * <h2>Encoding</h2>
 * {@link #encode(ProcessInstance)} seals the process with the first key of {@code token.keys} as a compact JWE
 * ({@code dir}, {@code A256GCM}, {@code zip=DEF}) or JWS ({@code HS256}), header {@code typ=fsp+jwt} and
 * {@code kid}. Claims: see {@link TokenClaims}; {@code iat} is now, {@code exp} is now + {@code token.ttl}
 * capped at the process's own {@code expiresAt}, {@code jti} is 128 random bits. A result longer than
 * {@code token.maxBytes} is {@link EncodeResult.TokenTooLarge}, never handed out.
 *
 * <h2>Decoding</h2>
 * {@link #decode(String, String)} refuses, as one {@link DecodeResult.Rejected} value, every token that is not
 * exactly what {@code encode} produces with a listed key and is no longer valid. In order, cheapest first:
 * <ol>
 *   <li>null, empty, or longer than {@link TokenConfig#maxAcceptedLength()} (2 × {@code maxBytes}): refused
 *       before anything is decoded;</li>
 *   <li>a character outside base64url and {@code .}, a part that is not canonical base64url, or the wrong number
 *       of parts (5 for JWE, 3 for JWS: a JWS is never accepted where JWE is configured, nor the reverse);</li>
 *   <li>a header that does not parse, that carries any parameter the codec does not write itself (so
 *       {@code jku}, {@code jwk}, {@code x5u}, {@code x5c}, {@code crit}, … are refused unread: no key ever
 *       comes from a token), of another {@code typ}, without a {@code kid}, or with a {@code kid} not in
 *       {@code token.keys};</li>
 *   <li>an algorithm other than the pinned one ({@code dir}+{@code A256GCM}+{@code DEF}, or {@code HS256};
 *       {@code alg: none} included);</li>
 *   <li>a failed authentication tag or signature (any altered byte, or a key not in the list);</li>
 *   <li>claims that do not describe a process;</li>
 *   <li>{@code exp} at or before the clock's now, {@code nbf} after it (no leeway: {@code exp} is hours away, so
 *       seconds of skew between instances do not matter, and {@code nbf} is only present when a caller asked
 *       for it);</li>
 *   <li>a flow other than the expected one.</li>
 * </ol>
 * The reason string says which check failed, for logs; it never contains a secret or state values.
 * Decoding proves that this deployment issued the token and that it is unexpired. It does not prove that it is
 * the newest token of its process: that is the server's replay guard.
 */
public final class ProcessTokenCodec {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenConfig config;
    private final Clock clock;
    private final TokenEnvelope envelope;

    public ProcessTokenCodec(TokenConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.envelope = switch (config.format()) {
            case JWE -> new JweEnvelope(config.requireKeys(), config.maxAcceptedLength());
            case JWS -> new JwsEnvelope(config.requireKeys(), config.maxAcceptedLength());
        };
    }

    public TokenConfig config() {
        return config;
    }

    /** Seals {@code process} into a token valid from now; see the class description. */
    public EncodeResult encode(ProcessInstance process) {
        return encode(process, null);
    }

    /**
     * Seals {@code process} into a token that is refused before {@code notBefore} (truncated to the second).
     *
     * @param notBefore the {@code nbf} claim, or null for none
     */
    public EncodeResult encode(ProcessInstance process, @Nullable Instant notBefore) {
        Objects.requireNonNull(process, "process");
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant tokenExpiry = issuedAt.plus(config.ttl());
        Instant processExpiry = process.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        TokenClaims claims = new TokenClaims(process, newTokenId(), issuedAt,
                processExpiry.isBefore(tokenExpiry) ? processExpiry : tokenExpiry,
                notBefore == null ? null : notBefore.truncatedTo(ChronoUnit.SECONDS));
        String token = envelope.seal(TokenPayload.write(claims));
        if (token.length() > config.maxBytes()) {
            return new EncodeResult.TokenTooLarge(token.length(), config.maxBytes());
        }
        return new EncodeResult.Issued(token, claims);
    }

    /**
     * Verifies and opens a token; see the class description for everything that is refused.
     *
     * @param token          the bearer value, without the {@code Bearer } prefix
     * @param expectedFlowId the flow the request is for, or null to accept any flow (the caller then takes the
     *                       flow from the claims)
     * @return {@link DecodeResult.Verified} or {@link DecodeResult.Rejected}; never throws for any input string
     */
    public DecodeResult decode(String token, @Nullable String expectedFlowId) {
        try {
            TokenClaims claims = TokenPayload.read(envelope.open(token));
            Instant now = clock.instant();
            if (!now.isBefore(claims.expiresAt())) {
                throw new TokenRejectedException("expired at " + claims.expiresAt());
            }
            if (claims.notBefore() != null && now.isBefore(claims.notBefore())) {
                throw new TokenRejectedException("not valid before " + claims.notBefore());
            }
            if (expectedFlowId != null && !expectedFlowId.equals(claims.flowId())) {
                throw new TokenRejectedException("token of flow " + Printable.value(claims.flowId())
                        + " presented for flow " + Printable.value(expectedFlowId));
            }
            return new DecodeResult.Verified(claims);
        } catch (TokenRejectedException e) {
            return new DecodeResult.Rejected(e.reason());
        }
    }

    private static String newTokenId() {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }
}
