package io.flowstate.core.token;

/** What {@link ProcessTokenCodec#encode} produced: a token, or the news that it would not fit the budget. */
public sealed interface EncodeResult {

    /**
     * A sealed token within {@code token.maxBytes}.
     *
     * @param token  the compact serialization, what the client sends as {@code Authorization: Bearer <token>}
     * @param claims what the token carries (its {@code exp} is the TTL the replay guard should keep)
     */
    record Issued(String token, TokenClaims claims) implements EncodeResult {
    }

    /**
     * The token would be {@code size} characters (ASCII, so also bytes), over {@code maxBytes}. Nothing was
     * handed out. The server answers 413 {@code token_too_large} or, with {@code token.overflow = process}, stores the
     * process instead.
     */
    record TokenTooLarge(int size, int maxBytes) implements EncodeResult {
    }
}
