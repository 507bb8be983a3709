package io.flowstate.server.events;

import io.flowstate.core.process.Event;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The events of one process for one stream, buffered in a bounded queue between the hub (producer, must never
 * block) and the stream's own virtual thread (consumer, may block on a slow client). Linked rather than array
 * backed, so an idle subscriber costs a few objects and no preallocated array.
 */
public final class Subscriber implements AutoCloseable {

    private final UUID processId;
    private final LinkedBlockingQueue<FeedItem.Change> queue;
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

    /** Called by the hub with the change every subscriber shares; false when the queue is full (then dropped). */
    boolean offer(FeedItem.Change change) {
        if (closed) {
            return true;
        }
        if (!queue.offer(change)) {
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
    public @Nullable Event next(Duration timeout) throws InterruptedException, Dropped {
        FeedItem.@Nullable Change change = nextChange(timeout);
        return change == null ? null : change.event();
    }

    /** {@link #next}, with the rendering the change shares with the other subscribers of its process. */
    FeedItem.@Nullable Change nextChange(Duration timeout) throws InterruptedException, Dropped {
        if (dropped) {
            throw new Dropped();
        }
        FeedItem.@Nullable Change change = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (change == null && dropped) {
            throw new Dropped();
        }
        return change;
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
