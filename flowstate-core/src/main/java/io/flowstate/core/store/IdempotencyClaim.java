package io.flowstate.core.store;

/** The answer of {@link ProcessStore#claimIdempotency}. */
public sealed interface IdempotencyClaim {

    /** The key was free and is now held by the caller, who must complete or release it. */
    record Claimed() implements IdempotencyClaim {
    }

    /** Another request with this key is still running. */
    record InFlight() implements IdempotencyClaim {
    }

    /** A request with this key finished before; {@code sameRequest} tells whether its fingerprint matches. */
    record Completed(StoredResponse response, boolean sameRequest) implements IdempotencyClaim {
    }
}
