package io.flowstate.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One test per bug the first run of a request fuzzer found on the server, and per contract gap found while probing
 * it (405 with {@code Allow}, {@code HEAD}, {@code OPTIONS}), so each stays fixed by name even if the generated suite
 * stops generating it: an error is a 4xx problem+json with a catalogued code, and what it targeted is unchanged.
 */
@FlowstateServerTest(flows = "src/test/resources/fuzz-flows", store = StoreKind.SQLITE, tokenKeys = "k1")
class FuzzFindingsIT {

    static RawHttp http;

    @BeforeAll
    static void clients(ServerUnderTest server) {
        http = new RawHttp(server.port());
    }

    @Test
    void integersBeyondLongInAnIntegerFieldAre422() throws IOException {
        for (String number : new String[] {"1e+21", "1e19", "-1e19", "1e99999999999999"}) {
            String id = start();
            RawHttp.Response answer = post("/process/" + id + "/step", "{\"step\":\"order\",\"input\":{\"quantity\":"
                    + number + "}}", "application/json");
            assertProblem(answer, number);
            assertThat(answer.status()).as(number).isIn(400, 422);
        }
    }

    @Test
    void contentTypesThatDoNotParseAre4xx() throws IOException {
        for (String type : new String[] {"application/json;", "json", "application/" + "x".repeat(9_000)}) {
            assertProblem(post("/workflow/start", "{\"flow\":\"fuzz\"}", type), type.substring(0,
                    Math.min(20, type.length())));
        }
    }

    @Test
    void aGarbageAcceptOnTheEventStreamIs4xx() throws IOException {
        String id = start();
        assertProblem(send("GET /process/" + id + "/events HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Accept: garbage\r\n\r\n"), "Accept: garbage");
    }

    @Test
    void aMalformedChunkSizeIs400AndAChunkWithoutItsCrlfIsAnswered() throws IOException {
        String body = "{\"flow\":\"fuzz\"}";
        String head = "POST /workflow/start HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
        assertProblem(send(head + "zz\r\n" + body + "\r\n0\r\n\r\n"), "chunk size zz");
        // answered (it once got no answer at all); the HTTP layer reads past the missing CRLF leniently
        RawHttp.Response noCrlf = send(head + Integer.toHexString(body.length()) + "\r\n" + body + "XX0\r\n\r\n");
        assertThat(noCrlf.status()).as(noCrlf.text()).isLessThan(500);
    }

    @Test
    void connectAndANonAsciiMethodAre4xxProblems() throws IOException {
        assertProblem(send("CONNECT /process/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), "CONNECT");
        assertProblem(http.send(("G\u00c9T /flows HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), false), "non-ASCII method");
    }

    @Test
    void http10IsRefusedWithAProblemBodyNotAnEmptyAnswer() throws IOException {
        RawHttp.Response answer = send("GET /health/live HTTP/1.0\r\nHost: x\r\n\r\n");

        assertThat(answer.status()).isEqualTo(505);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Json.parse(answer.body()).path("code").asText()).isEqualTo("http_version_not_supported");
    }

    @Test
    void errorsBeforeRoutingAreProblems() throws IOException {
        assertProblem(send("GET /" + "x".repeat(70_000) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                "URI too long");
        assertProblem(send("GET /flows HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n"),
                "bad header");
    }

    @Test
    void aLoneSurrogateIsRefusedOrStoredAsSent() throws IOException {
        String id = start();
        RawHttp.Response answer = send(put("/process/" + id + "/state", "{\"code\":\"\\ud800\"}"));
        if (answer.status() < 300) {
            assertThat(get(id).text()).as("stored as sent").isEqualTo(answer.text());
        } else {
            assertProblem(answer, "lone surrogate");
        }
    }

    @Test
    void aStateTooDeepForTheNextStepIsRefusedByPut() throws IOException {
        String id = start();
        String deep = "{\"quantity\":2," + "\"a\":{".repeat(64) + "}".repeat(64) + "}";
        RawHttp.Response put = send(put("/process/" + id + "/state", deep));
        RawHttp.Response step = post("/process/" + id + "/step", "{\"step\":\"order\",\"input\":{\"quantity\":2}}",
                "application/json");
        assertThat(put.status() >= 400 || step.status() < 300).as(put.status() + " then " + step.text()).isTrue();
    }

    @Test
    void aKnownRouteAnswersAnUnservedMethod405WithAllowHeadLikeGetAndOptionsWithAllow() throws IOException {
        String id = start();
        String path = "/process/" + id;

        RawHttp.Response put = send("PUT " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                + "Content-Length: 0\r\n\r\n");
        RawHttp.Response head = http.send(("HEAD " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), true);
        RawHttp.Response options = send("OPTIONS " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertProblem(put, "PUT " + path);
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD, DELETE, OPTIONS");
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("ETag")).isEqualTo(get(id).header("ETag"));
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).isEqualTo("GET, HEAD, DELETE, OPTIONS");
    }

    @Test
    void clientErrorsAreNotLoggedAtError() throws IOException {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            String id = start();
            post("/process/" + id + "/step", "{\"step\":\"order\",\"input\":{\"quantity\":1e+21}}",
                    "application/json");
            post("/workflow/start", "{\"flow\":", "application/json");
            post("/workflow/start", "{\"flow\":\"fuzz\"}", "json");
            send("GET /flows HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n");
            send("CONNECT /process/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        } finally {
            root.detachAppender(logged);
        }
        assertThat(logged.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
    }

    private static void assertProblem(RawHttp.Response answer, String what) throws IOException {
        assertThat(answer.status()).as(what + " → " + answer.text()).isBetween(400, 499);
        assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
        JsonNode problem = Json.parse(answer.body());
        assertThat(ProblemType.ofCode(problem.path("code").asText())).as(what + " → " + answer.text()).isPresent();
    }

    private static String start() throws IOException {
        return Json.parse(post("/workflow/start", "{\"flow\":\"fuzz\"}", "application/json").body())
                .get("processId").asText();
    }

    private static RawHttp.Response get(String id) throws IOException {
        return send("GET /process/" + id + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    }

    private static String put(String path, String json) {
        return "PUT " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
    }

    private static RawHttp.Response post(String path, String json, String type) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send("POST " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + type + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n" + json);
    }

    private static RawHttp.Response send(String request) throws IOException {
        return http.send(request.getBytes(StandardCharsets.UTF_8), false);
    }
}
