package io.flowstate.server.hybrid;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.cancelled;
import static io.flowstate.testkit.ProcessFixtures.endedEvent;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.testkit.FaultyProcessStore;
import io.flowstate.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The near cache over a real memory store. Events reach the cache only when a test calls {@code apply}, so a
 * test can play an instance that missed an event.
 */
class NearCacheProcessStoreTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final MemoryProcessStore shared = new MemoryProcessStore(clock);
    private final NearCacheProcessStore cache = new NearCacheProcessStore(shared, process -> true, 100, clock);

    @Test
    void servesARememberedProcessWithoutReadingTheStore() {
        ProcessInstance v1 = started(clock);
        cache.create(v1, startedEvent(v1));
        shared.close(); // the store forgets everything: only the cache can answer now

        assertThat(cache.get(v1.processId())).contains(v1);
    }

    @Test
    void aConflictRefreshesTheStaleEntrySoTheRetryCanCommit() {
        ProcessInstance v1 = started(clock);
        cache.create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock);
        shared.compareAndSet(1, v2, updatedEvent(v2)); // another instance wrote; its event never arrived

        assertThat(cache.get(v1.processId())).contains(v1);
        CasResult lost = cache.compareAndSet(1, advanced(v1, clock), updatedEvent(advanced(v1, clock)));

        assertThat(lost).isEqualTo(new CasResult.Conflict(v2));
        assertThat(cache.get(v1.processId())).contains(v2);
        ProcessInstance v3 = advanced(v2, clock);
        assertThat(cache.compareAndSet(2, v3, updatedEvent(v3))).isEqualTo(new CasResult.Committed(v3));
    }

    @Test
    void anEventWithAHigherVersionReplacesTheEntryAndAnOlderOneDoesNot() {
        ProcessInstance v1 = started(clock);
        cache.create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock);
        ProcessInstance v3 = advanced(v2, clock);

        cache.apply(updatedEvent(v3));
        cache.apply(updatedEvent(v2));

        assertThat(cache.get(v1.processId())).contains(v3);
    }

    @Test
    void aCancelledEventLeavesATombstoneThatALateEventCannotOverwrite() {
        ProcessInstance v1 = started(clock);
        cache.create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock);

        cache.apply(endedEvent(cancelled(v2, clock)));
        cache.apply(updatedEvent(v2));

        assertThat(cache.get(v1.processId())).isEmpty();
        assertThat(cache.holds(v1.processId())).isTrue();
    }

    @Test
    void neverAnswersAnExpiredProcessFromTheCache() {
        ProcessInstance v1 = started(clock, Duration.ofSeconds(10));
        cache.create(v1, startedEvent(v1));

        clock.advance(Duration.ofSeconds(10));

        assertThat(cache.get(v1.processId())).isEmpty();
    }

    @Test
    void eventsOfProcessesItDoesNotHoldAreIgnored() {
        ProcessInstance v1 = started(clock);
        shared.create(v1, startedEvent(v1));

        cache.apply(updatedEvent(advanced(v1, clock)));

        assertThat(cache.holds(v1.processId())).isFalse();
    }

    @Test
    void processesOfOtherModesAreReadFromTheStoreAndHeldOnlyAsTheEnginesCopyAtHand() {
        NearCacheProcessStore none = new NearCacheProcessStore(shared, process -> false, 100, clock);
        ProcessInstance v1 = started(clock);
        none.create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock);
        shared.compareAndSet(1, v2, updatedEvent(v2)); // another instance wrote; its event never arrived

        assertThat(none.recent(v1.processId())).contains(v1);
        assertThat(none.get(v1.processId())).contains(v2);
        assertThat(none.recent(v1.processId())).contains(v2);
    }

    @Test
    void aProcessThatReadsAnswerFromTheCacheHasNoSeparateCopyAtHand() {
        ProcessInstance v1 = started(clock);
        cache.create(v1, startedEvent(v1));

        assertThat(cache.recent(v1.processId())).isEmpty();
        assertThat(cache.get(v1.processId())).contains(v1);
    }

    @Test
    void theCopyAtHandFollowsEventsAndGoesWithTheProcess() {
        NearCacheProcessStore none = new NearCacheProcessStore(shared, process -> false, 100, clock);
        ProcessInstance v1 = started(clock);
        none.create(v1, startedEvent(v1));
        ProcessInstance v2 = advanced(v1, clock);

        none.apply(updatedEvent(v2));
        assertThat(none.recent(v1.processId())).contains(v2);

        none.apply(endedEvent(cancelled(v2, clock)));
        assertThat(none.recent(v1.processId())).isEmpty();
        assertThat(none.get(v1.processId())).contains(v1); // reads still ask the store, which never saw v2
    }

    @Test
    void noCopyAtHandOutlivesItsExpiryOrTheStoredProcess() {
        NearCacheProcessStore none = new NearCacheProcessStore(shared, process -> false, 100, clock);
        ProcessInstance v1 = started(clock);
        ProcessInstance v2 = started(clock);
        none.create(v1, startedEvent(v1));
        none.create(v2, startedEvent(v2));
        shared.delete(v2.processId(), ProcessStore.ANY_VERSION, endedEvent(cancelled(v2, clock)));

        assertThat(none.get(v2.processId())).isEmpty();
        assertThat(none.recent(v2.processId())).isEmpty();
        clock.advance(Duration.between(clock.instant(), v1.expiresAt()));
        assertThat(none.recent(v1.processId())).isEmpty();
    }

    @Test
    void aNewerVersionOfTheCreatedProcessThatARacingReadCachedFirstIsKept() {
        ProcessInstance v1 = started(clock);
        ProcessInstance v2 = advanced(v1, clock);
        NearCacheProcessStore[] racing = new NearCacheProcessStore[1];
        ProcessStore stepsAtOnce = new ForwardingProcessStore() {
            @Override
            protected ProcessStore delegate() {
                return shared;
            }

            @Override
            public boolean create(ProcessInstance process, Event event) {
                boolean created = super.create(process, event);
                // before the create returns, another request steps the process and a read caches the result
                shared.compareAndSet(1, v2, updatedEvent(v2));
                racing[0].get(process.processId());
                return created;
            }
        };
        racing[0] = new NearCacheProcessStore(stepsAtOnce, process -> true, 100, clock);

        assertThat(racing[0].create(v1, startedEvent(v1))).isTrue();

        shared.close(); // only the cache can answer now
        assertThat(racing[0].get(v1.processId())).contains(v2);
    }

    @Test
    void aProcessOfAnotherModeCreatedUnderAReusedIdIsNotHiddenByTheTombstone() {
        ProcessInstance v1 = started(clock);
        NearCacheProcessStore none = new NearCacheProcessStore(shared, process -> false, 100, clock);
        none.create(v1, startedEvent(v1));
        none.delete(v1.processId(), 1, endedEvent(cancelled(v1, clock)));
        clock.advance(Duration.ofSeconds(1));
        ProcessInstance again = started(v1.processId(), clock, Duration.ofMinutes(10));

        none.create(again, startedEvent(again));

        assertThat(none.get(v1.processId())).contains(again);
    }

    @Test
    void aWriteThatFailsAfterReachingTheStoreLeavesNoStaleEntry() {
        FaultyProcessStore faulty = new FaultyProcessStore(shared);
        NearCacheProcessStore cached = new NearCacheProcessStore(faulty, process -> true, 100, clock);
        ProcessInstance v1 = started(clock);
        ProcessInstance v2 = advanced(v1, clock);
        cached.create(v1, startedEvent(v1));
        faulty.arm(FaultyProcessStore.Operation.COMPARE_AND_SET, new FaultyProcessStore.Fault.AfterWrite(), 1);

        assertThatThrownBy(() -> cached.compareAndSet(1, v2, updatedEvent(v2)))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(cached.holds(v1.processId())).isFalse();
        assertThat(cached.get(v1.processId())).contains(v2);
    }

    @Test
    void smallProcessesAreBoundedByCountAndLargeOnesByTheirBytes() {
        NearCacheProcessStore bounded = new NearCacheProcessStore(shared, process -> true, 100, 1_000_000, clock);
        List<UUID> large = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ProcessInstance small = started(clock);
            bounded.create(small, startedEvent(small));
        }
        assertThat(bounded.size()).isEqualTo(100);

        for (int i = 0; i < 30; i++) {
            ProcessInstance started = started(clock);
            ObjectNode state = Json.object().put("blob", "x".repeat(50_000));
            ProcessInstance big = new ProcessInstance(started.processId(), started.flowId(), started.flowVersion(),
                    started.status(), started.version(), started.currentStep(), state, null, null,
                    started.createdAt(), started.updatedAt(), started.expiresAt());
            bounded.create(big, startedEvent(big));
            large.add(big.processId());
        }

        bounded.size();
        assertThat(large.stream().filter(bounded::holds).count()).isLessThanOrEqualTo(10);
    }
}
