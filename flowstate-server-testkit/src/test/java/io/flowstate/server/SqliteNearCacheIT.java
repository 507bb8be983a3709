package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowstate.core.store.StoreUnavailableException;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * On SQLite the server owns its file, so its near cache keeps every process (docs/decisions/0007): a step of a
 * process it wrote costs the file one compare-and-set and no read; after a restart the first read goes to the
 * file again; and a second server on the same data directory is refused at start.
 */
class SqliteNearCacheIT {

    private static final String DETAILS = "{\"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}";

    private CountingProcessStore counting;

    @Test
    void aStepOfAProcessThisServerWroteReadsNothingFromTheFile() {
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/flows").withStore(StoreKind.SQLITE)
                .withStoreDecorator(store -> counting = new CountingProcessStore(store)).start()) {
            Http http = server.http();
            String id = http.post("/workflow/start", "{\"flow\": \"signup\"}").processId();

            counting.reset();
            assertThat(http.post("/process/" + id + "/step", DETAILS).status()).isEqualTo(200);
            assertThat(http.get("/process/" + id).json().get("version").asInt()).isEqualTo(2);
            assertThat(counting.calls()).containsEntry("compareAndSet", 1L).doesNotContainKey("get");
            assertThat(counting.processCalls()).isEqualTo(1);

            server.restart();
            counting.reset();
            Http again = server.http();
            assertThat(again.get("/process/" + id).json().get("version").asInt()).isEqualTo(2);
            assertThat(again.post("/process/" + id + "/step", "{\"input\": {\"city\": \"London\"}}").status())
                    .isEqualTo(200);
            assertThat(counting.calls()).containsEntry("get", 1L).containsEntry("compareAndSet", 1L);
            assertThat(counting.processCalls()).isEqualTo(2);
        }
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedAtStart() {
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/flows").withStore(StoreKind.SQLITE).start()) {
            assertThatThrownBy(() -> FlowstateServer.start(server.config(), Clock.systemUTC()))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("in use by another Flowstate server");
            assertThat(server.http().get("/health/ready").status()).isEqualTo(200);
        }
    }
}
