package io.flowstate.core.store;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A store that forwards every call to another one: the base of decorators (a near cache, a store opened later,
 * a counting store in tests). A decorator overrides only what it changes and is itself a {@link ProcessStore}, so
 * it runs the same contract suite as the stores it wraps.
 */
public abstract class ForwardingProcessStore implements ProcessStore {

    /** The store calls go to; may change over the decorator's life (a store opened later). */
    protected abstract ProcessStore delegate();

    @Override
    public boolean create(ProcessInstance process, Event event) {
        return delegate().create(process, event);
    }

    @Override
    public Optional<ProcessInstance> get(UUID processId) {
        return delegate().get(processId);
    }

    @Override
    public Optional<ProcessInstance> recent(UUID processId) {
        return delegate().recent(processId);
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        return delegate().compareAndSet(expectedVersion, next, event);
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        return delegate().delete(processId, expectedVersion, event);
    }

    @Override
    public EventLog eventsSince(UUID processId, long afterVersion) {
        return delegate().eventsSince(processId, afterVersion);
    }

    @Override
    public IdempotencyClaim claimIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return delegate().claimIdempotency(scope, key, fingerprint, expiresAt);
    }

    @Override
    public boolean renewIdempotency(String scope, String key, String fingerprint, Instant expiresAt) {
        return delegate().renewIdempotency(scope, key, fingerprint, expiresAt);
    }

    @Override
    public void completeIdempotency(String scope, String key, StoredResponse response, Instant expiresAt) {
        delegate().completeIdempotency(scope, key, response, expiresAt);
    }

    @Override
    public void releaseIdempotency(String scope, String key) {
        delegate().releaseIdempotency(scope, key);
    }

    @Override
    public Optional<String> setting(String name) {
        return delegate().setting(name);
    }

    @Override
    public void putSetting(String name, @Nullable String value) {
        delegate().putSetting(name, value);
    }

    @Override
    public String putSettingIfAbsent(String name, String value) {
        return delegate().putSettingIfAbsent(name, value);
    }

    @Override
    public Swept sweepExpired(int limit) {
        return delegate().sweepExpired(limit);
    }

    @Override
    public ProcessPage list(ProcessQuery query) {
        return delegate().list(query);
    }

    @Override
    public Subscription subscribe(Consumer<Event> listener) {
        return delegate().subscribe(listener);
    }

    @Override
    public void publish(Event event) {
        delegate().publish(event);
    }

    @Override
    public void ping() {
        delegate().ping();
    }

    @Override
    public void close() {
        delegate().close();
    }
}
