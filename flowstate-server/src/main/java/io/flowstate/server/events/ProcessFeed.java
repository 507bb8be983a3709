package io.flowstate.server.events;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.ProcessStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The stream of one process for one client: what to send first (a snapshot, or a replay of what the client
 * missed), then live changes, each version once and in order.
 *
 * <p>No gaps, no duplicates: the feed subscribes before it reads the process or the log, so every change
 * committed after that read is also in the live queue; live events at or below the last version handed out
 * are skipped, and a live event that skips versions (a message lost between instances) is preceded by the
 * missing ones from the log. A WebSocket reads live items on one thread and resumes on another, so the methods
 * that move {@link #lastVersion()} are synchronized; the wait for the next event is not.
 */
public final class ProcessFeed implements AutoCloseable {

    private final UUID processId;
    private final Subscriber live;
    private final ProcessStore log;
    private final Function<UUID, Optional<ProcessInstance>> read;
    private long lastVersion;

    /**
     * @param live subscribed before anything was read
     * @param log  where retained events are read
     * @param read reads the current process (through the near cache for hybrid flows)
     */
    ProcessFeed(UUID processId, Subscriber live, ProcessStore log, Function<UUID, Optional<ProcessInstance>> read) {
        this.processId = processId;
        this.live = live;
        this.log = log;
        this.read = read;
    }

    public UUID processId() {
        return processId;
    }

    /** The version of the last item handed out (0 before any). */
    public synchronized long lastVersion() {
        return lastVersion;
    }

    /**
     * What the client gets after it has seen everything up to {@code afterVersion}: the retained events after it,
     * or a snapshot when the log no longer reaches back (or {@code afterVersion} is not a version the process
     * had). Empty when the client is up to date. Items already handed out are handed out again: the client asked.
     *
     * @param current the process as read after subscribing
     */
    public synchronized List<FeedItem> catchUp(ProcessInstance current, long afterVersion) {
        List<FeedItem> items = new ArrayList<>();
        EventLog since = afterVersion >= 0 && afterVersion <= current.version()
                ? log.eventsSince(processId, afterVersion) : null;
        if (since != null && since.complete()) {
            since.events().forEach(event -> items.add(new FeedItem.Change(event)));
            lastVersion = Math.max(lastVersion, afterVersion);
        } else {
            items.add(new FeedItem.Snapshot(current));
        }
        items.forEach(item -> lastVersion = Math.max(lastVersion, item.version()));
        return items;
    }

    /** {@link #catchUp(ProcessInstance, long)} on a fresh read; empty when the process is gone. */
    public List<FeedItem> catchUp(long afterVersion) {
        return read.apply(processId).map(current -> catchUp(current, afterVersion)).orElse(List.of());
    }

    /** The current process as a snapshot. */
    public synchronized List<FeedItem> snapshot(ProcessInstance current) {
        lastVersion = Math.max(lastVersion, current.version());
        return List.of(new FeedItem.Snapshot(current));
    }

    /**
     * The next live items, waiting up to {@code timeout}: usually one change, several when a gap had to be filled
     * from the log, none when nothing new happened in time (time for a heartbeat).
     *
     * @throws Subscriber.Dropped when this client fell more than the queue size behind
     */
    public List<FeedItem> next(Duration timeout) throws InterruptedException, Subscriber.Dropped {
        FeedItem.@Nullable Change change = live.nextChange(timeout);
        return change == null ? List.of() : accept(change);
    }

    private synchronized List<FeedItem> accept(FeedItem.Change change) {
        Event event = change.event();
        if (event.version() <= lastVersion) {
            return List.of();
        }
        List<FeedItem> items = new ArrayList<>();
        if (lastVersion > 0 && event.version() > lastVersion + 1) {
            EventLog missed = log.eventsSince(processId, lastVersion);
            if (missed.complete()) {
                missed.events().stream().filter(e -> e.version() < event.version())
                        .forEach(e -> items.add(new FeedItem.Change(e)));
            }
        }
        items.add(change);
        lastVersion = event.version();
        return items;
    }

    @Override
    public void close() {
        live.close();
    }
}
