package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample app in session mode on Redis with two instances, each request of one browser going to the other
 * instance: the session's run, its lock and the signing key live in the store, so no sticky routing is needed.
 */
class NflowSessionModeOnRedisIT {

    static ServerUnderTest servers;

    @BeforeAll
    static void start() {
        if (!NflowSamples.present()) {
            return; // each test is reported skipped, with the reason, by the assumption below
        }
        servers = NflowSameResultsIT.inSessionMode(NflowSamples.setup("app.json").withStore(StoreKind.REDIS)
                .withInstances(2)).start();
    }

    @BeforeEach
    void samplesArePresent() {
        NflowSamples.directory();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    int port(int request) {
        return servers.instance(request % 2).port();
    }

    @Test
    void pepe11AlternatingInstancesRunsInOneSession() throws IOException {
        Browser browser = new Browser(port(0));

        assertThat(Pepe11Walk.walk(browser, this::port, true)).isEmpty();

        Browser.Page run = browser.at(port(1)).get("/session/app.pepe11");
        assertThat(run.status()).isEqualTo(200);
        assertThat(Json.parse(run.body()).get("status").asText()).isEqualTo("completed");
        assertThat(Json.parse(run.body()).get("result")).isEqualTo(Json.parse(Pepe11Walk.RESULT));
    }
}
