package io.flowstate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoredResponse;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What is particular to the Redis store, on any topology (the subclasses provide a standalone server, a
 * Sentinel setup or a cluster): several store instances sharing one Redis, no key left behind, compressed
 * blobs, the cluster's separate expiry index. The SPI contract itself is {@code RedisProcessStoreIT}.
 */
abstract class RedisStoreScenarios {

    protected final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    protected final List<RedisProcessStore> stores = new ArrayList<>();
    protected RedisProcessStore store;

    /** The URI the store connects to. */
    protected abstract String uri();

    /** Every Redis server holding data (one, or each cluster master). */
    protected abstract List<RedisServer> servers();

    @BeforeEach
    void connect() {
        servers().forEach(server -> server.call("FLUSHALL"));
        store = newStore();
    }

    @AfterEach
    void disconnect() {
        stores.forEach(RedisProcessStore::close);
    }

    protected RedisProcessStore newStore() {
        RedisProcessStore created = RedisProcessStore.connect(RedisStoreOptions.of(uri()).withEventLogCapacity(5),
                clock);
        stores.add(created);
        return created;
    }

    /** Every key of the store's prefix, on every server. */
    protected List<String> storeKeys() {
        List<String> keys = new ArrayList<>();
        for (RedisServer server : servers()) {
            for (Object key : (List<?>) server.call("KEYS", "fs:*")) {
                keys.add(String.valueOf(key));
            }
        }
        return keys;
    }

