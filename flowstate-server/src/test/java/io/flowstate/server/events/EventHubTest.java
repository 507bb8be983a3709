package io.flowstate.server.events;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.MemoryProcessStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventHubTest {

    private final Clock clock = Clock.systemUTC();
    private final MemoryProcessStore store = new MemoryProcessStore(clock);
    private final List<Event> seenFirst = new ArrayList<>();
    private final EventHub hub = new EventHub(store, 3, seenFirst::add);

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void deliversEachEventToTheSubscribersOfItsProcessOnly() throws Exception {
        ProcessInstance a = started(clock);
        ProcessInstance b = started(clock);
        try (Subscriber ofA = hub.subscribe(a.processId()); Subscriber ofB = hub.subscribe(b.processId())) {
            store.create(a, startedEvent(a));
            store.create(b, startedEvent(b));

            assertThat(ofA.next(Duration.ofSeconds(1)).processId()).isEqualTo(a.processId());
            assertThat(ofA.next(Duration.ofMillis(20))).isNull();
            assertThat(ofB.next(Duration.ofSeconds(1)).processId()).isEqualTo(b.processId());
            assertThat(seenFirst).hasSize(2);
        }
    }

    @Test
    void theSubscribersOfAProcessShareOneRenderingOfEachEvent() throws Exception {
        ProcessInstance process = started(clock);
        try (Subscriber one = hub.subscribe(process.processId()); Subscriber two = hub.subscribe(process.processId())) {
            store.create(process, startedEvent(process));

            FeedItem.Change first = one.nextChange(Duration.ofSeconds(1));
            FeedItem.Change second = two.nextChange(Duration.ofSeconds(1));
            byte[] rendered = first.rendering().sseFrame(() -> new byte[] {1});
            assertThat(second.rendering().sseFrame(() -> new byte[] {2})).isSameAs(rendered);
            assertThat(second.event()).isSameAs(first.event());
        }
    }

    @Test
    void dropsASubscriberThatFallsBehindWithoutHoldingUpTheOthers() throws Exception {
        ProcessInstance process = started(clock);
        Subscriber slow = hub.subscribe(process.processId());
        Subscriber fast = hub.subscribe(process.processId());
        store.create(process, startedEvent(process));
        ProcessInstance current = process;
        List<Long> seenByFast = new ArrayList<>();
        seenByFast.add(fast.next(Duration.ofSeconds(1)).version());
        for (int i = 0; i < 5; i++) {
            ProcessInstance next = advanced(current, clock);
            store.compareAndSet(current.version(), next, updatedEvent(next));
            current = next;
            seenByFast.add(fast.next(Duration.ofSeconds(1)).version());
        }

        assertThat(seenByFast).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(slow.dropped()).isTrue();
        assertThatThrownBy(() -> slow.next(Duration.ofMillis(1))).isInstanceOf(Subscriber.Dropped.class);
        assertThat(hub.subscribers()).isEqualTo(1);
        fast.close();
        assertThat(hub.subscribers()).isZero();
    }

    @Test
    void aClosedSubscriberReceivesNothingMore() throws Exception {
        ProcessInstance process = started(clock);
        Subscriber subscriber = hub.subscribe(process.processId());
        subscriber.close();

        store.create(process, startedEvent(process));

        assertThat(subscriber.next(Duration.ofMillis(20))).isNull();
        assertThat(hub.subscribers()).isZero();
    }
}
