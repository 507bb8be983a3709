package io.flowstate.server.nflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.ServerUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The designer's example tabs ({@code examples-*.json} of the samples): API tokens, the twilio stubs, nested JSON. */
class NflowExamplesIT {

    @Test
    void anApiTokenGuardsLoginFlow1AndTheTwilioStubsWalkToTheirJson() throws Exception {
        try (ServerUnderTest server = NflowSamples.setup("examples-init-sql.json").start()) {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.port() + "/login_flow1");
            HttpResponse<String> allowed = client.send(HttpRequest.newBuilder(uri)
                    .header("Authorization", "Basic ZGV2MTpkZXYx").build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(allowed.body()).isEqualTo("{\"idp\":\"nflow2\"}\n");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEqualTo("{\"error\":\"Unauthorized\"}\n");

            Browser browser = new Browser(server.port());
            Browser.Page phone = browser.get("/twilio");
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("nflow_next_node_run", phone.hidden("nflow_next_node_run"));
            fields.put("nflow_process_id", phone.hidden("nflow_process_id"));
            fields.put("phone", "+5491100000000");
            Browser.Page code = browser.post("/twilio?f=run", fields);
            assertThat(code.body()).contains("name=\"code\"");
            Map<String, String> codeFields = new LinkedHashMap<>();
            codeFields.put("nflow_next_node_run", code.hidden("nflow_next_node_run"));
            codeFields.put("nflow_process_id", code.hidden("nflow_process_id"));
            codeFields.put("code", "123456");
            Browser.Page done = browser.post("/twilio?f=run", codeFields);
            assertThat(done.body()).isEqualTo("{\"code\":\"123456\",\"f\":\"run\",\"phone\":\"+5491100000000\","
                    + "\"twilio_phone\":\"+5491100000000\"}\n");
        }
    }

    @Test
    void loginFlow21AnswersNestedJsonWithKeysSorted() {
        try (ServerUnderTest server = NflowSamples.setup("examples-sqlite.json").start()) {
            Browser.Page page = new Browser(server.port()).get("/login_flow21");

            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).isEqualTo("{\"franco\":\"cafferata\",\"idp\":\"nflow2\","
                    + "\"pepe\":{\"es\":1234567,\"jojo\":[\"as\"]}}\n");
        }
    }

    @Test
    void theSeedsOlderPepe11PostedToItsOwnUrlAnswersWithTheQueryFieldToo() {
        try (ServerUnderTest server = NflowSamples.setup("app-init-sql.json").start()) {
            Browser browser = new Browser(server.port());
            Browser.Page page = browser.get("/pepe11");
            for (Map<String, String> filled : List.of(Map.of("nombre", "Ana"), Pepe11Walk.celular(),
                    Map.of("codigo", "9999"), Pepe11Walk.celular(), Map.of("codigo", "1111"), loan())) {
                assertThat(page.status()).as(page.body()).isEqualTo(200);
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("nflow_next_node_run", page.hidden("nflow_next_node_run"));
                fields.put("nflow_process_id", page.hidden("nflow_process_id"));
                fields.putAll(filled);
                page = browser.post("/pepe11?f=run", fields);
            }

            assertThat(page.body()).isEqualTo(Pepe11Walk.RESULT.replace("\"interes\"", "\"f\":\"run\",\"interes\""));
        }
    }

    private static Map<String, String> loan() {
        Map<String, String> loan = new LinkedHashMap<>();
        loan.put("cantidad", "1000");
        loan.put("cuotas", "6");
        loan.put("interes", "100.00");
        loan.put("valorCuota", "183.33");
        loan.put("valorTotal", "1100.00");
        return loan;
    }
}
