package io.flowstate.core.token;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The JWT claims set of a process token, written and read with Flowstate's Jackson mapper rather than Nimbus's
 * {@code JWTClaimsSet}: Nimbus maps JSON numbers to {@code Long}/{@code Double}, which would turn a state's
 * {@code 1.10} into {@code 1.1} and lose digits of large integers. Registered claims keep their JWT names.
 *
 * <pre>{@code
 * { "sub": "<processId>", "jti": "…", "iat": 1767225600, "exp": 1767312000, ["nbf": …,]
 *   "flow": "signup", "flowVersion": "…", "version": 3, "status": "waiting", "step": "address",
 *   "state": {…}, ["result": …,] ["error": {"code","title","detail","step"},]
 *   "createdAt": "2026-01-01T00:00:00.123456Z", "updatedAt": "…", "expiresAt": "…" }
 * }</pre>
 */
final class TokenPayload {

    /** One level deeper than request bodies may nest: the state sits inside the claims object. */
    private static final ObjectMapper MAPPER = withNestingDepth(Json.MAX_NESTING_DEPTH + 2);

    private TokenPayload() {
    }

    static byte[] write(TokenClaims claims) {
        ProcessInstance process = claims.process();
        ObjectNode root = MAPPER.createObjectNode();
        root.put("sub", process.processId().toString());
        root.put("jti", claims.tokenId());
        root.put("iat", claims.issuedAt().getEpochSecond());
        root.put("exp", claims.expiresAt().getEpochSecond());
        if (claims.notBefore() != null) {
            root.put("nbf", claims.notBefore().getEpochSecond());
        }
        root.put("flow", process.flowId());
        if (process.flowVersion() != null) {
            root.put("flowVersion", process.flowVersion());
        }
        root.put("version", process.version());
        root.put("status", process.status().wireName());
        if (process.currentStep() != null) {
            root.put("step", process.currentStep());
        }
        root.set("state", process.state());
        if (process.result() != null) {
            root.set("result", process.result());
        }
        if (process.error() != null) {
            ObjectNode error = root.putObject("error");
            error.put("code", process.error().code());
            error.put("title", process.error().title());
            putIfPresent(error, "detail", process.error().detail());
            putIfPresent(error, "step", process.error().step());
        }
        root.put("createdAt", process.createdAt().toString());
        root.put("updatedAt", process.updatedAt().toString());
        root.put("expiresAt", process.expiresAt().toString());
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a payload that has already been authenticated. A payload we cannot read is still refused, not thrown:
     * it may come from a future version of Flowstate that shares the key.
     */
    static TokenClaims read(byte[] payload) throws TokenRejectedException {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (IOException e) {
            throw new TokenRejectedException("claims are not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new TokenRejectedException("claims are not a JSON object");
        }
        try {
            JsonNode state = root.get("state");
            if (state == null || !state.isObject()) {
                throw new TokenRejectedException("claim 'state' is not an object");
            }
            ProcessInstance process = new ProcessInstance(
                    UUID.fromString(text(root, "sub")),
                    text(root, "flow"),
                    optionalText(root, "flowVersion"),
                    ProcessStatus.fromWire(text(root, "status")),
                    integer(root, "version"),
                    optionalText(root, "step"),
                    (ObjectNode) state,
                    root.get("result"),
                    problem(root.get("error")),
                    instant(root, "createdAt"),
                    instant(root, "updatedAt"),
                    instant(root, "expiresAt"));
            JsonNode notBefore = root.get("nbf");
            return new TokenClaims(process, text(root, "jti"), Instant.ofEpochSecond(integer(root, "iat")),
                    Instant.ofEpochSecond(integer(root, "exp")),
                    notBefore == null ? null : Instant.ofEpochSecond(integer(root, "nbf")));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new TokenRejectedException("claims do not describe a process: " + e.getClass().getSimpleName());
        }
    }

    private static @Nullable Problem problem(@Nullable JsonNode error) throws TokenRejectedException {
        if (error == null) {
            return null;
        }
        if (!error.isObject()) {
            throw new TokenRejectedException("claim 'error' is not an object");
        }
        return new Problem(text(error, "code"), text(error, "title"), optionalText(error, "detail"),
                optionalText(error, "step"));
    }

    private static String text(JsonNode node, String name) throws TokenRejectedException {
        String value = optionalText(node, name);
        if (value == null) {
            throw new TokenRejectedException("claim '" + name + "' is missing");
        }
        return value;
    }

    private static @Nullable String optionalText(JsonNode node, String name) throws TokenRejectedException {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new TokenRejectedException("claim '" + name + "' is not a string");
        }
        return value.textValue();
    }

    private static long integer(JsonNode node, String name) throws TokenRejectedException {
        JsonNode value = node.get(name);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new TokenRejectedException("claim '" + name + "' is not an integer");
        }
        return value.longValue();
    }

    private static Instant instant(JsonNode node, String name) throws TokenRejectedException {
        return Instant.parse(text(node, name));
    }

    private static void putIfPresent(ObjectNode node, String name, @Nullable String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static ObjectMapper withNestingDepth(int depth) {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(depth)
                .maxStringLength(Json.MAX_STRING_LENGTH)
                .maxNumberLength(100)
                .build());
        return mapper;
    }
}
