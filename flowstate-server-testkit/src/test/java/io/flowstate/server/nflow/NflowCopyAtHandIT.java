package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.store.CasResult;
import io.flowstate.core.store.ForwardingProcessStore;
import io.flowstate.core.store.ProcessStore;
import io.flowstate.core.store.Subscription;
import io.flowstate.server.CountingProcessStore;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A continuation in process mode starts from the copy of its process the instance holds at hand: no read when the copy
 * is current, and the same answer as with a read when it is not (a write the instance never heard of).
 */
class NflowCopyAtHandIT {

    private CountingProcessStore counting;
    private volatile boolean deaf;

    @Test
    void aContinuationOfARunThisInstanceSavedReadsNothing() {
        try (ServerUnderTest server = server()) {
            Browser browser = new Browser(server.port());
            Browser.Page one = browser.get("/state");

            counting.reset();
            Browser.Page two = browser.submit(one, Map.of("x", "1"));

            assertThat(two.body()).contains("<title>Two</title>");
            assertThat(counting.calls()).containsEntry("compareAndSet", 1L).doesNotContainKey("get");
        }
    }

    @Test
    void aJsonApiStepOfARunThisInstanceSavedReadsNothing() {
        try (ServerUnderTest server = server()) {
            String id = new Browser(server.port()).get("/state").hidden("nflow_process_id");

            counting.reset();
            JsonNode stepped = server.http().post("/process/" + id + "/step", "{\"input\": {\"x\": \"1\"}}").json();

            assertThat(stepped.at("/state/x").asText()).isEqualTo("1");
            assertThat(counting.calls()).isEqualTo(Map.of("compareAndSet", 1L));
        }
    }

    @Test
    void aJsonApiStepOnAnInstanceWithoutACopyReadsOnce() {
        List<CountingProcessStore> instances = new CopyOnWriteArrayList<>();
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/nflow").withStore(StoreKind.REDIS)
                .withInstances(2).withStoreDecorator(store -> {
                    CountingProcessStore counted = new CountingProcessStore(store);
                    instances.add(counted);
                    return counted;
                }).start()) {
            String id = new Browser(server.port()).get("/state").hidden("nflow_process_id");
            instances.forEach(CountingProcessStore::reset);

            JsonNode stepped = server.instance(1).http().post("/process/" + id + "/step",
                    "{\"input\": {\"x\": \"1\"}}").json();

            assertThat(stepped.at("/state/x").asText()).isEqualTo("1");
            // the owner check's read serves the step: one read and the compare-and-set, on whichever instance it ran
            assertThat(instances).extracting(CountingProcessStore::calls)
                    .contains(Map.of("get", 1L, "compareAndSet", 1L));
        }
    }

    @Test
    void aStaleCopyIsRunAgainOnTheStoredProcess() {
        try (ServerUnderTest server = server()) {
            Browser browser = new Browser(server.port());
            Browser.Page one = browser.get("/state");
            UUID id = UUID.fromString(one.hidden("nflow_process_id"));
            deaf = true; // the instance misses the event of the write below, as from another instance
            ProcessInstance stored = counting.get(id).orElseThrow();
            ProcessInstance poked = new ProcessInstance(id, stored.flowId(), stored.flowVersion(), stored.status(),
                    stored.version() + 1, stored.currentStep(), stored.state().deepCopy().put("poked", true), null,
                    null, stored.createdAt(), stored.updatedAt(), stored.expiresAt());
            assertThat(counting.compareAndSet(stored.version(), poked, Event.of(EventType.STATE_UPDATED, poked,
                    List.of()))).isInstanceOf(CasResult.Committed.class);
            deaf = false;

            counting.reset();
            Browser.Page two = browser.submit(one, Map.of("x", "1"));

            assertThat(two.status()).isEqualTo(200);
            assertThat(two.body()).contains("<title>Two</title>");
            // the lost compare-and-set answered with the stored process: still no read
            assertThat(counting.calls()).containsEntry("compareAndSet", 2L).doesNotContainKey("get");
            JsonNode state = server.http().get("/process/" + id).json();
            assertThat(state.get("version").asLong()).isEqualTo(poked.version() + 1);
            assertThat(state.at("/state/poked").asBoolean()).isTrue();
            assertThat(state.at("/state/x").asText()).isEqualTo("1");
        }
    }

    private ServerUnderTest server() {
        return ServerSetup.of("src/test/resources/nflow").withStore(StoreKind.MEMORY)
                .withStoreDecorator(store -> counting = new CountingProcessStore(new ForwardingProcessStore() {
                    @Override
                    protected ProcessStore delegate() {
                        return store;
                    }

                    @Override
                    public Subscription subscribe(Consumer<Event> listener) {
                        return store.subscribe(event -> {
                            if (!deaf) {
                                listener.accept(event);
                            }
                        });
                    }
                })).start();
    }
}
