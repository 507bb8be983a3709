package io.flowstate.server.events;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.MemoryProcessStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Replay and live delivery rules. The hub listens to a separate bus (a store nobody writes to), so a test can
 * deliver, skip or repeat events the way a lossy cross-instance channel might.
 */
class ProcessFeedTest {

    private static final Duration SHORT = Duration.ofMillis(200);

    private final Clock clock = Clock.systemUTC();
    private final MemoryProcessStore store = new MemoryProcessStore(clock, 3);
    private final MemoryProcessStore bus = new MemoryProcessStore(clock);
    private final EventHub hub = new EventHub(bus, 16, event -> { });
    private final ProcessFeeds feeds = new ProcessFeeds(hub, store, store::get, Duration.ofMillis(300));

    /** Commits versions 1..n to the store without telling the hub; returns their events. */
    private List<Event> commit(int n) {
        ProcessInstance current = started(clock);
        List<Event> events = new ArrayList<>(List.of(startedEvent(current)));
        store.create(current, events.getFirst());
        for (int v = 2; v <= n; v++) {
            ProcessInstance next = advanced(current, clock);
            Event event = updatedEvent(next);
            store.compareAndSet(current.version(), next, event);
            events.add(event);
            current = next;
        }
        return events;
    }

    private static List<Long> versions(List<FeedItem> items) {
        return items.stream().map(FeedItem::version).toList();
    }

    @Test
    void startsWithASnapshotOfTheCurrentVersion() throws Exception {
        List<Event> events = commit(2);
        ProcessFeeds.Opened opened = feeds.open(events.getFirst().processId(), null, null).orElseThrow();
        try (ProcessFeed feed = opened.feed()) {
            assertThat(opened.first()).singleElement().isInstanceOf(FeedItem.Snapshot.class);
            assertThat(versions(opened.first())).containsExactly(2L);
        }
    }

    @Test
    void replaysTheRetainedEventsAfterTheLastSeenVersionOrSendsASnapshotWhenTheLogIsTooShort() throws Exception {
        List<Event> events = commit(5); // the log keeps 3..5
        var id = events.getFirst().processId();
        try (ProcessFeed feed = feeds.open(id, 3L, null).orElseThrow().feed()) {
            assertThat(versions(feed.catchUp(3))).containsExactly(4L, 5L);
        }
        List<FeedItem> tooOld = feeds.open(id, 1L, null).orElseThrow().first();
        assertThat(tooOld).singleElement().isInstanceOf(FeedItem.Snapshot.class);
        assertThat(versions(feeds.open(id, 2L, null).orElseThrow().first())).containsExactly(3L, 4L, 5L);
        assertThat(feeds.open(id, 9L, null).orElseThrow().first()).as("a version from the future")
                .singleElement().isInstanceOf(FeedItem.Snapshot.class);
        assertThat(feeds.open(id, 5L, null).orElseThrow().first()).as("up to date").isEmpty();
    }

    @Test
    void skipsLiveEventsTheClientAlreadyHasAndFillsGapsFromTheLog() throws Exception {
        List<Event> events = commit(2);
        var id = events.getFirst().processId();
        try (ProcessFeed feed = feeds.open(id, null, null).orElseThrow().feed()) {
            bus.publish(events.get(1)); // version 2: already in the snapshot
            assertThat(feed.next(SHORT)).isEmpty();

            List<Event> later = new ArrayList<>();
            ProcessInstance current = events.get(1).process();
            for (int i = 0; i < 2; i++) {
                ProcessInstance next = advanced(current, clock);
                Event event = updatedEvent(next);
                store.compareAndSet(current.version(), next, event);
                later.add(event);
                current = next;
            }
            bus.publish(later.get(1)); // version 4 arrives, version 3 was lost on the way

            assertThat(versions(feed.next(SHORT))).containsExactly(3L, 4L);
            bus.publish(later.get(0));
            assertThat(feed.next(SHORT)).as("late duplicate").isEmpty();
        }
    }

    @Test
    void aMinVersionReadWaitsForTheVersionThenFallsBackToTheStore() throws Exception {
        List<Event> events = commit(3);
        var id = events.getFirst().processId();
        MemoryProcessStore stale = new MemoryProcessStore(clock);
        stale.create(events.getFirst().process(), events.getFirst());
        ProcessFeeds lagging = new ProcessFeeds(hub, store, stale::get, Duration.ofMillis(300));

        Thread.ofVirtual().start(() -> {
            sleep(50);
            bus.publish(events.get(1));
        });
        assertThat(lagging.readAtLeast(id, 2).orElseThrow().version()).as("woken by the event").isEqualTo(2);
        assertThat(lagging.readAtLeast(id, 3).orElseThrow().version()).as("read through to the store").isEqualTo(3);
        assertThat(lagging.readAtLeast(id, 4).orElseThrow().version()).as("nobody has it").isEqualTo(3);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
