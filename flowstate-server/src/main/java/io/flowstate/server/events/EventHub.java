package io.flowstate.server.events;

import io.flowstate.core.process.Event;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.Subscription;
import io.flowstate.server.metrics.FlowstateMetrics;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's one subscription to the store, fanned out to the streams of each process. The store calls
 * {@link #dispatch} on its delivery thread (under its lock, for the memory store), so dispatch never blocks: it
 * offers the event to each subscriber's bounded queue, and a subscriber whose queue is full is dropped (its
 * connection closes; the client resumes with {@code Last-Event-ID}) rather than slowing the others.
 */
public final class EventHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);

    private final ConcurrentHashMap<UUID, Set<Subscriber>> byProcess = new ConcurrentHashMap<>();
    private final int queueSize;
    private final Consumer<Event> beforeFanOut;
    private final Subscription subscription;
    private final FlowstateMetrics metrics;

    /**
     * Subscribes to {@code store}.
     *
     * @param queueSize    events buffered per subscriber before it is dropped
     * @param beforeFanOut sees every event before any subscriber does (the near cache, so that a stream woken by
     *                     an event reads at least that version)
     */
    public EventHub(ProcessStore store, int queueSize, Consumer<Event> beforeFanOut) {
        this(store, queueSize, beforeFanOut, FlowstateMetrics.unread());
    }

    /** A hub that counts the events it queues for subscribers and those it drops with a subscriber that fell behind. */
    public EventHub(ProcessStore store, int queueSize, Consumer<Event> beforeFanOut, FlowstateMetrics metrics) {
        if (queueSize < 1) {
            throw new IllegalArgumentException("queueSize must be >= 1");
        }
        this.queueSize = queueSize;
        this.beforeFanOut = beforeFanOut;
        this.metrics = metrics;
        this.subscription = store.subscribe(this::dispatch);
    }

    /** Starts buffering the events of {@code processId} committed from now on, by any instance. */
    public Subscriber subscribe(UUID processId) {
        Subscriber subscriber = new Subscriber(processId, queueSize, this::remove);
        byProcess.computeIfAbsent(processId, id -> ConcurrentHashMap.newKeySet()).add(subscriber);
        return subscriber;
    }

    /** Number of open subscribers, for metrics and tests. */
    public int subscribers() {
        return byProcess.values().stream().mapToInt(Set::size).sum();
    }

    void dispatch(Event event) {
        try {
            beforeFanOut.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("near cache update failed for process {} version {}", event.processId(), event.version(), e);
        }
        Set<Subscriber> subscribers = byProcess.get(event.processId());
        if (subscribers == null) {
            return;
        }
        FeedItem.Change change = new FeedItem.Change(event);
        for (Subscriber subscriber : subscribers) {
            if (subscriber.offer(change)) {
                metrics.eventDelivered();
            } else {
                metrics.eventDropped();
                LOG.info("dropping a subscriber of process {} that fell {} events behind", event.processId(), queueSize);
                remove(subscriber);
            }
        }
    }

    private void remove(Subscriber subscriber) {
        byProcess.computeIfPresent(subscriber.processId(), (id, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    /** Stops receiving events; open subscribers see no more. */
    @Override
    public void close() {
        subscription.close();
        byProcess.values().forEach(set -> set.forEach(Subscriber::close));
        byProcess.clear();
    }
}
