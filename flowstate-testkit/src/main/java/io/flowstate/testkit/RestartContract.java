package io.flowstate.testkit;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.response;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowstate.core.process.Event;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.EventLog;
import io.flowstate.core.store.IdempotencyClaim;
import io.flowstate.core.store.ProcessStore;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Durable stores only: what was committed before a close is there after reopening. */
interface RestartContract extends StoreUnderTest {

    @Test
    default void committedProcessesSurviveARestart() {
        ProcessInstance v1 = started(clock());
        ProcessInstance v2 = advanced(v1, clock());
        store().create(v1, startedEvent(v1));
        store().compareAndSet(1, v2, updatedEvent(v2));
        String scope = v1.processId().toString();
        store().claimIdempotency(scope, "k", "fp", v2.expiresAt());
        store().completeIdempotency(scope, "k", response(200, "{\"version\":2}"), v2.expiresAt());
        EventLog before = store().eventsSince(v1.processId(), 0);

        Optional<ProcessStore> reopened = restartStore();

        assumeTrue(reopened.isPresent(), "this store keeps nothing across a restart");
        ProcessStore store = reopened.get();
        assertThat(store.get(v1.processId())).contains(v2);
        assertThat(store.eventsSince(v1.processId(), 0)).isEqualTo(before);
        assertThat(store.claimIdempotency(scope, "k", "fp", v2.expiresAt()))
                .isInstanceOf(IdempotencyClaim.Completed.class);
        ProcessInstance v3 = advanced(v2, clock());
        Event third = updatedEvent(v3);
        assertThat(store.compareAndSet(2, v3, third)).isEqualTo(new CasResult.Committed(v3));
    }
}
