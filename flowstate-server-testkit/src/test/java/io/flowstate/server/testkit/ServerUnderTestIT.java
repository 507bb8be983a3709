package io.flowstate.server.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A server under test's life: it answers while it runs, restarts on its store, and leaves nothing behind. */
class ServerUnderTestIT {

    private static final ServerSetup FLOWS = ServerSetup.of("src/test/resources/flows");

    @Test
    void aRestartOnSqliteKeepsTheProcessesAndOnMemoryStartsEmpty() {
        try (ServerUnderTest sqlite = FLOWS.withStore(StoreKind.SQLITE).start();
             ServerUnderTest memory = FLOWS.start()) {
            String kept = sqlite.http().post("/workflow/start", "{\"flow\": \"signup\"}").processId();
            String lost = memory.http().post("/workflow/start", "{\"flow\": \"signup\"}").processId();

            sqlite.restart();
            memory.restart();

            assertThat(sqlite.http().get("/process/" + kept).status()).isEqualTo(200);
            assertThat(memory.http().get("/process/" + lost).status()).isEqualTo(404);
        }
    }

    @Test
    void aStoppedInstanceRefusesToHandOutClientsUntilItIsRestarted() {
        try (ServerUnderTest server = FLOWS.start()) {
            server.stop();

            assertThatThrownBy(server::http).isInstanceOf(IllegalStateException.class)
                    .hasMessage("the server is stopped");

            server.restart();
            assertThat(server.http().get("/health/ready").status()).isEqualTo(200);
        }
    }

    @Test
    void closingStopsTheServerAndDeletesTheDataDirectory() {
        ServerUnderTest server = FLOWS.withStore(StoreKind.SQLITE).start();
        Path data = server.dataDir();
        Http http = server.http();
        assertThat(Files.isDirectory(data)).isTrue();

        server.close();

        assertThat(data).doesNotExist();
        assertThatThrownBy(() -> http.get("/health/live")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void askingForWhatTheSetupDidNotStartFailsNamingTheWayToAskForIt() {
        try (ServerUnderTest server = FLOWS.start()) {
            assertThatThrownBy(() -> server.instance(1))
                    .hasMessageContaining("instance 1 does not exist: 1 instance(s)")
                    .hasMessageContaining("@FlowstateServerTest(instances)");
            assertThatThrownBy(server::mutableClock).hasMessageContaining("@FlowstateServerTest(mutableClock = true)");
            assertThatThrownBy(server::redis).hasMessage("this server runs on MEMORY, not on Redis");
        }
    }
}
