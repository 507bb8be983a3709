package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.config.CorsConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code server.cors.allowedOrigins}: what a browser on another origin is told, over real HTTP. */
class CorsIT {

    static final String ALLOWED = "http://app.example.test:3000";
    static final String OTHER = "http://evil.example.test";

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(ServerSetup.of("src/test/resources/flows")
            .withConfig(config -> config.withServer(config.server().withCors(new CorsConfig(List.of(ALLOWED), false)))));
    static Http http;

    @BeforeAll
    static void clients() {
        http = SERVER.http();
    }

    @Test
    void answersThePreflightOfAnAllowedOriginWithTheMethodsAndHeadersTheApiReads() {
        String id = http.start("signup");

        Http.Response preflight = http.send("OPTIONS", "/process/" + id + "/step", null, "", "Origin", ALLOWED,
                "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type, if-match, idempotency-key");

        assertThat(preflight.status()).isEqualTo(204);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("POST");
        assertThat(preflight.header("Access-Control-Allow-Headers"))
                .contains("Content-Type", "If-Match", "Idempotency-Key", "Authorization", "Last-Event-ID");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(preflight.headers().allValues("Vary").toString()).contains("Origin");
    }

    @Test
    void letsAnAllowedOriginReadTheAnswerAndTheHeadersAClientNeeds() {
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Origin", ALLOWED);

        assertThat(started.status()).isEqualTo(201);
        assertThat(started.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
        assertThat(started.header("Access-Control-Expose-Headers"))
                .contains("ETag", "Location", "Retry-After", "Flowstate-Mode");
        assertThat(started.header("Access-Control-Allow-Credentials")).isNull();
    }

    @Test
    void problemsReachAnAllowedOriginToo() {
        Http.Response missing = http.get("/process/00000000-0000-0000-0000-000000000000", "Origin", ALLOWED);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    }

    @Test
    void givesADisallowedOriginNoCorsHeaderAtAll() {
        String id = http.start("signup");

        Http.Response preflight = http.send("OPTIONS", "/process/" + id + "/step", null, "", "Origin", OTHER,
                "Access-Control-Request-Method", "POST");
        Http.Response read = http.get("/process/" + id, "Origin", OTHER);

        assertThat(read.status()).isEqualTo(200);
        for (Http.Response response : List.of(preflight, read)) {
            assertThat(response.headers().map().keySet())
                    .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
        }
    }

    @Test
    void comparesOriginsExactlySoASubdomainOrAnotherPortIsNotAllowed() {
        for (String near : List.of("http://app.example.test", "http://x.app.example.test:3000",
                "https://app.example.test:3000", "null")) {
            Http.Response read = http.get("/flows", "Origin", near);

            assertThat(read.header("Access-Control-Allow-Origin")).as(near).isNull();
        }
    }
}
