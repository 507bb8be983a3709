package io.flowstate.server.events;

import io.flowstate.core.process.Event;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The events of one process for one stream, buffered in a bounded queue between the hub (producer, must never
 * block) and the stream's own virtual thread (consumer, may block on a slow client). Linked rather than array
 * backed, so an idle subscriber costs a few objects and no preallocated array.
 */
public final class Subscriber implements AutoCloseable {

    private final UUID processId;
    private final LinkedBlockingQueue<Event> queue;
    private final Consumer<Subscriber> onClose;
    private volatile boolean dropped;
    private volatile boolean closed;

    Subscriber(UUID processId, int capacity, Consumer<Subscriber> onClose) {
        this.processId = processId;
        this.queue = new LinkedBlockingQueue<>(capacity);
        this.onClose = onClose;
    }

    public UUID processId() {
        return processId;
    }

    /** Called by the hub; false when the queue is full (the subscriber is then dropped). */
    boolean offer(Event event) {
        if (closed) {
            return true;
        }
        if (!queue.offer(event)) {
            dropped = true;
            return false;
        }
        return true;
    }

    /**
     * The next buffered event, waiting up to {@code timeout}.
     *
     * @return the event, or null when none arrived in time (time for a heartbeat)
     * @throws Dropped when the subscriber fell too far behind and must disconnect
     */
    public Event next(Duration timeout) throws InterruptedException, Dropped {
        if (dropped) {
            throw new Dropped();
        }
        Event event = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (event == null && dropped) {
            throw new Dropped();
        }
        return event;
    }

    /** True once the hub gave up on this subscriber. */
    public boolean dropped() {
        return dropped;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            onClose.accept(this);
            queue.clear();
        }
    }

    /** The subscriber fell more than the queue size behind; its stream must close (the client resumes). */
    public static final class Dropped extends Exception {
        Dropped() {
            super("the subscriber fell too far behind", null, false, false);
        }
    }
}