    @Test
    void aListingOnOneInstanceSeesWhatAnotherWroteNewestFirstByOwnerAndFlow() {
        // given: processes of two owners written by another store instance, one of them changed later
        RedisProcessStore other = newStore();
        List<ProcessInstance> written = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMillis(1));
            ProcessInstance started = Processes.started(clock);
            ProcessInstance owned = new ProcessInstance(started.processId(), started.flowId(), started.flowVersion(),
                    started.status(), 1, started.currentStep(), started.state(), null, null, started.createdAt(),
                    started.updatedAt(), started.expiresAt(), i % 2 == 0 ? "ann" : "ben");
            assertThat(other.create(owned, Processes.startedEvent(owned))).isTrue();
            written.add(owned);
        }
        clock.advance(Duration.ofMillis(1));
        ProcessInstance changed = Processes.stepped(written.getFirst(), clock, 1);
        assertThat(other.compareAndSet(1, changed, Processes.stepEvent(changed)))
                .isInstanceOf(CasResult.Committed.class);

        // when
        List<ProcessInstance> all = store.list(io.flowstate.core.store.ProcessQuery.all(10)).processes();
        List<ProcessInstance> anns = store.list(new io.flowstate.core.store.ProcessQuery(written.getFirst().flowId(),
                null, null, "ann", null, 10, null)).processes();

        // then
        assertThat(all).hasSize(6);
        assertThat(all.getFirst()).isEqualTo(changed);
        assertThat(all.subList(1, 6)).extracting(ProcessInstance::processId).containsExactly(
                written.get(5).processId(), written.get(4).processId(), written.get(3).processId(),
                written.get(2).processId(), written.get(1).processId());
        assertThat(anns).extracting(ProcessInstance::processId).containsExactly(changed.processId(),
                written.get(4).processId(), written.get(2).processId());
    }

    @Test
    void rejectsANextVersionThatDoesNotFollowTheExpectedOne() {
        ProcessInstance process = Processes.started(clock);
        store.create(process, Processes.startedEvent(process));
        ProcessInstance skipping = Processes.stepped(Processes.stepped(process, clock, 2), clock, 3);

        assertThatThrownBy(() -> store.compareAndSet(1, skipping, Processes.stepEvent(skipping)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void letsExactlyOneOfManyConcurrentWritersCommitEachVersion() throws Exception {
        // given
        ProcessInstance process = Processes.started(clock);
        store.create(process, Processes.startedEvent(process));
        RedisProcessStore other = newStore();

        // when: 8 writers race for version 2 through two store instances
        List<Callable<CasResult>> writers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ProcessStore through = i % 2 == 0 ? store : other;
            ProcessInstance next = Processes.stepped(process, clock, 100 + i);
            writers.add(() -> through.compareAndSet(1, next, Processes.stepEvent(next)));
        }
        List<CasResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<CasResult> result : pool.invokeAll(writers)) {
                results.add(result.get());
            }
        }

        // then
        List<CasResult> committed = results.stream().filter(CasResult.Committed.class::isInstance).toList();
        assertThat(committed).hasSize(1);
        ProcessInstance winner = ((CasResult.Committed) committed.getFirst()).process();
        assertThat(results).filteredOn(CasResult.Conflict.class::isInstance).hasSize(7)
                .allSatisfy(result -> assertThat(((CasResult.Conflict) result).current()).isEqualTo(winner));
        assertThat(store.get(process.processId())).contains(winner);
    }

    @Test
    void deletesAProcessWithItsEventsAndIdempotencyRecordsLeavingNoKey() {
        // given
        ProcessInstance process = Processes.started(clock);
        store.create(process, Processes.startedEvent(process));
        store.claimIdempotency(process.processId().toString(), "key-1", "fp", clock.instant().plusSeconds(60));
        ProcessInstance cancelled = Processes.cancelled(process, clock);

        // when
        ProcessInstance stale = Processes.stepped(process, clock, 5);
        CasResult conflict = store.delete(process.processId(), 7, Processes.stepEvent(stale));
        CasResult deleted = store.delete(process.processId(), 1, Processes.stepEvent(cancelled));

        // then
        assertThat(conflict).isEqualTo(new CasResult.Conflict(process));
        assertThat(deleted).isEqualTo(new CasResult.Committed(process));
        assertThat(store.get(process.processId())).isEmpty();
        assertThat(storeKeys()).isEmpty();
    }

    @Test
    void sweepsExpiredProcessesOnceEndedOnesSilentlyAndLeavesNoKey() {
        // given: one waiting process, one completed with a short retention, idempotency records of both scopes
        ProcessInstance waiting = Processes.started(clock);
        store.create(waiting, Processes.startedEvent(waiting));
        ProcessInstance running = Processes.started(clock);
        store.create(running, Processes.startedEvent(running));
        ProcessInstance done = Processes.completed(running, clock, Duration.ofMinutes(1));
        store.compareAndSet(1, done, Processes.stepEvent(done));
        store.claimIdempotency("flow:signup", "start-1", "fp", clock.instant().plus(Duration.ofMinutes(5)));
        store.claimIdempotency(waiting.processId().toString(), "step-1", "fp", clock.instant().plusSeconds(5));

        // when
        clock.advance(Duration.ofMinutes(2));
        List<ProcessInstance> early = store.sweepExpired(100).unfinished();
        clock.advance(Processes.TTL);
        List<ProcessInstance> late = store.sweepExpired(100).unfinished();
        List<ProcessInstance> again = store.sweepExpired(100).unfinished();

        // then
        assertThat(early).isEmpty();
        assertThat(store.get(running.processId())).isEmpty();
        assertThat(late).containsExactly(waiting);
        assertThat(again).isEmpty();
        assertThat(storeKeys()).isEmpty();
    }

    @Test
    void sweepsAnAnsweredStartRecordAtTheExpiryOfItsAnswerNotOfItsClaim() {
        // given: a start claimed for a minute, answered with a process that expires in five seconds
        store.claimIdempotency("flow:signup", "start-1", "fp", clock.instant().plus(Duration.ofMinutes(1)));
        store.completeIdempotency("flow:signup", "start-1", new StoredResponse(201, Map.of(), new byte[0]),
                clock.instant().plusSeconds(5));

        // when
        clock.advance(Duration.ofSeconds(6));
        store.sweepExpired(100);

        // then
        assertThat(storeKeys()).isEmpty();
    }

    @Test
    void emitsEachExpiredProcessExactlyOnceWhenThreeInstancesSweepAtOnce() throws Exception {
        // given: 40 waiting processes that expire, 3 store instances
        List<UUID> created = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ProcessInstance process = Processes.started(clock);
            store.create(process, Processes.startedEvent(process));
            created.add(process.processId());
        }
        List<RedisProcessStore> sweepers = List.of(store, newStore(), newStore());
        clock.advance(Processes.TTL);

        // when: each sweeps in small batches until a pass finds nothing
        List<Callable<List<ProcessInstance>>> passes = new ArrayList<>();
        for (RedisProcessStore sweeper : sweepers) {
            passes.add(() -> {
                List<ProcessInstance> mine = new ArrayList<>();
                for (int pass = 0; pass < 100; pass++) {
                    List<ProcessInstance> batch = sweeper.sweepExpired(7).unfinished();
                    mine.addAll(batch);
                    if (batch.isEmpty() && pass > 3) {
                        break;
                    }
                }
                return mine;
            });
        }
        List<UUID> emitted = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(3)) {
            for (Future<List<ProcessInstance>> result : pool.invokeAll(passes)) {
                result.get().forEach(process -> emitted.add(process.processId()));
            }
        }

        // then
        assertThat(emitted).hasSize(40).containsExactlyInAnyOrderElementsOf(created);
        assertThat(storeKeys()).isEmpty();
    }

    @Test
    void reloadsItsScriptsWhenRedisHasForgottenThem() {
        // given: Redis lost its script cache, as after a restart or a failover
        ProcessInstance process = Processes.started(clock);
        store.create(process, Processes.startedEvent(process));
        servers().forEach(server -> server.call("SCRIPT", "FLUSH"));

        // when
        ProcessInstance next = Processes.stepped(process, clock, 2);
        CasResult result = store.compareAndSet(1, next, Processes.stepEvent(next));

        // then
        assertThat(result).isEqualTo(new CasResult.Committed(next));
        assertThat(store.get(process.processId())).contains(next);
    }

    @Test
    void storesALargeStateCompressedAndReadsItBack() {
        // given
        ObjectNode state = Json.object();
        for (int i = 0; i < 200; i++) {
            state.put("field" + i, "a repetitive value that compresses well " + i);
        }
        ProcessInstance process = Processes.withState(Processes.started(clock), state);

        // when
        store.create(process, Processes.startedEvent(process));

        // then
        assertThat(store.get(process.processId())).contains(process);
        assertThat(store.eventsSince(process.processId(), 0).events().getFirst().process()).isEqualTo(process);
        String marker = servers().stream()
                .map(server -> {
                    try {
                        return server.call("HGET", "fs:{" + process.processId() + "}:p", "d");
                    } catch (RuntimeException movedElsewhere) {
                        return null;
                    }
                })
                .filter(java.util.Objects::nonNull).map(String::valueOf).findFirst().orElseThrow();
        assertThat(marker).startsWith("z");
    }

    @Test
    void deliversEveryCommitOnceToSubscribersOfEveryStoreInstance() {
        // given: two instances, as two servers would have
        RedisProcessStore other = newStore();
        RecordingListener here = new RecordingListener();
        RecordingListener there = new RecordingListener();
        store.subscribe(here);
        other.subscribe(there);

        // when: a start on this instance, a step on the other, an event published without a commit
        ProcessInstance process = Processes.started(clock);
        store.create(process, Processes.startedEvent(process));
        ProcessInstance next = Processes.stepped(process, clock, 2);
        other.compareAndSet(1, next, Processes.stepEvent(next));
        Event expired = Event.of(EventType.PROCESS_EXPIRED, next, List.of());
        store.publish(expired);

        // then
        List<Event> expected = List.of(Processes.startedEvent(process), Processes.stepEvent(next), expired);
        assertThat(here.awaitCount(3)).isEqualTo(expected);
        assertThat(there.awaitCount(3)).isEqualTo(expected);
    }
}
