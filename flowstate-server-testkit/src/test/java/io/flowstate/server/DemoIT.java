package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.demo}: the demo page of the browser SDK at {@code /demo/}, and nothing outside its folders. */
class DemoIT {

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(ServerSetup.of("src/test/resources/flows")
            .withConfig(config -> config.withServer(config.server().withDemo(true))));
    static Http http;

    @BeforeAll
    static void clients() {
        http = SERVER.http();
    }

    @Test
    void servesTheDemoPageAndItsScript() {
        Http.Response page = http.get("/demo/");
        Http.Response script = http.get("/demo/app.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("<title>Flowstate demo</title>", "app.js");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header("Content-Type")).startsWith("text/javascript");
        assertThat(script.body()).contains("./sdk/index.js");
        assertThat(http.get("/demo").header("Location")).isEqualTo("/demo/");
    }

    @Test
    void servesNothingOutsideTheDemoFolders() {
        for (String path : List.of("/demo/../pom.xml", "/demo/sdk/../../pom.xml", "/demo/%2e%2e/pom.xml",
                "/demo/sdk/%2e%2e/%2e%2e/%2e%2e/pom.xml", "/demo/..%2fpom.xml", "/demo/missing.html", "/demo/sdk/")) {
            Http.Response response = http.get(path);

            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).doesNotContain("<project");
        }
    }

    @Test
    void isOffByDefault() {
        try (ServerUnderTest plain = ServerSetup.of("src/test/resources/flows").start()) {
            assertThat(plain.http().get("/demo/").status()).isEqualTo(404);
        }
    }
}
