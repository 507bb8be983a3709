package io.flowstate.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.testkit.FaultyProcessStore;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.ProcessFixtures;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What the metered store counts: each operation's latency, operations that threw, and lost compare-and-sets. */
class MeteredProcessStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final FlowstateMetrics metrics = FlowstateMetrics.unread();
    private final FaultyProcessStore faulty = new FaultyProcessStore(new MemoryProcessStore(clock, 100));
    private final ProcessStore store = metrics.store(faulty, "memory");

    @Test
    void aLostCompareAndSetIsCountedAsAConflictAndTimedLikeEveryOperation() {
        ProcessInstance started = ProcessFixtures.started(clock);
        store.create(started, ProcessFixtures.startedEvent(started));
        ProcessInstance next = ProcessFixtures.advanced(started, clock);
        assertThat(store.compareAndSet(started.version(), next, ProcessFixtures.updatedEvent(next)))
                .isInstanceOf(CasResult.Committed.class);

        CasResult lost = store.compareAndSet(started.version(), next, ProcessFixtures.updatedEvent(next));

        assertThat(lost).isInstanceOf(CasResult.Conflict.class);
        String text = metrics.scrape();
        assertThat(text).contains(
                "flowstate_store_conflicts_total{operation=\"compare_and_set\",store=\"memory\"} 1",
                "flowstate_store_operation_duration_seconds_count{operation=\"compare_and_set\",store=\"memory\"} 2",
                "flowstate_store_operation_duration_seconds_count{operation=\"create\",store=\"memory\"} 1");
    }

    @Test
    void anOperationThatThrowsIsCountedAsAnErrorAndStillThrows() {
        faulty.arm(FaultyProcessStore.Operation.GET, new FaultyProcessStore.Fault.BeforeWrite(), 1);

        assertThatThrownBy(() -> store.get(ProcessFixtures.started(clock).processId()))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(metrics.scrape()).contains("flowstate_store_errors_total{operation=\"get\",store=\"memory\"} 1");
    }
}
