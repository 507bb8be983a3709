package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.core.store.Subscription;
import io.flowstate.testkit.ProcessFixtures;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The store a server starts with when its real store (Redis) does not answer yet. */
class DeferredProcessStoreTest {

    private static final Duration PAUSE = Duration.ofMillis(5);

    private final Clock clock = Clock.systemUTC();
    private final MemoryProcessStore real = new MemoryProcessStore(clock);
    private final AtomicBoolean reachable = new AtomicBoolean(false);
    private final AtomicInteger attempts = new AtomicInteger();
    private final Supplier<ProcessStore> opener = () -> {
        attempts.incrementAndGet();
        if (!reachable.get()) {
            throw new StoreUnavailableException("connection refused");
        }
        return real;
    };

    @Test
    void answersUnavailableNamingTheStoreUntilItOpensThenForwardsEveryCall() {
        try (DeferredProcessStore store = new DeferredProcessStore(opener, "Redis at redis://h:1 (store.redisUrl)",
                "connection refused", PAUSE, PAUSE)) {
            ProcessInstance process = ProcessFixtures.started(clock);
            Event started = ProcessFixtures.startedEvent(process);

            assertThatThrownBy(store::ping).isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("Redis at redis://h:1 (store.redisUrl)")
                    .hasMessageContaining("connection refused");
            assertThatThrownBy(() -> store.create(process, started)).isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> store.get(process.processId())).isInstanceOf(StoreUnavailableException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 3);

            reachable.set(true);
            await().atMost(Duration.ofSeconds(5)).until(store::isOpen);

            store.ping();
            assertThat(store.create(process, started)).isTrue();
            assertThat(real.get(process.processId())).contains(process);
            assertThat(store.get(process.processId())).contains(process);
        }
    }

    @Test
    void attachesListenersSubscribedBeforeTheStoreOpenedAndDropsCancelledOnes() {
        try (DeferredProcessStore store = new DeferredProcessStore(opener, "test store", "down", PAUSE, PAUSE)) {
            List<Event> kept = new CopyOnWriteArrayList<>();
            List<Event> cancelled = new CopyOnWriteArrayList<>();
            store.subscribe(kept::add);
            Subscription dropped = store.subscribe(cancelled::add);
            dropped.close();

            reachable.set(true);
            await().atMost(Duration.ofSeconds(5)).until(store::isOpen);
            ProcessInstance process = ProcessFixtures.started(clock);
            store.create(process, ProcessFixtures.startedEvent(process));

            await().atMost(Duration.ofSeconds(5)).until(() -> kept.size() == 1);
            assertThat(kept.getFirst().processId()).isEqualTo(process.processId());
            assertThat(cancelled).isEmpty();
        }
    }

    @Test
    void stopsConnectingOnceClosed() throws InterruptedException {
        DeferredProcessStore store = new DeferredProcessStore(opener, "test store", "down", PAUSE, PAUSE);
        await().atMost(Duration.ofSeconds(5)).until(() -> attempts.get() >= 2);

        store.close();
        int afterClose = attempts.get();
        Thread.sleep(50);

        assertThat(attempts.get()).isEqualTo(afterClose);
        assertThat(store.isOpen()).isFalse();
    }
}
