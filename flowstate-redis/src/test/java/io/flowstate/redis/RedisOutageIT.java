package io.flowstate.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.process.Event;
import io.flowstate.testkit.MutableClock;
import io.flowstate.testkit.redis.RedisServerExtension;
import io.flowstate.testkit.redis.RedisServerOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Redis goes away and comes back: calls fail fast with StoreUnavailableException, then recover by themselves. */
class RedisOutageIT {

    private static final Duration BUDGET = Duration.ofSeconds(2);

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension(RedisServerOptions.durable());

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private RedisProcessStore store;

    @BeforeEach
    void connect() {
        REDIS.server().call("FLUSHALL");
        store = RedisProcessStore.connect(RedisStoreOptions.of(REDIS.uri()), clock);
    }

    @AfterEach
    void disconnect() {
        store.close();
    }

    @Test
    void failsEveryCallWithinTwoSecondsWhileRedisIsDownAndKeepsAcknowledgedProcessesAfterARestart() {
        // given: acknowledged processes
        List<ProcessInstance> acknowledged = createSome(10);

        // when: Redis is stopped
        REDIS.server().stop();

        // then: every kind of call fails fast
        assertEveryCallFailsFast(acknowledged.getFirst());

        // when: Redis comes back on the same port
        REDIS.server().restart();

        // then: the same store instance recovers, the data is there, and events flow again
        awaitRecovery(acknowledged.getFirst().processId());
        assertAllPresent(acknowledged);
        RecordingListener listener = new RecordingListener();
        store.subscribe(listener);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ProcessInstance probe = Processes.started(clock);
            store.create(probe, Processes.startedEvent(probe));
            return !listener.events().isEmpty();
        });
    }

    @Test
    void keepsEveryAcknowledgedWriteAcrossACrashWithAppendOnlyAlways() {
        // given
        List<ProcessInstance> acknowledged = createSome(20);
        ProcessInstance stepped = Processes.stepped(acknowledged.getFirst(), clock, 2);
        assertThat(store.compareAndSet(1, stepped, Processes.stepEvent(stepped))).isInstanceOf(CasResult.Committed.class);
        acknowledged.set(0, stepped);

        // when: SIGKILL, no chance to save anything on the way out
        REDIS.server().killHard();
        assertThatThrownBy(() -> store.get(stepped.processId())).isInstanceOf(StoreUnavailableException.class);
        REDIS.server().restart();

        // then
        awaitRecovery(stepped.processId());
        assertAllPresent(acknowledged);
    }

    @Test
    void failsWithinTheCommandTimeoutWhenRedisHangsAndRecoversWhenItResumes() {
        // given
        ProcessInstance process = createSome(1).getFirst();

        // when: the server stops answering but keeps its connections open
        REDIS.server().freeze();
        try {
            long started = System.nanoTime();
            assertThatThrownBy(() -> store.get(process.processId())).isInstanceOf(StoreUnavailableException.class);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then
            assertThat(took).isLessThan(BUDGET.plusMillis(500));
        } finally {
            REDIS.server().thaw();
        }
        awaitRecovery(process.processId());
    }

    private List<ProcessInstance> createSome(int count) {
        List<ProcessInstance> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ProcessInstance process = Processes.started(clock);
            assertThat(store.create(process, Processes.startedEvent(process))).isTrue();
            created.add(process);
        }
        return created;
    }

    private void assertEveryCallFailsFast(ProcessInstance process) {
        UUID id = process.processId();
        ProcessInstance next = Processes.stepped(process, clock, 2);
        ProcessInstance fresh = Processes.started(clock);
        Map<String, ThrowingCallable> calls = Map.of(
                "get", () -> store.get(id),
                "create", () -> store.create(fresh, Processes.startedEvent(fresh)),
                "compareAndSet", () -> store.compareAndSet(1, next, Processes.stepEvent(next)),
                "delete", () -> store.delete(id, 1, Processes.stepEvent(Processes.cancelled(process, clock))),
                "eventsSince", () -> store.eventsSince(id, 0),
                "claimIdempotency", () -> store.claimIdempotency("flow:signup", "k", "fp", clock.instant().plusSeconds(9)),
                "sweepExpired", () -> store.sweepExpired(10),
                "publish", () -> store.publish(Event.of(EventType.PROCESS_EXPIRED, process, List.of())),
                "ping", store::ping);
        calls.forEach((name, call) -> {
            long started = System.nanoTime();
            assertThatThrownBy(call).as(name).isInstanceOf(StoreUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as(name + " took").isLessThan(BUDGET);
        });
    }

    private void awaitRecovery(UUID probe) {
        long started = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> store.get(probe).isPresent());
        System.out.printf("store answered again %d ms after Redis was restarted or resumed%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void assertAllPresent(List<ProcessInstance> acknowledged) {
        for (ProcessInstance process : acknowledged) {
            assertThat(store.get(process.processId())).contains(process);
        }
    }
}
