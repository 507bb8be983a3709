package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Races between writers: on platform threads released together, and on many virtual threads. */
interface ConcurrencyContract extends StoreUnderTest {

    @Test
    default void exactlyOneOfManyConcurrentWritersOfTheSameVersionCommits() throws Exception {
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));

        List<CasResult> results = Concurrently.run(32, thread -> {
            ProcessInstance next = advanced(v1, clock());
            return store().compareAndSet(1, next, updatedEvent(next));
        });

        assertThat(results).filteredOn(CasResult.Committed.class::isInstance).hasSize(1);
        assertThat(results).filteredOn(CasResult.Conflict.class::isInstance).hasSize(31)
                .allSatisfy(conflict -> assertThat(((CasResult.Conflict) conflict).current().version())
                        .isEqualTo(2));
        assertThat(store().eventsSince(v1.processId(), 0).events()).hasSize(2);
    }

    @Test
    default void concurrentReadModifyWriteRetriesLoseNoUpdate() throws Exception {
        int threads = 16;
        int incrementsPerThread = 50;
        ProcessInstance v1 = started(clock());
        store().create(v1, startedEvent(v1));

        Concurrently.run(threads, thread -> {
            for (int i = 0; i < incrementsPerThread; i++) {
                incrementWithRetries(v1.processId());
            }
            return null;
        });

        ProcessInstance last = store().get(v1.processId()).orElseThrow();
        assertThat(ProcessFixtures.count(last)).isEqualTo(threads * incrementsPerThread);
        assertThat(last.version()).isEqualTo(1 + threads * incrementsPerThread);
        assertThat(store().eventsSince(v1.processId(), last.version() - eventLogCapacity()).events())
                .hasSize(eventLogCapacity());
    }

    @Test
    default void subscriberReceivesTheVersionsOfAProcessInOrderUnderConcurrentWriters() throws Exception {
        int threads = 8;
        int incrementsPerThread = 25;
        RecordingListener listener = new RecordingListener();
        Subscription subscription = store().subscribe(listener);
        try {
            ProcessInstance v1 = started(clock());
            store().create(v1, startedEvent(v1));

            Concurrently.run(threads, thread -> {
                for (int i = 0; i < incrementsPerThread; i++) {
                    incrementWithRetries(v1.processId());
                }
                return null;
            });

            List<Long> versions = listener.next(1 + threads * incrementsPerThread,
                            event -> event.processId().equals(v1.processId())).stream()
                    .map(Event::version).toList();
            assertThat(versions).isEqualTo(LongStream.rangeClosed(1, 1 + threads * incrementsPerThread).boxed()
                    .toList());
        } finally {
            subscription.close();
        }
    }

    @Test
    default void concurrentClaimsOfOneKeyGrantItOnce() throws Exception {
        List<IdempotencyClaim> claims = Concurrently.run(16, thread ->
                store().claimIdempotency("flow:" + ProcessFixtures.FLOW, "k", "fp",
                        clock().instant().plusSeconds(60)));

        assertThat(claims).filteredOn(IdempotencyClaim.Claimed.class::isInstance).hasSize(1);
        assertThat(claims).filteredOn(IdempotencyClaim.InFlight.class::isInstance).hasSize(15);
    }

    @Test
    default void concurrentSweepsClaimEachExpiredProcessOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ProcessInstance process = started(clock(), Duration.ofMinutes(1));
            store().create(process, startedEvent(process));
            ids.add(process.processId());
        }
        clock().advance(Duration.ofMinutes(1));

        List<List<ProcessInstance>> sweeps = Concurrently.run(4, thread -> {
            List<ProcessInstance> mine = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                mine.addAll(store().sweepExpired(3).unfinished());
            }
            return mine;
        });

        assertThat(sweeps.stream().flatMap(List::stream).map(ProcessInstance::processId).toList())
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    default void writersOfDifferentProcessesOnVirtualThreadsAllCommitWhileStaleWritesAmongThemConflict()
            throws Exception {
        int writers = 32;
        int steps = 10;
        List<Future<UUID>> written = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < writers; i++) {
                written.add(threads.submit(() -> {
                    ProcessInstance current = started(clock());
                    assertThat(store().create(current, startedEvent(current))).isTrue();
                    for (int step = 0; step < steps; step++) {
                        ProcessInstance next = advanced(current, clock());
                        assertThat(store().compareAndSet(current.version(), next, updatedEvent(next)))
                                .isInstanceOf(CasResult.Committed.class);
                        // the same write again is stale now; its refusal must not touch the writes beside it
                        assertThat(store().compareAndSet(current.version(), next, updatedEvent(next)))
                                .isInstanceOf(CasResult.Conflict.class);
                        current = next;
                    }
                    return current.processId();
                }));
            }
        }

        for (Future<UUID> future : written) {
            UUID id = future.get(60, TimeUnit.SECONDS);
            ProcessInstance last = store().get(id).orElseThrow();
            assertThat(last.version()).isEqualTo(1 + steps);
            assertThat(ProcessFixtures.count(last)).isEqualTo(steps);
            assertThat(store().eventsSince(id, last.version() - eventLogCapacity()).events())
                    .extracting(Event::version)
                    .containsExactlyElementsOf(LongStream.rangeClosed(last.version() - eventLogCapacity() + 1,
                            last.version()).boxed().toList());
        }
    }

    /** Reads, increments and compare-and-sets until it commits, as the engine does. */
    private void incrementWithRetries(UUID processId) {
        while (true) {
            ProcessInstance current = store().get(processId).orElseThrow();
            ProcessInstance next = advanced(current, clock());
            if (store().compareAndSet(current.version(), next, updatedEvent(next)) instanceof CasResult.Committed) {
                return;
            }
        }
    }
}
