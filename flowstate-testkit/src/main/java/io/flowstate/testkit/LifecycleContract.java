package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.cancelled;
import static io.flowstate.testkit.ProcessFixtures.endedEvent;
import static io.flowstate.testkit.ProcessFixtures.response;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.state;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessStore;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** create, get and delete. */
interface LifecycleContract extends StoreUnderTest {

    @Test
    default void createdProcessIsReadBackWithItsFirstEvent() {
        ProcessInstance process = started(clock());

        boolean created = store().create(process, startedEvent(process));

        assertThat(created).isTrue();
        assertThat(store().get(process.processId())).contains(process);
        assertThat(store().eventsSince(process.processId(), 0))
                .isEqualTo(new EventLog(List.of(startedEvent(process)), true));
    }

    @Test
    default void createWithTakenIdReturnsFalseAndChangesNothing() {
        ProcessInstance first = started(clock());
        store().create(first, startedEvent(first));
        ProcessInstance impostor = new ProcessInstance(first.processId(), "other", null, first.status(), 1,
                null, state("{\"stolen\":true}"), null, null, first.createdAt(), first.updatedAt(),
                first.expiresAt().plusSeconds(60));

        boolean created = store().create(impostor, startedEvent(impostor));

        assertThat(created).isFalse();
        assertThat(store().get(first.processId())).contains(first);
        assertThat(store().eventsSince(first.processId(), 0).events()).containsExactly(startedEvent(first));
    }

    @Test
    default void theIdOfADeletedProcessCanBeCreatedAgain() {
        ProcessInstance first = started(clock());
        store().create(first, startedEvent(first));
        ProcessInstance second = advanced(first, clock());
        store().compareAndSet(1, second, updatedEvent(second));
        store().delete(first.processId(), ProcessStore.ANY_VERSION, endedEvent(cancelled(second, clock())));
        clock().advance(Duration.ofSeconds(1));
        ProcessInstance again = started(first.processId(), clock(), ProcessFixtures.TTL);

        boolean created = store().create(again, startedEvent(again));

        assertThat(created).isTrue();
        assertThat(store().get(first.processId())).contains(again);
        assertThat(store().eventsSince(first.processId(), 0))
                .isEqualTo(new EventLog(List.of(startedEvent(again)), true));
    }

    @Test
    default void getOfUnknownIdIsEmpty() {
        assertThat(store().get(UUID.randomUUID())).isEmpty();
    }

    @Test
    default void deleteOfAnyVersionRemovesProcessEventsAndIdempotencyRecords() {
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock());
        store().compareAndSet(1, v2, updatedEvent(v2));
        String scope = v1.processId().toString();
        store().claimIdempotency(scope, "done", "fp", v2.expiresAt());
        store().completeIdempotency(scope, "done", response(200, "{}"), v2.expiresAt());
        store().claimIdempotency(scope, "running", "fp", v2.expiresAt());

        CasResult result = store().delete(v1.processId(), ProcessStore.ANY_VERSION,
                endedEvent(cancelled(v2, clock())));

        assertThat(result).isEqualTo(new CasResult.Committed(v2));
        assertThat(store().get(v1.processId())).isEmpty();
        assertThat(store().eventsSince(v1.processId(), 0)).isEqualTo(new EventLog(List.of(), false));
        assertThat(store().claimIdempotency(scope, "done", "fp", v2.expiresAt()))
                .isInstanceOf(IdempotencyClaim.Claimed.class);
        assertThat(store().claimIdempotency(scope, "running", "fp", v2.expiresAt()))
                .isInstanceOf(IdempotencyClaim.Claimed.class);
    }

    @Test
    default void deleteOfExactVersionCommits() {
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));

        CasResult result = store().delete(v1.processId(), 1, endedEvent(cancelled(v1, clock())));

        assertThat(result).isEqualTo(new CasResult.Committed(v1));
        assertThat(store().get(v1.processId())).isEmpty();
    }

    @Test
    default void deleteWithStaleVersionConflictsAndKeepsTheProcess() {
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock());
        store().compareAndSet(1, v2, updatedEvent(v2));

        CasResult result = store().delete(v1.processId(), 1, endedEvent(cancelled(v1, clock())));

        assertThat(result).isEqualTo(new CasResult.Conflict(v2));
        assertThat(store().get(v1.processId())).contains(v2);
        assertThat(store().eventsSince(v1.processId(), 0).events()).hasSize(2);
    }

    @Test
    default void deleteOfUnknownIdIsNotFound() {
        ProcessInstance never = started(clock());

        CasResult result = store().delete(never.processId(), ProcessStore.ANY_VERSION,
                endedEvent(cancelled(never, clock())));

        assertThat(result).isEqualTo(new CasResult.NotFound());
    }

    @Test
    default void deletingEveryProcessLeavesTheStoreEmpty() {
        for (int i = 0; i < 3; i++) {
            ProcessInstance v1 = started(clock());
            store().create(v1, startedEvent(v1));
            ProcessInstance v2 = advanced(v1, clock());
            store().compareAndSet(1, v2, updatedEvent(v2));
            store().claimIdempotency(v1.processId().toString(), "k", "fp", v2.expiresAt());
            store().delete(v1.processId(), 2, endedEvent(cancelled(v2, clock())));
        }

        assertThat(storeIsEmpty()).as("store keeps nothing after every process was deleted").isTrue();
    }
}
