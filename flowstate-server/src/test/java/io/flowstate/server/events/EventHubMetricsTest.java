package io.flowstate.server.events;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.server.metrics.FlowstateMetrics;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The hub counts each event it queues for a subscriber, and the event it could not queue for one that fell behind. */
class EventHubMetricsTest {

    private final Clock clock = Clock.systemUTC();
    private final MemoryProcessStore store = new MemoryProcessStore(clock);
    private final FlowstateMetrics metrics = FlowstateMetrics.unread();

    @Test
    void countsDeliveredEventsAndTheOneADroppedSubscriberMissed() throws Exception {
        ProcessInstance process = started(clock);
        try (EventHub hub = new EventHub(store, 2, event -> { }, metrics);
             Subscriber slow = hub.subscribe(process.processId());
             Subscriber fast = hub.subscribe(process.processId())) {
            store.create(process, startedEvent(process));
            fast.next(Duration.ofSeconds(1));
            ProcessInstance current = process;
            for (int i = 0; i < 2; i++) {
                ProcessInstance next = advanced(current, clock);
                store.compareAndSet(current.version(), next, updatedEvent(next));
                current = next;
                fast.next(Duration.ofSeconds(1));
            }

            assertThat(slow.dropped()).isTrue();
        }
        // versions 1-3 reached the fast subscriber, 1-2 the slow one; version 3 found the slow one's queue full
        assertThat(metrics.scrape()).contains("flowstate_events_delivered_total 5.0",
                "flowstate_events_dropped_total 1.0");
    }
}
