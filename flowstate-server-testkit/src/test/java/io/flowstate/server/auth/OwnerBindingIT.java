package io.flowstate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flowstate.server.config.AuthConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.SseClient;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code auth.mode = jwt}: a process started by an authenticated caller belongs to its subject, and every route and
 * both streams answer anyone else exactly as for an id that does not exist.
 */
class OwnerBindingIT {

    static final TestIssuer ISSUER = new TestIssuer();

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/auth-flows").withStore(StoreKind.SQLITE)
                    .withConfig(config -> config.withAuth(AuthConfig.jwt(ISSUER.jwks().toString(), TestIssuer.ISSUER,
                            TestIssuer.AUDIENCE))));

    static Http http;
    static String alice;
    static String bob;

    /** One request of one route, for a process id, with the given extra headers. */
    private record Route(String name, Function<String, Http.Response> call) {
    }

    @BeforeAll
    static void clients() {
        http = SERVER.http();
        alice = "Bearer " + ISSUER.token("alice");
        bob = "Bearer " + ISSUER.token("bob");
    }

    @Test
    void aProcessStartedByAnAuthenticatedCallerRecordsItsSubjectAsOwner() {
        Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", alice);

        assertThat(started.status()).isEqualTo(201);
        assertThat(started.json().get("owner").asText()).isEqualTo("alice");
        Http.Response read = http.get("/process/" + started.processId(), "Authorization", alice);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("owner").asText()).isEqualTo("alice");
    }

    @Test
    void everyRouteAnswersAnotherSubjectsProcessExactlyLikeAnUnknownId() {
        String owned = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", alice).processId();
        String unknown = UUID.randomUUID().toString();
        List<String> callers = new ArrayList<>(List.of(bob));
        callers.add(null); // anonymous

        for (String caller : callers) {
            for (Route route : routes(caller)) {
                Http.Response foreign = route.call().apply(owned);
                Http.Response missing = route.call().apply(unknown);

                assertThat(foreign.status()).as(route.name()).isEqualTo(404);
                assertThat(foreign.status()).as(route.name()).isEqualTo(missing.status());
                assertThat(foreign.header("Content-Type")).as(route.name()).isEqualTo(missing.header("Content-Type"));
                assertThat(foreign.body().replace(owned, "<id>")).as(route.name())
                        .isEqualTo(missing.body().replace(unknown, "<id>"));
                if (!route.name().startsWith("HEAD")) {
                    assertThat(foreign.body()).as(route.name()).contains("\"code\":\"process_not_found\"");
                }
            }
        }
        assertThat(http.get("/process/" + owned, "Authorization", alice).status()).isEqualTo(200);
    }

    @Test
    void theEventStreamAndTheWebSocketOfAnotherSubjectsProcessAreRefusedLikeAnUnknownOnes() {
        String owned = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", alice).processId();
        String unknown = UUID.randomUUID().toString();
        String bobToken = ISSUER.token("bob");

        for (String query : List.of("", "?access_token=" + bobToken)) {
            String[] headers = query.isEmpty() ? new String[] {"Authorization", bob} : new String[0];
            try (SseClient foreign = SERVER.sse("/process/" + owned + "/events" + query, headers);
                 SseClient missing = SERVER.sse("/process/" + unknown + "/events" + query, headers)) {
                assertThat(foreign.status()).isEqualTo(404).isEqualTo(missing.status());
                assertThat(foreign.header("Content-Type")).isEqualTo(missing.header("Content-Type"));
            }
            WsClient.Refused foreignSocket = catchThrowableOfType(WsClient.Refused.class,
                    () -> WsClient.connect(SERVER.port(), "/process/" + owned + "/ws" + query, headers));
            WsClient.Refused missingSocket = catchThrowableOfType(WsClient.Refused.class,
                    () -> WsClient.connect(SERVER.port(), "/process/" + unknown + "/ws" + query, headers));
            assertThat(foreignSocket.status()).isEqualTo(404).isEqualTo(missingSocket.status());
            assertThat(foreignSocket.body().replace(owned, "<id>"))
                    .isEqualTo(missingSocket.body().replace(unknown, "<id>"));
        }

        try (SseClient own = SERVER.sse("/process/" + owned + "/events", "Authorization", alice)) {
            assertThat(own.status()).isEqualTo(200);
            assertThat(own.nextEvent(Duration.ofSeconds(5)).json().at("/process/owner").asText()).isEqualTo("alice");
        }
        try (SseClient own = SERVER.sse("/process/" + owned + "/events?access_token=" + ISSUER.token("alice"))) {
            assertThat(own.status()).isEqualTo(200);
        }
        try (WsClient own = WsClient.connect(SERVER.port(), "/process/" + owned + "/ws", "Authorization", alice)) {
            assertThat(own.next(Duration.ofSeconds(5)).at("/process/processId").asText()).isEqualTo(owned);
        }
    }

    @Test
    void anAdminSeesEveryProcess() {
        String owned = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", alice).processId();

        Http.Response read = http.get("/process/" + owned, "Authorization", "Bearer " + ISSUER.admin("root"));

        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void theInspectorIsForAdminsOnly() {
        Http.Response member = http.get("/ui/", "Authorization", alice);
        Http.Response admin = http.get("/ui/?access_token=" + ISSUER.admin("root"));
        Http.Response anonymous = http.get("/ui/");

        assertThat(member.status()).isEqualTo(403);
        assertThat(member.json().get("code").asText()).isEqualTo("admin_required");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.header("Content-Type")).startsWith("text/html");
        assertThat(anonymous.status()).isEqualTo(401);
    }

    @Test
    void processesStartedAnonymouslyStayCapabilities() {
        String open = http.start("signup");

        assertThat(http.get("/process/" + open).status()).isEqualTo(200);
        assertThat(http.get("/process/" + open, "Authorization", bob).status()).isEqualTo(200);
    }

    @Test
    void aFlowThatRequiresAuthRefusesAnonymousStarts() {
        Http.Response anonymous = http.post("/workflow/start", "{\"flow\": \"payroll\"}");
        Http.Response authenticated = http.post("/workflow/start", "{\"flow\": \"payroll\"}", "Authorization", alice);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("authentication_required");
        assertThat(authenticated.status()).isEqualTo(201);
        assertThat(authenticated.json().get("owner").asText()).isEqualTo("alice");
    }

    @Test
    void tokensSignedWithEs256AndEdDsaAreAcceptedToo() {
        for (String token : List.of(ISSUER.es256(TestIssuer.claims("carol", "").build()),
                ISSUER.eddsa(TestIssuer.claims("carol", "").build()))) {
            Http.Response started = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization",
                    "Bearer " + token);

            assertThat(started.status()).as(token).isEqualTo(201);
            assertThat(started.json().get("owner").asText()).isEqualTo("carol");
        }
    }

    @Test
    void expiredWrongAudienceWrongIssuerUnsignedAndUnknownKeyTokensGet401() {
        String owned = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", alice).processId();
        java.util.Date past = new java.util.Date(System.currentTimeMillis() - 600_000);
        java.util.Date future = new java.util.Date(System.currentTimeMillis() + 600_000);
        List<String> invalid = List.of(
                ISSUER.rs256("alice", c -> c.issueTime(past).expirationTime(past)),
                ISSUER.rs256("alice", c -> c.audience("another-service")),
                ISSUER.rs256("alice", c -> c.issuer("https://evil.test")),
                TestIssuer.unsigned("alice"),
                ISSUER.unknownKid("alice"),
                ISSUER.rs256("alice", c -> c.notBeforeTime(future)),
                ISSUER.rs256("alice", c -> c.expirationTime(null)),
                ISSUER.token("alice").substring(0, ISSUER.token("alice").lastIndexOf('.') + 1) + "AAAA",
                "not-a-jwt");

        for (String token : invalid) {
            for (Http.Response answer : List.of(
                    http.get("/process/" + owned, "Authorization", "Bearer " + token),
                    http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", "Bearer " + token),
                    http.get("/processes", "Authorization", "Bearer " + token))) {
                assertThat(answer.status()).as(token).isEqualTo(401);
                assertThat(answer.json().get("code").asText()).as(token).isEqualTo("invalid_credentials");
                assertThat(answer.header("WWW-Authenticate")).as(token).startsWith("Bearer");
            }
        }
    }

    @Test
    void anIdempotencyKeyOfOneSubjectDoesNotReplayAnothersStart() {
        String body = "{\"flow\": \"signup\"}";
        Http.Response first = http.post("/workflow/start", body, "Authorization", alice, "Idempotency-Key", "k-1");
        Http.Response other = http.post("/workflow/start", body, "Authorization", bob, "Idempotency-Key", "k-1");

        assertThat(other.status()).isEqualTo(201);
        assertThat(other.header("Idempotent-Replayed")).isNull();
        assertThat(other.processId()).isNotEqualTo(first.processId());
        assertThat(other.json().get("owner").asText()).isEqualTo("bob");
    }

    @Test
    void theListingShowsACallerWithoutTheAdminScopeOnlyTheirOwnProcesses() {
        String dave = "Bearer " + ISSUER.token("dave");
        String davesOwn = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", dave).processId();
        String alices = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", alice).processId();

        Http.Response own = http.get("/processes?limit=1000", "Authorization", dave);
        Http.Response asking = http.get("/processes?owner=alice", "Authorization", dave);
        Http.Response all = http.get("/processes?limit=1000", "Authorization", "Bearer " + ISSUER.admin("root"));
        Http.Response anonymous = http.get("/processes");

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("processes").findValuesAsText("processId")).containsExactly(davesOwn);
        assertThat(asking.json().get("processes")).isEmpty();
        assertThat(all.json().get("processes").findValuesAsText("processId")).contains(davesOwn, alices);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("authentication_required");
    }

    private static List<Route> routes(String caller) {
        String[] auth = caller == null ? new String[0] : new String[] {"Authorization", caller};
        return List.of(
                new Route("GET", id -> http.get("/process/" + id, auth)),
                new Route("HEAD", id -> http.send("HEAD", "/process/" + id, null, "", auth)),
                new Route("GET state", id -> http.get("/process/" + id + "/state", auth)),
                new Route("PUT state", id -> http.put("/process/" + id + "/state", "{\"a\": 1}", auth)),
                new Route("PATCH state", id -> http.send("PATCH", "/process/" + id + "/state",
                        "application/merge-patch+json", "{\"a\": 1}", auth)),
                new Route("POST step", id -> http.post("/process/" + id + "/step",
                        "{\"step\": \"profile\", \"input\": {\"name\": \"Eve\", \"email\": \"eve@example.org\"}}",
                        auth)),
                new Route("DELETE", id -> http.delete("/process/" + id, auth)),
                new Route("GET history", id -> http.get("/process/" + id + "/history", auth)),
                new Route("GET events", id -> http.get("/process/" + id + "/events",
                        concat(auth, "Accept", "text/event-stream"))),
                new Route("GET ws (no upgrade)", id -> http.get("/process/" + id + "/ws", auth)),
                new Route("GET minVersion", id -> http.get("/process/" + id + "?minVersion=1", auth)));
    }

    private static String[] concat(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
