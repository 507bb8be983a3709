package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.cancelled;
import static io.flowstate.testkit.ProcessFixtures.ended;
import static io.flowstate.testkit.ProcessFixtures.endedEvent;
import static io.flowstate.testkit.ProcessFixtures.response;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.Swept;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Expiry read from the injected clock, its refresh by compare-and-set, and sweepExpired. */
interface ExpiryContract extends StoreUnderTest {

    @Test
    default void processIsLiveUntilItsExpiryAndAbsentFromThen() {
        ProcessInstance v1 = started(clock(), Duration.ofMinutes(10));
        store().create(v1, startedEvent(v1));

        clock().set(v1.expiresAt().minusMillis(1));
        assertThat(store().get(v1.processId())).contains(v1);

        clock().set(v1.expiresAt());
        ProcessInstance v2 = advanced(v1, clock());
        assertThat(store().get(v1.processId())).isEmpty();
        assertThat(store().compareAndSet(1, v2, updatedEvent(v2))).isEqualTo(new CasResult.NotFound());
        assertThat(store().delete(v1.processId(), ProcessStore.ANY_VERSION, endedEvent(cancelled(v1, clock()))))
                .isEqualTo(new CasResult.NotFound());
        assertThat(store().eventsSince(v1.processId(), 0)).isEqualTo(new EventLog(List.of(), false));
    }

    @Test
    default void theIdOfAnExpiredProcessIsFreeAgainAndNothingOfItLeaksIntoTheNewOne() {
        ProcessInstance v1 = started(clock(), Duration.ofMinutes(10));
        store().create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock(), Duration.ofMinutes(10));
        store().compareAndSet(1, v2, updatedEvent(v2));
        String scope = v1.processId().toString();
        store().claimIdempotency(scope, "step-1", "fp", v2.expiresAt().plus(Duration.ofHours(1)));
        store().completeIdempotency(scope, "step-1", response(200, "{\"version\":2}"),
                v2.expiresAt().plus(Duration.ofHours(1)));
        assertThat(store().get(v1.processId())).contains(v2);
        clock().set(v2.expiresAt());
        ProcessInstance again = started(v1.processId(), clock(), Duration.ofMinutes(10));

        boolean created = store().create(again, startedEvent(again));

