package io.flowstate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.config.AuthConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /processes} with {@code auth.mode = none}: the admin token, paging with the cursor, filters, bad input. */
class AdminListingIT {

    static final String ADMIN_TOKEN = "listing-admin-token-0123456789";

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
    void adminRoutesAreNeverAnsweredAnonymouslyOrToAWrongToken() {
        Http.Response anonymous = http.get("/processes");
        Http.Response wrong = http.get("/processes", "Authorization", "Bearer not-the-admin-token-at-all");

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("code").asText()).isEqualTo("authentication_required");
        assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("code").asText()).isEqualTo("invalid_credentials");
    }

    @Test
    void pagesEveryProcessOnceNewestFirstAndFiltersByWaitingStep() {
        List<String> started = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            started.add(http.start("signup"));
        }
        String moved = started.get(3);
        Http.Response step = http.post("/process/" + moved + "/step",
                "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}");
        assertThat(step.json().at("/nextStep/id").asText()).isEqualTo("address");

        List<JsonNode> listed = pageThrough("/processes?flow=signup&limit=5");
        List<String> ids = listed.stream().map(p -> p.get("processId").asText()).toList();
        Set<String> waitingAtAddress = new HashSet<>(pageThrough("/processes?waitingFor=address&limit=2").stream()
                .map(p -> p.get("processId").asText()).toList());

        assertThat(ids).doesNotHaveDuplicates().containsAll(started);
        assertThat(ids.getFirst()).isEqualTo(moved); // the last one changed is the newest
        List<String> updated = listed.stream().map(p -> p.get("updatedAt").asText()).toList();
        // the listing orders by updatedAt to the millisecond (then id), as every store keeps it
        assertThat(updated).isSortedAccordingTo((a, b) -> Long.compare(java.time.Instant.parse(b).toEpochMilli(),
                java.time.Instant.parse(a).toEpochMilli()));
        assertThat(waitingAtAddress).contains(moved).doesNotContainAnyElementsOf(
                started.stream().filter(id -> !id.equals(moved)).toList());
        assertThat(pageThrough("/processes?waitingFor=address&limit=2")).allSatisfy(
                p -> assertThat(p.at("/nextStep/id").asText()).isEqualTo("address"));
    }

    @Test
    void unusableParametersAre400InvalidParameter() {
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "status=sleeping", "cursor=abc",
                "updatedBefore=yesterday", "colour=blue", "flow=", "flow=a&flow=b")) {
            Http.Response answer = http.get("/processes?" + query, "Authorization", "Bearer " + ADMIN_TOKEN);

            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.json().get("code").asText()).as(query).isEqualTo("invalid_parameter");
        }
    }

    private static List<JsonNode> pageThrough(String first) {
        List<JsonNode> all = new ArrayList<>();
        String path = first;
        for (int pages = 0; pages < 1000; pages++) {
            Http.Response page = http.get(path, "Authorization", "Bearer " + ADMIN_TOKEN);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("processes").forEach(all::add);
            JsonNode next = page.json().get("next");
            if (next.isNull()) {
                return all;
            }
            path = first + "&cursor=" + URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
        }
        throw new AssertionError("the listing did not end");
    }
}
