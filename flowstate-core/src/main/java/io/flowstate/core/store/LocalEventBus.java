package io.flowstate.core.store;

import io.flowstate.core.process.Event;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners in this JVM. Used by the stores that have no cross-instance channel
 * (memory, SQLite); a listener that throws is logged and does not stop delivery to the others.
 */
public final class LocalEventBus {
    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);

    private final CopyOnWriteArrayList<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    public Subscription subscribe(Consumer<Event> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public void publish(Event event) {
        for (Consumer<Event> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed for process {} version {}", event.processId(), event.version(), e);
            }
        }
    }
}
