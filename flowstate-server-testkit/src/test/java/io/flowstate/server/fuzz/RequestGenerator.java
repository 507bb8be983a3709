package io.flowstate.server.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Generates requests against every route: real shapes mutated into malformed, oversize, mistyped and wrongly
 * sequenced ones — odd methods and targets, headers that do not parse, bodies that are not JSON or are JSON a
 * browser would send but a validator chokes on (1e+21), nesting past the limits, lone surrogates, broken chunked
 * framing. Deterministic for a seed.
 */
final class RequestGenerator {

    private static final List<String> METHODS = List.of("GET", "GET", "POST", "POST", "POST", "PUT", "PATCH", "DELETE",
            "HEAD", "OPTIONS", "CONNECT", "TRACE", "FOO", "PROPFIND", "Delete", "delete", "get", "pOST", "Put", "patch");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json",
            "application/merge-patch+json", "application/json; charset=utf-8", "application/json;", "json", "",
            "text/plain", "application/json; charset=\"", "multipart/form-data; boundary=x", "*/*",
            "application/" + "x".repeat(9_000));
    private static final List<String> NUMBERS = List.of("1", "0", "-1", "1000", "1001", "2.5", "1e+21", "1e21", "1e19",
            "-1e19", "1E400", "-0", "123456789012345678901234567890", "1e99999999999999", "0.0000000000000000001");
    private static final List<String> STRINGS = List.of("\"ABC\"", "\"abc\"", "\"\"", "\"\\ud800\"",
            "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"<script>\"", "\"" + "x".repeat(70_000) + "\"", "\"S\"",
            "\"\\u0000\"");
    private static final List<String> STEPS = List.of("order", "review", "total", "done", "nope", "");

    private final Random random;
    private final Supplier<UUID> live;
    private final String tokenFlowToken;

    RequestGenerator(Random random, Supplier<UUID> live, String token) {
        this.random = random;
        this.live = live;
        this.tokenFlowToken = token;
    }

    FuzzCase next() {
        UUID target = null;
        String id;
        switch (random.nextInt(6)) {
            case 0 -> id = UUID.randomUUID().toString();
            case 1 -> id = pick(List.of("abc", "1", "-", "%00", "x".repeat(300), "ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ",
                    "%E2%82%AC", UUID.randomUUID().toString().toUpperCase(), ".."));
            default -> {
                target = live.get();
                id = target.toString();
            }
        }
        String[] route = pick(List.of(
                new String[] {"POST", "/workflow/start"}, new String[] {"POST", "/workflow/start"},
                new String[] {"POST", "/workflow/continue"}, new String[] {"GET", "/process/" + id},
                new String[] {"DELETE", "/process/" + id}, new String[] {"GET", "/process/" + id + "/state"},
                new String[] {"PUT", "/process/" + id + "/state"}, new String[] {"PATCH", "/process/" + id + "/state"},
                new String[] {"POST", "/process/" + id + "/step"}, new String[] {"POST", "/process/" + id + "/step"},
                new String[] {"POST", "/process/" + id + "/step"}, new String[] {"GET", "/process/" + id + "/history"},
                new String[] {"GET", "/process/" + id + "/events"}, new String[] {"GET", "/process/" + id + "/ws"},
                new String[] {"GET", "/flows"}, new String[] {"GET", "/flows/" + pick(List.of("fuzz", "nope", "%2F"))},
                new String[] {"GET", "/health/ready"}, new String[] {"GET", "/openapi.json"},
                new String[] {"GET", "/process"}, new String[] {"POST", "/process/" + id + "/nope"},
                new String[] {"GET", "//"}));
        String path = route[1];
        if (!path.contains(id)) {
            target = null;
        }
        if (random.nextInt(20) == 0) {
            path = path + pick(List.of("?minVersion=abc", "?minVersion=99999999999999999999", "?lastEventId=-1",
                    "?lastEventId=1", "?x=%zz", "?minVersion=1"));
        }
        String method = random.nextInt(6) == 0 ? pick(METHODS) : route[0];
        // HTTP/1.0 on the streams is refused with 505 by design (FuzzFindingsIT)
        boolean http10 = random.nextInt(20) == 0 && !path.contains("/events") && !path.contains("/ws");
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(http10 ? " HTTP/1.0\r\n"
                        : " HTTP/1.1\r\n")
                .append("Host: 127.0.0.1\r\nConnection: close\r\n");
        String body = body(path);
        if (random.nextInt(4) != 0) {
            head.append("Content-Type: ").append(pick(CONTENT_TYPES)).append("\r\n");
        }
        if (random.nextInt(4) == 0) {
            head.append("If-Match: ").append(pick(List.of("\"1\"", "\"2\"", "\"999\"", "garbage", "W/\"1\"", "*",
                    "\"-1\"", "\"99999999999999999999\""))).append("\r\n");
        }
        if (random.nextInt(5) == 0) {
            head.append("Idempotency-Key: ").append(pick(List.of("k-" + random.nextInt(50), " ", "x".repeat(300),
                    "ä", "k 1"))).append("\r\n");
        }
        if (random.nextInt(6) == 0) {
            head.append("Accept: ").append(pick(List.of("garbage", "text/event-stream", "*/*", "application/json",
                    "text/event-stream;q=0", ";;;"))).append("\r\n");
        }
        if (random.nextInt(6) == 0) {
            head.append("Authorization: ").append(pick(List.of("Bearer " + tokenFlowToken, "Bearer x.y.z", "Bearer ",
                    "Basic abc", "Bearer " + tokenFlowToken.substring(0, tokenFlowToken.length() / 2)))).append("\r\n");
        }
        if (random.nextInt(10) == 0) {
            head.append("Last-Event-ID: ").append(pick(List.of("1", "abc", "-5", "99999999999999999999"))).append("\r\n");
        }
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FuzzCase.Framing framing = FuzzCase.Framing.WELL_FORMED;
        if (random.nextInt(8) == 0 && bodyBytes.length > 0 && !http10) {
            head.append("Transfer-Encoding: chunked\r\n\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            String size = Integer.toHexString(bodyBytes.length);
            String sizeLine = pick(List.of(size, size.toUpperCase(Locale.ROOT), size + ";a=b", size + " ; n=\"q v\"",
                    size + ";a;b=c", "zz", size + " ", size + ";", size + ";a=\"open"));
            String afterData = pick(List.of("\r\n", "\r\n", "\r\n", "XX", "\r", ""));
            boolean wellFormed = ChunkLines.parse(sizeLine, size) && afterData.equals("\r\n");
            framing = wellFormed ? FuzzCase.Framing.WELL_FORMED : FuzzCase.Framing.BROKEN;
            out.writeBytes((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(bodyBytes);
            out.writeBytes((afterData + "0" + pick(List.of("", ";last")) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        } else {
            if (bodyBytes.length > 0 || !method.equals("GET")) {
                head.append("Content-Length: ").append(bodyBytes.length).append("\r\n");
            }
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(bodyBytes);
        }
        String description = method + " " + abbreviate(path) + (http10 ? " HTTP/1.0" : "") + " body="
                + abbreviate(body) + " (" + framing + ")";
        return new FuzzCase(description, out.toByteArray(), method.equals("HEAD"), target, method, framing, http10);
    }

    private String body(String path) {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> pick(List.of("{", "}", "nul", "[1,", "{\"a\":1}x", "\u00ff\u00fe", "{'a':1}", "NaN", "{\"a\":NaN}"));
            case 2 -> "{" + "\"a\":{".repeat(63 + random.nextInt(4)) + "}".repeat(64 + random.nextInt(3)) + "}";
            case 3 -> "[" + "[".repeat(random.nextInt(130)) + "]".repeat(random.nextInt(130)) + "]";
            case 4 -> pick(List.of("null", "1", "\"x\"", "[]", "true"));
            case 5 -> "{\"flow\":" + pick(List.of("\"fuzz\"", "\"tokens\"", "1", "null", "\"\"", "\"nope\"", "{}"))
                    + ",\"input\":" + input() + "}";
            case 6 -> "{\"input\":" + input() + ",\"step\":" + pick(List.of("\"" + pick(STEPS) + "\"", "1", "null",
                    "[]")) + "}";
            default -> path.endsWith("/state") ? input() : path.startsWith("/workflow/start")
                    ? "{\"flow\":\"fuzz\",\"input\":" + input() + "}"
                    : "{\"step\":\"" + pick(STEPS) + "\",\"input\":" + input() + "}";
        };
    }

    private String input() {
        return switch (random.nextInt(8)) {
            case 0 -> pick(List.of("null", "[]", "1", "\"x\""));
            case 1 -> "{\"quantity\":" + pick(NUMBERS) + "}";
            case 2 -> "{\"quantity\":" + pick(NUMBERS) + ",\"price\":" + pick(NUMBERS) + ",\"code\":" + pick(STRINGS)
                    + "}";
            case 3 -> "{\"quantity\":2,\"size\":" + pick(STRINGS) + ",\"gift\":" + pick(List.of("true", "\"true\"",
                    "1", "null")) + "}";
            case 4 -> "{\"quantity\":3,\"address\":" + pick(List.of("{\"zip\":\"12345\"}", "{\"zip\":1}", "\"x\"",
                    "{\"zip\":" + pick(STRINGS) + "}")) + "}";
            case 5 -> "{\"ok\":" + pick(List.of("true", "false", "\"true\"")) + "}";
            case 6 -> "{" + pick(STRINGS) + ":" + pick(NUMBERS) + "}";
            default -> "{\"quantity\":" + (1 + random.nextInt(5)) + ",\"price\":" + pick(List.of("10", "50", "0.5"))
                    + "}";
        };
    }

    /** The chunk-size lines the generator writes, and whether each is well-formed for a chunk of {@code size}. */
    private static final class ChunkLines {
        static boolean parse(String line, String size) {
            return line.equalsIgnoreCase(size) || line.equals(size + ";a=b") || line.equals(size + " ; n=\"q v\"")
                    || line.equals(size + ";a;b=c");
        }
    }

    private <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…(" + text.length() + ")" : text;
    }
}
