package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.json.Json;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sample app on Redis with two instances behind one "browser", each request going to the other instance: the
 * process, the login and the cookies live in the store, not in an instance.
 */
class NflowSampleAppOnRedisIT {

    static ServerUnderTest servers;

    @BeforeAll
    static void start() {
        if (!NflowSamples.present()) {
            return; // each test is reported skipped, with the reason, by the assumption below
        }
        servers = NflowSamples.setup("app.json").withStore(StoreKind.REDIS).withInstances(2)
                .start();
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
    void pepe11AlternatingInstancesEndsWithTheSameAnswer() throws IOException {
        String id = Pepe11Walk.walk(new Browser(port(0)), this::port);

        Http.Response process = servers.instance(1).http().get("/process/" + id);
        assertThat(process.json().get("status").asText()).isEqualTo("completed");
        assertThat(process.json().get("result")).isEqualTo(Json.parse(Pepe11Walk.RESULT));
    }

    @Test
    void aLoginOnOneInstanceHoldsOnTheOther() {
        Browser browser = new Browser(port(0));
        assertThat(browser.get("/home").status()).isEqualTo(307);
        Browser.Page login = browser.at(port(1)).get("/nflow_login");
        Browser.Page ok = browser.at(port(0)).submit(login, Map.of("username", "dev1", "password", "dev1"));
        assertThat(ok.body()).contains("window.location.href = '/home'");

        Browser.Page home = browser.at(port(1)).get("/home");
        assertThat(home.status()).as(home.body()).isEqualTo(200);
        assertThat(home.body()).contains("<p>dev1</p>");
        assertThat(browser.at(port(0)).get("/logout").body()).contains("<h2>Logout</h2>");
        assertThat(browser.at(port(1)).get("/home").status()).isEqualTo(307);
    }
}
