package io.flowstate.server;

import static io.flowstate.testkit.ProcessFixtures.ended;
import static io.flowstate.testkit.ProcessFixtures.endedEvent;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowstate.core.engine.EngineLimits;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.MemoryProcessStore;
import io.flowstate.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One tick of the sweeper removes everything due, however many batches that takes, also when most of it ended
 * before it expired (such processes once made a full batch look short, and the rest waited for the next tick).
 */
class ExpirySweeperTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final MemoryProcessStore store = new MemoryProcessStore(clock, 10);
    private final ProcessEngine engine = new ProcessEngine(id -> Optional.empty(), store,
            new FlowRunner(call -> { throw new AssertionError("no scripts here"); }, new InputValidator(),
                    EngineLimits.DEFAULTS), clock, UUID::randomUUID, EngineLimits.DEFAULTS);

    @Test
    void oneTickRemovesEveryDueProcessEndedOrNot() {
        for (int i = 0; i < 2_000; i++) {
            ProcessInstance process = started(clock, Duration.ofMinutes(1));
            store.create(process, startedEvent(process));
            if (i % 10 != 0) {
                ProcessInstance done = ended(process, clock, ProcessStatus.COMPLETED, Duration.ofMinutes(1));
                store.compareAndSet(1, done, endedEvent(done));
            }
        }
        clock.advance(Duration.ofMinutes(2));
        assertThat(store.size()).isEqualTo(2_000);

        // the first tick comes after 3 s and the next after 6 s: only the first can empty the store in time
        try (ExpirySweeper sweeper = new ExpirySweeper(engine, Duration.ofSeconds(3))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> store.size() == 0);
        }
    }
}
