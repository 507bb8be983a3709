package io.flowstate.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.testkit.ConfigChange;
import io.flowstate.server.testkit.FastEvents;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * One test per bug the first run of a request fuzzer found on the server, and per contract gap found while probing
 * it (405 with {@code Allow}, {@code HEAD}, {@code OPTIONS}), so each stays fixed by name even if the generated suite
 * stops generating it: an error is a 4xx problem+json with a catalogued code, and what it targeted is unchanged.
 */
@FlowstateServerTest(flows = "src/test/resources/fuzz-flows", store = StoreKind.SQLITE, tokenKeys = "k1",
        configure = FuzzFindingsIT.ShortReads.class)
class FuzzFindingsIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

    /** A request that stops half-way is cut off after 2 s (heartbeats short enough not to raise it). */
    static final class ShortReads implements ConfigChange {
        @Override
        public FlowstateConfig apply(FlowstateConfig config) {
            return config.withEvents(FastEvents.EVENTS).withServer(config.server().withReadTimeout(READ_TIMEOUT));
        }
    }

    private static final String CHUNKED_START = "POST /workflow/start HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";

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
    void aMalformedChunkSizeIs400AndAChunkWithoutItsCrlfIs400() throws IOException {
        String body = "{\"flow\":\"fuzz\"}";
        String size = Integer.toHexString(body.length());

        assertProblem(send(CHUNKED_START + "zz\r\n" + body + "\r\n0\r\n\r\n"), "chunk size zz");
        RawHttp.Response noCrlf = send(CHUNKED_START + size + "\r\n" + body + "XX0\r\n\r\n");
        RawHttp.Response halfCrlf = send(CHUNKED_START + size + "\r\n" + body + "\r0\r\n\r\n");

        assertProblem(noCrlf, "chunk followed by XX");
        assertThat(noCrlf.status()).isEqualTo(400);
        assertProblem(halfCrlf, "chunk followed by CR alone");
        assertThat(halfCrlf.status()).isEqualTo(400);
    }

    @Test
    void chunkExtensionsAreIgnoredAndMalformedOnesAre400() throws IOException {
        String body = "{\"flow\":\"fuzz\"}";
        String size = Integer.toHexString(body.length());

        for (String extension : new String[] {";a=b", " ; name=\"quoted \\\" value\" ;flag", ";a;b=c"}) {
            RawHttp.Response started = send(CHUNKED_START + size + extension + "\r\n" + body + "\r\n0" + extension
                    + "\r\n\r\n");
            assertThat(started.status()).as(extension + " → " + started.text()).isEqualTo(201);
        }
        for (String extension : new String[] {";", ";=b", ";a=\"open", ";a b"}) {
            RawHttp.Response refused = send(CHUNKED_START + size + extension + "\r\n" + body + "\r\n0\r\n\r\n");
            assertProblem(refused, "extension " + extension);
            assertThat(refused.status()).isEqualTo(400);
        }
    }

    @Test
    void methodsAreCaseSensitiveSoDeleteInMixedCaseDeletesNothing() throws IOException {
        String id = start();
        String path = "/process/" + id;

        RawHttp.Response mixed = send("Delete " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        RawHttp.Response lower = send("delete " + path + "?x=1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        RawHttp.Response unknownPath = send("get /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        RawHttp.Response start = post("/workflow/start", "{\"flow\":\"fuzz\"}", "application/json", "pOST");

        for (RawHttp.Response refused : List.of(mixed, lower)) {
            assertProblem(refused, "lower-case DELETE");
            assertThat(refused.status()).isEqualTo(405);
            assertThat(refused.header("Allow")).isEqualTo("GET, HEAD, DELETE, OPTIONS");
        }
        assertProblem(unknownPath, "get /nope");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertProblem(start, "pOST /workflow/start");
        assertThat(start.status()).isEqualTo(405);
        assertThat(get(id).status()).as("the process is still there").isEqualTo(200);
    }

    @Test
    void aLowerCaseMethodAfterOtherRequestsOnOneConnectionIsStillRefused() throws IOException {
        String id = start();
        String body = "{\"flow\":\"fuzz\"}";
        String chunkedStart = "POST /workflow/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + ";a=b\r\n" + body
                + "\r\n0\r\n\r\n";
        String lengthStart = "POST /workflow/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Connection: keep-alive\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;

        RawHttp.Exchange exchange = http.sendPipelined((chunkedStart + lengthStart + "GET /health/live HTTP/1.1\r\n"
                + "Host: x\r\n\r\ndelete /process/" + id + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII), 4);

        assertThat(exchange.responses()).extracting(RawHttp.Response::status).containsExactly(201, 201, 200, 405);
        assertThat(exchange.closed()).as("closed after refusing the method").isTrue();
        assertThat(get(id).status()).isEqualTo(200);
    }

    @Test
    void http10IsServedAsHttp11AndItsConnectionClosedAfterTheAnswer() throws IOException {
        String body = "{\"flow\":\"fuzz\"}";

        RawHttp.Exchange live = http.sendPipelined("GET /health/live HTTP/1.0\r\nHost: x\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII), 1);
        RawHttp.Exchange started = http.sendPipelined(("POST /workflow/start HTTP/1.0\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body
                + "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 1);

        assertThat(live.responses().getFirst().status()).isEqualTo(200);
        assertThat(live.closed()).as("closed after the answer").isTrue();
        assertThat(started.responses().getFirst().status()).as(started.responses().getFirst().text()).isEqualTo(201);
        assertThat(started.closed()).as("the request after an HTTP/1.0 one is not read").isTrue();
    }

    @Test
    void connectionCloseClosesTheConnectionAfterTheAnswerAndKeepAliveKeepsIt() throws IOException {
        RawHttp.Exchange closing = http.sendPipelined(("GET /health/live HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n"
                + "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 1);
        RawHttp.Exchange listed = http.sendPipelined(("GET /process/" + UUID.randomUUID() + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: TE, Close\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 1);
        RawHttp.Exchange kept = http.sendPipelined(("GET /health/live HTTP/1.1\r\nHost: x\r\n"
                + "Connection: keep-alive\r\n\r\n"
                + "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII), 2);

        assertThat(closing.responses().getFirst().status()).isEqualTo(200);
        assertThat(closing.closed()).as("closed after the answer, the next request not read").isTrue();
        assertThat(listed.responses().getFirst().status()).isEqualTo(404);
        assertThat(listed.closed()).as("close among other options, after an error answer").isTrue();
        assertThat(kept.responses()).as("both requests of a kept-alive connection answered")
                .extracting(RawHttp.Response::status).containsExactly(200, 200);
    }

    @Test
    void http10OnAStreamIsRefusedWithAProblemBody() throws IOException {
        String id = start();
        RawHttp.Response answer = send("GET /process/" + id + "/events HTTP/1.0\r\nHost: x\r\n\r\n");

        assertThat(answer.status()).isEqualTo(505);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Json.parse(answer.body()).path("code").asText()).isEqualTo("http_version_not_supported");
    }

    @Test
    void halfARequestIsCutOffAfterTheReadTimeoutWhileOtherClientsAreServed() throws IOException {
        long sentAt = System.nanoTime();
        try (Socket unfinishedHeaders = open("POST /workflow/start HTTP/1.1\r\nHost: x\r\nContent-Ty");
             Socket shortBody = open("POST /workflow/start HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     + "Content-Length: 100\r\n\r\n{\"flow\":")) {
            for (int i = 0; i < 5; i++) {
                assertThat(UUID.fromString(start())).as("served while two requests hang").isNotNull();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(READ_TIMEOUT);

            String headersEnd = answerOrClose(unfinishedHeaders);
            String bodyEnd = answerOrClose(shortBody);
            Duration cutOffAfter = Duration.ofNanos(System.nanoTime() - sentAt);

            assertThat(headersEnd).as("unfinished headers").matches("closed|HTTP/1.1 4\\d\\d .*");
            assertThat(bodyEnd).as("short body").matches("closed|HTTP/1.1 4\\d\\d .*");
            assertThat(cutOffAfter).isBetween(READ_TIMEOUT.minusMillis(200), READ_TIMEOUT.plusSeconds(3));
        }
        assertThat(send("GET /health/ready HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status())
                .isEqualTo(200);
    }

    @Test
    void connectAndANonAsciiMethodAre4xxProblems() throws IOException {
        assertProblem(send("CONNECT /process/x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), "CONNECT");
        assertProblem(http.send(("G\u00c9T /flows HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1), false), "non-ASCII method");
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

    private static Socket open(String partialRequest) throws IOException {
        Socket socket = new Socket("127.0.0.1", http.port());
        socket.getOutputStream().write(partialRequest.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** The status line the server answers a hanging request with, or "closed" when it closes without one. */
    private static String answerOrClose(Socket socket) throws IOException {
        socket.setSoTimeout((int) READ_TIMEOUT.plusSeconds(5).toMillis());
        try {
            RawHttp.Response answer = RawHttp.read(socket.getInputStream(), false);
            return "HTTP/1.1 " + answer.status() + " " + answer.text();
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("without an answer") || e instanceof SocketException) {
                return "closed";
            }
            throw e;
        }
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
        return post(path, json, type, "POST");
    }

    private static RawHttp.Response post(String path, String json, String type, String method) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(method + " " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: " + type + "\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n" + json);
    }

    private static RawHttp.Response send(String request) throws IOException {
        return http.send(request.getBytes(StandardCharsets.UTF_8), false);
    }
}