        assertThat(created).as("an expired process does not hold its id, swept or not").isTrue();
        assertThat(store().get(v1.processId())).contains(again);
        assertThat(store().eventsSince(v1.processId(), 0))
                .isEqualTo(new EventLog(List.of(startedEvent(again)), true));
        assertThat(store().claimIdempotency(scope, "step-1", "fp", again.expiresAt()))
                .as("the expired process's answers went with it")
                .isInstanceOf(IdempotencyClaim.Claimed.class);
    }

    @Test
    default void compareAndSetRefreshesTheExpiry() {
        ProcessInstance v1 = started(clock(), Duration.ofMinutes(10));
        store().create(v1, startedEvent(v1));
        clock().advance(Duration.ofMinutes(8));
        ProcessInstance v2 = advanced(v1, clock(), Duration.ofMinutes(10));
        store().compareAndSet(1, v2, updatedEvent(v2));

        clock().advance(Duration.ofMinutes(8));
        assertThat(store().get(v1.processId())).as("alive past the first expiry").contains(v2);
        assertThat(store().eventsSince(v1.processId(), 0).events()).hasSize(2);

        clock().set(v2.expiresAt());
        assertThat(store().get(v1.processId())).as("gone at the refreshed expiry").isEmpty();
    }

    @Test
    default void compareAndSetRefreshesTheExpiryOfTheProcessesCompletedIdempotencyRecords() {
        ProcessInstance v1 = started(clock(), Duration.ofMinutes(10));
        store().create(v1, startedEvent(v1));
        String scope = v1.processId().toString();
        store().claimIdempotency(scope, "step-1", "fp", v1.expiresAt());
        store().completeIdempotency(scope, "step-1", response(200, "{\"version\":1}"), v1.expiresAt());
        clock().advance(Duration.ofMinutes(8));
        ProcessInstance v2 = advanced(v1, clock(), Duration.ofMinutes(10));
        store().compareAndSet(1, v2, updatedEvent(v2));

        clock().advance(Duration.ofMinutes(8));

        assertThat(store().claimIdempotency(scope, "step-1", "fp", v2.expiresAt()))
                .as("kept as long as the process")
                .isInstanceOf(IdempotencyClaim.Completed.class);
    }

    @Test
    default void sweepReturnsOnlyExpiredProcessesThatHadNotEnded() {
        ProcessInstance live = started(clock(), Duration.ofHours(1));
        ProcessInstance idle = started(clock(), Duration.ofMinutes(10));
        ProcessInstance finished = started(clock(), Duration.ofMinutes(10));
        for (ProcessInstance process : List.of(live, idle, finished)) {
            store().create(process, startedEvent(process));
        }
        ProcessInstance completed = ended(finished, clock(), ProcessStatus.COMPLETED, Duration.ofMinutes(5));
        store().compareAndSet(1, completed, endedEvent(completed));
        clock().advance(Duration.ofMinutes(10));

        Swept swept = store().sweepExpired(100);

        assertThat(swept.unfinished()).containsExactly(idle);
        assertThat(swept.removed()).as("removed, the finished one included").isEqualTo(2);
        assertThat(store().get(live.processId())).contains(live);
        assertThat(store().get(idle.processId())).isEmpty();
        assertThat(store().get(finished.processId())).isEmpty();
        assertThat(store().sweepExpired(100)).isEqualTo(Swept.NOTHING);
    }

    @Test
    default void sweepRemovesNoMoreThanTheLimitAndEachProcessOnce() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ProcessInstance process = started(clock(), Duration.ofMinutes(1));
            store().create(process, startedEvent(process));
            ids.add(process.processId());
        }
        clock().advance(Duration.ofMinutes(1));

        List<UUID> swept = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            Swept removed = store().sweepExpired(2);
            assertThat(removed.removed()).isLessThanOrEqualTo(2).isEqualTo(removed.unfinished().size());
            removed.unfinished().forEach(process -> swept.add(process.processId()));
        }

        assertThat(swept).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(store().sweepExpired(2)).isEqualTo(Swept.NOTHING);
    }

    @Test
    default void sweepingEveryExpiredProcessLeavesTheStoreEmpty() {
        ProcessInstance waiting = started(clock(), Duration.ofMinutes(10));
        store().create(waiting, startedEvent(waiting));
        ProcessInstance current = waiting;
        for (int i = 0; i < eventLogCapacity() + 2; i++) {
            ProcessInstance next = advanced(current, clock(), Duration.ofMinutes(10));
            store().compareAndSet(current.version(), next, updatedEvent(next));
            current = next;
        }
        ProcessInstance finishing = started(clock(), Duration.ofMinutes(10));
        store().create(finishing, startedEvent(finishing));
        ProcessInstance failed = ended(finishing, clock(), ProcessStatus.FAILED, Duration.ofMinutes(1));
        store().compareAndSet(1, failed, endedEvent(failed));
        String scope = waiting.processId().toString();
        store().claimIdempotency(scope, "done", "fp", current.expiresAt());
        store().completeIdempotency(scope, "done", response(200, "{}"), current.expiresAt());
        store().claimIdempotency(scope, "running", "fp", current.expiresAt());
        store().claimIdempotency("flow:" + ProcessFixtures.FLOW, "start", "fp", current.expiresAt());
        store().completeIdempotency("flow:" + ProcessFixtures.FLOW, "start", response(201, "{}"),
                current.expiresAt());
        clock().set(current.expiresAt());

        assertThat(store().sweepExpired(100)).isEqualTo(new Swept(2, List.of(current)));
        assertThat(storeIsEmpty()).as("store keeps nothing after the sweep").isTrue();
    }

    @Test
    default void sweepRemovesExpiredIdempotencyRecordsOfEveryScope() {
        store().claimIdempotency("flow:" + ProcessFixtures.FLOW, "abandoned", "fp",
                clock().instant().plusSeconds(30));
        store().claimIdempotency("flow:" + ProcessFixtures.FLOW, "answered", "fp", clock().instant().plusSeconds(30));
        store().completeIdempotency("flow:" + ProcessFixtures.FLOW, "answered", response(201, "{}"),
                clock().instant().plusSeconds(60));
        clock().advance(Duration.ofSeconds(60));

        assertThat(store().sweepExpired(100)).isEqualTo(Swept.NOTHING);
        assertThat(storeIsEmpty()).isTrue();
    }
}
