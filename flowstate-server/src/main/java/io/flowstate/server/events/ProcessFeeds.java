package io.flowstate.server.events;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.ProcessStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Opens the streams of SSE and WebSocket clients and serves {@code minVersion} reads. Both need the same
 * order of operations: subscribe to the hub first, then read, so nothing committed in between is missed.
 */
public final class ProcessFeeds {

    private final EventHub hub;
    private final ProcessStore store;
    private final Function<UUID, Optional<ProcessInstance>> read;
    private final Duration minVersionWait;

    /**
     * @param store          the store itself: event logs, and reads that must bypass the near cache
     * @param read           how requests read a process (through the near cache for hybrid flows)
     * @param minVersionWait how long a {@code minVersion} read waits for that version to reach this instance
     */
    public ProcessFeeds(EventHub hub, ProcessStore store, Function<UUID, Optional<ProcessInstance>> read,
                        Duration minVersionWait) {
        this.hub = hub;
        this.store = store;
        this.read = read;
        this.minVersionWait = minVersionWait;
    }

    /**
     * A feed opened on a live process.
     *
     * @param current what the first items were computed from
     * @param first   the snapshot, or the replay after {@code lastEventId} (possibly empty)
     */
    public record Opened(ProcessFeed feed, ProcessInstance current, List<FeedItem> first) {
    }

    /**
     * Subscribes to a process's changes and computes what to send first.
     *
     * @param lastEventId the last version the client has seen (replay after it), or null for a snapshot
     * @param minVersion  wait (briefly) until this instance sees at least this version, or null
     * @return empty when no live process has that id
     */
    public Optional<Opened> open(UUID processId, @Nullable Long lastEventId, @Nullable Long minVersion) throws InterruptedException {
        Subscriber live = hub.subscribe(processId);
        try {
            Optional<ProcessInstance> found = read.apply(processId);
            if (found.isEmpty()) {
                live.close();
                return Optional.empty();
            }
            ProcessInstance current = minVersion == null ? found.get() : await(live, found.get(), minVersion);
            ProcessFeed feed = new ProcessFeed(processId, live, store, read);
            List<FeedItem> first = lastEventId == null ? feed.snapshot(current) : feed.catchUp(current, lastEventId);
            return Optional.of(new Opened(feed, current, first));
        } catch (InterruptedException | RuntimeException e) {
            live.close();
            throw e;
        }
    }

    /**
     * Reads a process, waiting up to the configured bound until this instance has seen {@code minVersion}; when the
     * wait runs out, reads the store itself once (the near cache may lag, the store does not).
     *
     * @return empty when no live process has that id; otherwise the newest version known, which is below
     *         {@code minVersion} only when the store does not have that version either
     */
    public Optional<ProcessInstance> readAtLeast(UUID processId, long minVersion) throws InterruptedException {
        Optional<ProcessInstance> found = read.apply(processId);
        if (found.isEmpty() || found.get().version() >= minVersion) {
            return found;
        }
        try (Subscriber live = hub.subscribe(processId)) {
            // read again: a change committed before the subscription would not reach the queue
            Optional<ProcessInstance> again = read.apply(processId);
            if (again.isEmpty()) {
                return again;
            }
            return Optional.of(await(live, again.get(), minVersion));
        }
    }

    private ProcessInstance await(Subscriber live, ProcessInstance current, long minVersion)
            throws InterruptedException {
        ProcessInstance newest = current;
        long deadline = System.nanoTime() + minVersionWait.toNanos();
        while (newest.version() < minVersion) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            Event event;
            try {
                event = live.next(Duration.ofNanos(remaining));
            } catch (Subscriber.Dropped e) {
                break;
            }
            if (event != null && event.version() > newest.version()) {
                newest = event.process();
            }
        }
        if (newest.version() < minVersion) {
            Optional<ProcessInstance> stored = store.get(current.processId());
            if (stored.isPresent() && stored.get().version() > newest.version()) {
                newest = stored.get();
            }
        }
        return newest;
    }
}
