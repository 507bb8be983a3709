package io.flowstate.core.token;

/**
 * Internal control flow of decoding: thrown where a check fails, turned into {@link DecodeResult.Rejected} at the
 * codec's boundary. No stack trace, because hostile traffic can make many of these.
 */
final class TokenRejectedException extends Exception {

    private final String reason;

    TokenRejectedException(String reason) {
        super(reason, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
