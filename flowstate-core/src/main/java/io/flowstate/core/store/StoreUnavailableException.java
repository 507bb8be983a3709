package io.flowstate.core.store;

/**
 * The store cannot be reached or did not answer in time. The operation may or may not have been applied;
 * callers answer 503 {@code store_unavailable} and clients retry with the same Idempotency-Key.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
