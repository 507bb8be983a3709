package io.flowstate.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.testkit.FlowstateServerTest;
import io.flowstate.server.testkit.ServerUnderTest;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.server.testkit.WsClient;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Generated WebSocket messages against a real server: steps, patches and resumes with malformed, mistyped and
 * out-of-order content, malformed JSON and oversize messages. Invariants: every reply is an ack, an event or an
 * error frame whose problem has a catalogued code and a status below 500; a connection closes only normally
 * (1000, the process ended) or for the client's own fault (1008 rate limit, 1009 too big); the server stays ready.
 * Each connection sends fewer messages than the socket's burst, so the rate limit is met only where generated.
 */
@FlowstateServerTest(flows = "src/test/resources/fuzz-flows", store = StoreKind.SQLITE, tokenKeys = "k1")
class SocketFuzzIT {

    private static final int CONNECTIONS = Integer.getInteger("fuzz.sockets", 60);
    private static final int MESSAGES_PER_CONNECTION = 30;
    private static final long SEED = Long.getLong("fuzz.seed", 20_261_204L);
    private static final Duration WAIT = Duration.ofSeconds(5);


    @Test
    void noGeneratedMessageGetsA5xxOrAnUnexplainedClose(ServerUnderTest server) {
        Random random = new Random(SEED);
        int answered = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
            String id = server.http().post("/workflow/start", "{\"flow\":\"fuzz\"}").json().get("processId").asText();
            try (WsClient socket = server.ws("/process/" + id + "/ws")) {
                assertThat(socket.next(WAIT).get("type").asText()).isEqualTo("process.snapshot");
                for (int m = 0; m < MESSAGES_PER_CONNECTION && !socket.isClosed(); m++) {
                    String requestId = "r" + c + "-" + m;
                    String message = message(random, requestId);
                    String where = "connection " + c + ", message " + m + " (seed " + SEED + "): " + abbreviate(message);
                    if (!socket.trySend(message)) {
                        break;
                    }
                    answered += awaitReply(socket, requestId, where) ? 1 : 0;
                }
                if (socket.isClosed()) {
                    assertThat(socket.closeCode(WAIT)).as("connection " + c).isIn(1000, 1008, 1009);
                }
            }
        }
        // a message the server kept the connection open for was always answered (awaitReply fails otherwise)
        assertThat(answered).as("messages answered").isGreaterThan(CONNECTIONS * 3);
        assertThat(server.http().get("/health/ready").status()).isEqualTo(200);
    }

    /** Reads until the reply to {@code requestId} (or an error without one); false when the connection closed. */
    private static boolean awaitReply(WsClient socket, String requestId, String where) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode frame = socket.poll(Duration.ofMillis(50));
            if (frame == null) {
                if (socket.isClosed()) {
                    return false;
                }
                continue;
            }
            String type = frame.path("type").asText();
            if (type.equals("error")) {
                JsonNode problem = frame.get("problem");
                assertThat(ProblemType.ofCode(problem.path("code").asText())).as(where + " → " + frame)
                        .hasValueSatisfying(t -> assertThat(t.status()).isEqualTo(problem.path("status").asInt()));
                assertThat(problem.path("status").asInt()).as(where + " → " + frame).isLessThan(500);
            }
            JsonNode replyTo = frame.get("requestId");
            boolean reply = type.equals("ack") || type.equals("error");
            if (reply && (replyTo == null || replyTo.isNull() || replyTo.asText().equals(requestId))) {
                return true;
            }
        }
        throw new AssertionError(where + ": no reply within " + WAIT);
    }

    private static String message(Random random, String requestId) {
        String rid = "\"requestId\":\"" + requestId + "\"";
        String input = pick(random, List.of("{\"quantity\":2,\"price\":5}", "{\"quantity\":1e+21}", "{\"quantity\":\"x\"}",
                "{\"quantity\":3,\"code\":\"\\ud800\"}", "{}", "null", "[]", "{\"ok\":true}",
                "{" + "\"a\":{".repeat(70) + "}".repeat(71)));
        return switch (random.nextInt(10)) {
            case 0 -> pick(random, List.of("{", "[1,2]", "\"step\"", "{\"type\":", "nul", "{\"type\":\"step\"}x"));
            case 1 -> "{\"type\":\"" + pick(random, List.of("steps", "", "ack", "error", "PATCH")) + "\"," + rid + "}";
            case 2 -> "{\"type\":\"patch\",\"patch\":" + input + "," + rid
                    + pick(random, List.of("", ",\"ifVersion\":1", ",\"ifVersion\":\"1\"", ",\"ifVersion\":-3")) + "}";
            case 3 -> "{\"type\":\"resume\",\"afterVersion\":" + pick(random, List.of("0", "-1", "99999999999999999999",
                    "\"1\"", "1.5", "null")) + "," + rid + "}";
            case 4 -> "{\"type\":\"step\",\"input\":\"" + "x".repeat(70_000) + "\"," + rid + "}";
            case 5 -> "{\"type\":\"step\",\"input\":" + input + ",\"step\":" + pick(random, List.of("\"order\"",
                    "\"review\"", "\"nope\"", "1", "null")) + "," + rid + "}";
            default -> "{\"type\":\"step\",\"input\":" + input + "," + rid
                    + pick(random, List.of("", ",\"ifVersion\":1", ",\"ifVersion\":2", ",\"ifVersion\":{}")) + "}";
        };
    }

    private static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
    }
}
