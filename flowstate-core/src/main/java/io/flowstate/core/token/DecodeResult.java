package io.flowstate.core.token;

/** What {@link ProcessTokenCodec#decode} found: a token this server issued and that is still valid, or not. */
public sealed interface DecodeResult {

    /** The token is authentic, unexpired, already valid and bound to the expected flow. */
    record Verified(TokenClaims claims) implements DecodeResult {
    }

    /**
     * The token is refused. Every cause (malformed, wrong algorithm, unknown kid, forbidden header, bad tag or
     * signature, expired, not yet valid, other flow) is this one value, so the server answers every one of them
     * with the same 401 {@code invalid_token} and a generic message: a caller learns nothing about why.
     *
     * @param reason for the server's log only; never contains a secret or claim values (state), and never sent
     *               to the client
     */
    record Rejected(String reason) implements DecodeResult {
    }
}
