package io.flowstate.script;

/**
 * Host code that runs in one sandboxed context under the runner's statement and wall-clock limits (nFlow's
 * JavaScript contract is built on it). A {@link org.graalvm.polyglot.PolyglotException} it lets through becomes a
 * {@link GuestResult.Failed}; other exceptions are bugs and propagate.
 */
@FunctionalInterface
public interface GuestCall<T> {
    T run(Guest guest);
}
