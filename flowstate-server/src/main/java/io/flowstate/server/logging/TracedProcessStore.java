package io.flowstate.server.logging;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.ProcessStore;
import java.util.UUID;

/**
 * A store decorator that stamps each event it commits with the W3C trace context of the request that commits it
 * ({@link RequestContext} keeps it for the request's thread), so the envelope every subscriber gets, on any
 * instance, names the trace that caused it. Events committed outside a traced request pass unchanged. Like every
 * decorator it runs the store contract ({@code TracedStoreOnMemoryTest}).
 */
public final class TracedProcessStore extends ForwardingProcessStore {

    private final ProcessStore delegate;

    public TracedProcessStore(ProcessStore delegate) {
        this.delegate = delegate;
    }

    @Override
    protected ProcessStore delegate() {
        return delegate;
    }

    @Override
    public boolean create(ProcessInstance process, Event event) {
        return delegate.create(process, traced(event));
    }

    @Override
    public CasResult compareAndSet(long expectedVersion, ProcessInstance next, Event event) {
        return delegate.compareAndSet(expectedVersion, next, traced(event));
    }

    @Override
    public CasResult delete(UUID processId, long expectedVersion, Event event) {
        return delegate.delete(processId, expectedVersion, traced(event));
    }

    private static Event traced(Event event) {
        return RequestContext.currentTraceParent().map(event::withTraceparent).orElse(event);
    }
}
