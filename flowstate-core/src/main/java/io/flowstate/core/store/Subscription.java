package io.flowstate.core.store;

/** A registered event listener; closing it stops delivery. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
