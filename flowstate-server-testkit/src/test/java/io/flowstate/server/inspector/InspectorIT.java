package io.flowstate.server.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.config.AuthConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inspector at {@code /ui/} in a real headless Chromium (Debian's {@code chromium}, driven by playwright-core from
 * {@code src/test/node/inspector}): the list shows a process and its filters work, the process page highlights the
 * waiting step in the flow graph, and the live view moves when another client takes a step. The screenshot is kept
 * at {@code target/inspector/process.png}.
 */
class InspectorIT {

    static final String ADMIN_TOKEN = "inspector-admin-token-0123456789";
    static final Path HARNESS = Path.of("src/test/node/inspector");
    static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/flows").withStore(StoreKind.SQLITE).withConfig(config -> config
                    .withAuth(new AuthConfig(AuthConfig.Mode.NONE, "", "", "", "flowstate:admin", ADMIN_TOKEN,
                            Duration.ofMinutes(5), Duration.ofSeconds(30)))));

    static Http http;

    @BeforeAll
    static void clients() {
        http = SERVER.http();
    }

    @Test
    void thePageIsAnAdminRoute() {
        Http.Response anonymous = http.get("/ui/");
        Http.Response wrong = http.get("/ui/?access_token=guess-guess-guess-guess");
        Http.Response admin = http.get("/ui/", "Authorization", "Bearer " + ADMIN_TOKEN);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("authentication_required");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("invalid_credentials");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.header("Content-Type")).startsWith("text/html");
        assertThat(admin.body()).contains("Flowstate inspector");
    }

    @Test
    void theLiveViewMovesWhenAnotherClientTakesAStep() throws Exception {
        String id = http.start("signup");
        Path screenshot = Path.of("target", "inspector", "process.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        Process browser = new ProcessBuilder("node", "inspector.mjs", "http://127.0.0.1:" + SERVER.port(),
                ADMIN_TOKEN, id, screenshot.toString())
                .directory(HARNESS.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                StandardCharsets.UTF_8));
             Writer in = new OutputStreamWriter(browser.getOutputStream(), StandardCharsets.UTF_8)) {
            JsonNode listed = next(out, "listed");
            assertThat(listed.get("rows").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(listed.get("url").asText()).doesNotContain("access_token"); // removed from the address bar
            JsonNode filtered = next(out, "filtered");
            assertThat(filtered.get("hiddenWhenFiltered").asBoolean()).isTrue();
            assertThat(filtered.get("shownWhenWaiting").asBoolean()).isTrue();
            JsonNode ready = next(out, "ready");
            assertThat(ready.get("currentStep").asText()).isEqualTo("profile");
            assertThat(ready.get("highlighted").asText()).isEqualTo("profile");
            assertThat(ready.get("nodes").asInt()).isEqualTo(4);

            Http.Response step = http.post("/process/" + id + "/step", "{\"step\": \"profile\", \"input\":"
                    + " {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}", "If-Match", "\"1\"");
            assertThat(step.status()).isEqualTo(200);
            in.write("stepped\n");
            in.flush();

            JsonNode moved = next(out, "moved");
            assertThat(moved.get("currentStep").asText()).isEqualTo("address");
            assertThat(moved.get("highlighted").asText()).isEqualTo("address");
            assertThat(moved.get("version").asText()).isEqualTo("2");
            assertThat(moved.get("state").get("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(moved.get("live").toString()).contains("step.completed");
            assertThat(moved.get("consoleErrors")).isEmpty();
        } finally {
            if (!browser.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                browser.destroyForcibly();
            }
        }
        assertThat(browser.exitValue()).isZero();
        assertThat(Files.size(screenshot)).isGreaterThan(10_000);
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(List.of(png[1], png[2], png[3])).containsExactly((byte) 'P', (byte) 'N', (byte) 'G');
    }

    /** The next line of the harness, which must be the event {@code expected}. */
    private static JsonNode next(BufferedReader out, String expected) throws IOException {
        String line = out.readLine();
        assertThat(line).as("the browser harness ended before '" + expected + "'").isNotNull();
        JsonNode event = Json.parse(line);
        assertThat(event.get("event").asText()).as(line).isEqualTo(expected);
        return event;
    }
}
