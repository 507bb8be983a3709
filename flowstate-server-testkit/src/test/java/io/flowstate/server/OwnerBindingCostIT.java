package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.auth.TestIssuer;
import io.flowstate.server.config.AuthConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.FaultyProcessStore;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Owner binding leaves no side channel in the work done: for every route, a process of another subject costs the
 * store exactly the calls an unknown id costs (one read), so neither the answer nor the time it takes tells them
 * apart; the owner's own read costs one read, as without auth (the route answers from the check's read).
 */
class OwnerBindingCostIT {

    static final TestIssuer ISSUER = new TestIssuer();
    static CountingProcessStore counting;
    static FaultyProcessStore faulty;

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/auth-flows").withStore(StoreKind.MEMORY)
                    .withConfig(config -> config.withAuth(AuthConfig.jwt(ISSUER.jwks().toString(), TestIssuer.ISSUER,
                            TestIssuer.AUDIENCE)))
                    .withStoreDecorator(store -> {
                        counting = new CountingProcessStore(store);
                        faulty = new FaultyProcessStore(counting);
                        return faulty;
                    }));

    @Test
    void anotherSubjectsProcessCostsTheStoreExactlyWhatAnUnknownIdCosts() {
        Http http = SERVER.http();
        String alice = "Bearer " + ISSUER.token("alice");
        String bob = "Bearer " + ISSUER.token("bob");
        String owned = http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", alice).processId();
        String unknown = UUID.randomUUID().toString();
        Map<String, Function<String, Http.Response>> routes = Map.of(
                "GET", id -> http.get("/process/" + id, "Authorization", bob),
                "GET state", id -> http.get("/process/" + id + "/state", "Authorization", bob),
                "POST step", id -> http.post("/process/" + id + "/step", "{\"input\": {}}", "Authorization", bob),
                "PATCH state", id -> http.send("PATCH", "/process/" + id + "/state", "application/merge-patch+json",
                        "{}", "Authorization", bob),
                "DELETE", id -> http.delete("/process/" + id, "Authorization", bob),
                "GET history", id -> http.get("/process/" + id + "/history", "Authorization", bob),
                "GET events", id -> http.get("/process/" + id + "/events", "Authorization", bob, "Accept",
                        "text/event-stream"));

        for (Map.Entry<String, Function<String, Http.Response>> route : routes.entrySet()) {
            counting.reset();
            assertThat(route.getValue().apply(owned).status()).as(route.getKey()).isEqualTo(404);
            Map<String, Long> foreign = counting.calls();
            counting.reset();
            assertThat(route.getValue().apply(unknown).status()).as(route.getKey()).isEqualTo(404);
            Map<String, Long> missing = counting.calls();

            assertThat(foreign).as(route.getKey()).isEqualTo(missing).isEqualTo(Map.of("get", 1L));
        }

        counting.reset();
        assertThat(http.get("/process/" + owned, "Authorization", alice).status()).isEqualTo(200);
        assertThat(counting.calls()).isEqualTo(Map.of("get", 1L)); // the route answers from the owner check's read
    }

    @Test
    void whenTheStoreDoesNotAnswerTheOwnerCheckAnswers503LikeTheRoutes() {
        Http http = SERVER.http();
        String bob = "Bearer " + ISSUER.token("bob");
        faulty.arm(FaultyProcessStore.Operation.GET, new FaultyProcessStore.Fault.BeforeWrite(), 1);
        try {
            Http.Response answer = http.get("/process/" + UUID.randomUUID(), "Authorization", bob);

            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.json().get("code").asText()).isEqualTo("store_unavailable");
        } finally {
            faulty.disarm();
        }
    }
}
