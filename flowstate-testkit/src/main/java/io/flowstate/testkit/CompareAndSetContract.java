package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.cancelled;
import static io.flowstate.testkit.ProcessFixtures.endedEvent;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.ProcessStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** compareAndSet from one thread; races are in {@link ConcurrencyContract}. */
interface CompareAndSetContract extends StoreUnderTest {

    @Test
    default void compareAndSetOfCurrentVersionStoresNextAndAppendsItsEvent() {
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock());

        CasResult result = store().compareAndSet(1, v2, updatedEvent(v2));

        assertThat(result).isEqualTo(new CasResult.Committed(v2));
        assertThat(store().get(v1.processId())).contains(v2);
        assertThat(store().eventsSince(v1.processId(), 1)).isEqualTo(new EventLog(List.of(updatedEvent(v2)), true));
    }

    @Test
    default void compareAndSetOfStaleVersionConflictsWithTheCurrentProcessAndChangesNothing() {
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock());
        store().compareAndSet(1, v2, updatedEvent(v2));
        ProcessInstance lostUpdate = advanced(v1, clock());

        CasResult result = store().compareAndSet(1, lostUpdate, updatedEvent(lostUpdate));

        assertThat(result).isEqualTo(new CasResult.Conflict(v2));
        assertThat(store().get(v1.processId())).contains(v2);
        assertThat(store().eventsSince(v1.processId(), 0).events())
                .containsExactly(startedEvent(v1), updatedEvent(v2));
    }

    @Test
    default void aCopyAtHandIsNeverNewerThanTheStoredProcessAndGoesWithIt() {
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock());
        store().compareAndSet(1, v2, updatedEvent(v2));

        assertThat(store().recent(v1.processId())).satisfiesAnyOf(
                copy -> assertThat(copy).isEmpty(), copy -> assertThat(copy).contains(v2));
        store().delete(v1.processId(), ProcessStore.ANY_VERSION, endedEvent(cancelled(v2, clock())));
        assertThat(store().recent(v1.processId())).isEmpty();
    }

    @Test
    default void compareAndSetOfUnknownIdIsNotFound() {
        ProcessInstance never = started(clock());
        ProcessInstance next = advanced(never, clock());

        CasResult result = store().compareAndSet(1, next, updatedEvent(next));

        assertThat(result).isEqualTo(new CasResult.NotFound());
        assertThat(store().get(never.processId())).isEmpty();
    }

    @Test
    default void successiveCompareAndSetsGrowTheVersionByOne() {
        ProcessInstance current = started(clock());
        store().create(current, startedEvent(current));

        for (int i = 0; i < 10; i++) {
            ProcessInstance next = advanced(current, clock());
            assertThat(store().compareAndSet(current.version(), next, updatedEvent(next)))
                    .isEqualTo(new CasResult.Committed(next));
            current = next;
        }

        assertThat(store().get(current.processId())).contains(current);
        assertThat(current.version()).isEqualTo(11);
        assertThat(ProcessFixtures.count(current)).isEqualTo(10);
    }
}
