package io.flowstate.core.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The one configured {@link ObjectMapper} of Flowstate. Parsing enforces nesting and size limits while
 * reading, so hostile input is rejected before it is materialised.
 */
public final class Json {

    /** Deepest nesting accepted in any JSON document (request bodies, stored state). */
    public static final int MAX_NESTING_DEPTH = 64;
    /**
     * Deepest nesting of a process state: two levels below {@link #MAX_NESTING_DEPTH}, so that every envelope a
     * state travels in (a script's result, a stored record, a token) still parses.
     */
    public static final int MAX_STATE_DEPTH = MAX_NESTING_DEPTH - 2;
    /** Longest single string value accepted. */
    public static final int MAX_STRING_LENGTH = 1 << 20;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNumberLength(100)
                            .build())
                    // buffers shared by all threads, not kept per thread: every event stream is a virtual thread
                    // that lives for hours, and would otherwise hold its own buffers all that time
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .build())
            // keep 100.00 as 100.00: amounts in forms must round-trip exactly
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses a document; throws {@link JsonProcessingException} for malformed or over-limit input. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        JsonNode node = MAPPER.readTree(bytes);
        if (node == null || node.isMissingNode()) {
            throw new JsonParseFailure("empty document");
        }
        return node;
    }

    public static JsonNode parse(String text) throws IOException {
        return parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String text(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A bound that {@code node}'s size as {@link #bytes} is never above, found without encoding it: every character
     * of a string counted as the six bytes of its longest escape. Size limits compare this first and encode
     * only when it is over.
     */
    public static long sizeBound(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                long size = 2 + Math.max(0, node.size() - 1);
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    size += 3 + 6L * field.getKey().length() + sizeBound(field.getValue());
                }
                yield size;
            }
            case ARRAY -> {
                long size = 2 + Math.max(0, node.size() - 1);
                for (JsonNode element : node) {
                    size += sizeBound(element);
                }
                yield size;
            }
            case STRING -> 2 + 6L * node.textValue().length();
            case NUMBER -> node.isInt() || node.isLong() ? 20 : node.isDouble() || node.isFloat() ? 26
                    : node.asText().length() + 2L;
            case BOOLEAN -> 5;
            case NULL, MISSING -> 4;
            default -> Long.MAX_VALUE / 2;
        };
    }

    /** How deeply containers nest in {@code node}: 0 for a scalar, 1 for a flat object or array. */
    public static int depth(JsonNode node) {
        int deepest = 0;
        for (JsonNode child : node) {
            deepest = Math.max(deepest, depth(child));
        }
        return node.isContainerNode() ? deepest + 1 : 0;
    }

    /**
     * The first string (value or field name) in {@code node} that holds a lone UTF-16 surrogate, which no UTF-8
     * document can carry (it would be stored as {@code ?}); null when there is none.
     */
    public static @Nullable String loneSurrogate(JsonNode node) {
        if (node.isTextual()) {
            return hasLoneSurrogate(node.textValue()) ? node.textValue() : null;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (hasLoneSurrogate(field.getKey())) {
                    return field.getKey();
                }
                String found = loneSurrogate(field.getValue());
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                String found = loneSurrogate(element);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Thrown for a document that parses but is not acceptable (for example, empty). */
    private static final class JsonParseFailure extends IOException {
        JsonParseFailure(String message) {
            super(message);
        }
    }
}
