package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.cancelled;
import static io.flowstate.testkit.ProcessFixtures.endedEvent;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * eventsSince, subscribe and publish. Deliveries may be asynchronous, so "nothing more arrived" is proven
 * with a sentinel: an event committed afterwards that a listener receives only after everything before it.
 */
interface EventLogContract extends StoreUnderTest {

    @Test
    default void eventsSinceReturnsOnlyLaterEventsOldestFirst() {
        List<Event> events = commitVersions(4);
        UUID id = events.getFirst().processId();

        assertThat(store().eventsSince(id, 0)).isEqualTo(new EventLog(events, true));
        assertThat(store().eventsSince(id, 2)).isEqualTo(new EventLog(events.subList(2, 4), true));
        assertThat(store().eventsSince(id, 4)).isEqualTo(new EventLog(List.of(), true));
    }

    @Test
    default void eventsSinceIsIncompleteOnceTheCappedLogNoLongerReachesBack() {
        int capacity = eventLogCapacity();
        List<Event> events = commitVersions(capacity + 3);
        UUID id = events.getFirst().processId();
        long latest = events.getLast().version();
        List<Event> retained = events.subList(events.size() - capacity, events.size());

        assertThat(store().eventsSince(id, 0)).isEqualTo(new EventLog(retained, false));
        assertThat(store().eventsSince(id, latest - capacity - 1).complete()).isFalse();
        assertThat(store().eventsSince(id, latest - capacity)).isEqualTo(new EventLog(retained, true));
        assertThat(store().eventsSince(id, latest - 1)).isEqualTo(new EventLog(List.of(events.getLast()), true));
    }

    @Test
    default void eventsSinceOfUnknownIdIsEmptyAndIncomplete() {
        assertThat(store().eventsSince(UUID.randomUUID(), 0)).isEqualTo(new EventLog(List.of(), false));
    }

    @Test
    default void subscriberReceivesEveryCommittedEventOnceInOrder() throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        Subscription subscription = store().subscribe(listener);
        try {
            ProcessInstance v1 = started(clock());
            ProcessInstance v2 = advanced(v1, clock());
            Event removal = endedEvent(cancelled(v2, clock()));
            store().create(v1, startedEvent(v1));
            store().compareAndSet(1, v2, updatedEvent(v2));
            store().compareAndSet(1, advanced(v1, clock()), updatedEvent(advanced(v1, clock())));
            store().delete(v1.processId(), 2, removal);
            store().delete(v1.processId(), 2, removal);
            Event sentinel = createSentinel();

            // Order is per process: on Redis Cluster the sentinel's process may live on another shard, so its
            // event may overtake the others.
            List<Event> received = listener.next(4, event -> event.processId().equals(v1.processId())
                    || event.processId().equals(sentinel.processId()));
            assertThat(received).filteredOn(event -> event.processId().equals(v1.processId()))
                    .containsExactly(startedEvent(v1), updatedEvent(v2), removal);
            assertThat(received).contains(sentinel);
            assertThat(listener.pending()).as("no duplicates, nothing for rejected writes").isEmpty();
        } finally {
            subscription.close();
        }
    }

    @Test
    default void closedSubscriptionReceivesNothingMore() throws InterruptedException {
        RecordingListener closed = new RecordingListener();
        RecordingListener open = new RecordingListener();
        Subscription closing = store().subscribe(closed);
        Subscription subscription = store().subscribe(open);
        try {
            Event before = createSentinel();
            assertThat(closed.next(1, event -> event.processId().equals(before.processId()))).containsExactly(before);

            closing.close();
            Event after = createSentinel();

            assertThat(open.next(2, event -> event.processId().equals(before.processId())
                    || event.processId().equals(after.processId()))).containsExactly(before, after);
            assertThat(closed.pending()).filteredOn(event -> event.processId().equals(after.processId())).isEmpty();
        } finally {
            subscription.close();
        }
    }

    @Test
    default void publishDeliversEventsThatNoCommitProduced() throws InterruptedException {
        RecordingListener listener = new RecordingListener();
        Subscription subscription = store().subscribe(listener);
        try {
            ProcessInstance gone = advanced(started(clock()), clock());
            Event expired = Event.of(EventType.PROCESS_EXPIRED, new ProcessInstance(gone.processId(), gone.flowId(),
                    gone.flowVersion(), ProcessStatus.EXPIRED, gone.version(), null, gone.state(), null, null,
                    gone.createdAt(), gone.updatedAt(), gone.updatedAt()), List.of());

            store().publish(expired);

            assertThat(listener.next(1, event -> event.processId().equals(expired.processId())))
                    .containsExactly(expired);
        } finally {
            subscription.close();
        }
    }

    /** Creates one process and commits versions 2..{@code versions}; returns its events. */
    private List<Event> commitVersions(int versions) {
        ProcessInstance current = started(clock());
        List<Event> events = new ArrayList<>();
        events.add(startedEvent(current));
        store().create(current, events.getFirst());
        for (int version = 2; version <= versions; version++) {
            ProcessInstance next = advanced(current, clock());
            events.add(updatedEvent(next));
            store().compareAndSet(current.version(), next, events.getLast());
            current = next;
        }
        return events;
    }

    private Event createSentinel() {
        ProcessInstance sentinel = started(clock());
        store().create(sentinel, startedEvent(sentinel));
        return startedEvent(sentinel);
    }
}
