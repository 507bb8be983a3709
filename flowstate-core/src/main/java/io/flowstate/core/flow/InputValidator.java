package io.flowstate.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import com.networknt.schema.path.PathType;
import io.flowstate.core.json.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Validates form input against a step's JSON Schema (draft 2020-12 unless the schema says otherwise), with
 * {@code format} asserted. Compiled schemas are cached per schema node.
 */
public final class InputValidator {

    private static final BigDecimal LONG_RANGE = new BigDecimal(Long.MAX_VALUE);
    private static final tools.jackson.databind.node.JsonNodeFactory NODES =
            tools.jackson.databind.node.JsonNodeFactory.instance;

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_POINTER)
                    .build()));

    /**
     * Compiled schemas by the identity of their node: a flow's schemas are long-lived instances, so looking one
     * up costs no serialization on the submit path.
     */
    private final Map<SchemaNode, Schema> compiled = new ConcurrentHashMap<>();

    private record SchemaNode(JsonNode node) {
        @Override
        @SuppressWarnings("ReferenceEquality") // identity is the key: an equal schema elsewhere is another entry
        public boolean equals(Object other) {
            return other instanceof SchemaNode that && that.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }

    /**
     * Compiles a schema, failing with {@link IllegalArgumentException} when it is not a valid schema.
     * Called when flows load so a broken schema is reported at start rather than at the first submission.
     */
    public void compile(JsonNode schema) {
        schemaFor(schema);
    }

    /** Every violation of {@code schema} by {@code input}; empty when the input is valid. */
    public List<Violation> validate(JsonNode schema, JsonNode input) {
        tools.jackson.databind.JsonNode tree = schemaTree(input);
        return tree != null ? violations(() -> schemaFor(schema).validate(tree), input) : validateText(schema, input);
    }

    /** {@link #validate}, with the input written as text and read by the schema library. */
    List<Violation> validateText(JsonNode schema, JsonNode input) {
        return violations(() -> schemaFor(schema).validate(Json.text(input), InputFormat.JSON), input);
    }

    private static List<Violation> violations(Supplier<List<Error>> validation, JsonNode input) {
        List<Error> errors;
        try {
            errors = validation.get();
        } catch (RuntimeException e) {
            // The schema library checks bounds in 64-bit longs and throws on larger numbers (1e21, what a
            // browser's JSON.stringify sends for 10^21); those numbers are then what is wrong with the input.
            List<Violation> outOfRange = new ArrayList<>();
            numbersOutOfRange(input, "", outOfRange);
            if (outOfRange.isEmpty()) {
                throw e;
            }
            return outOfRange;
        }
        // valid input, the usual case, skips the stream (about a fifth of the validation's time, JFR)
        return errors.isEmpty() ? List.of() : errors.stream().map(InputValidator::violation).toList();
    }

    /**
     * The input as the schema library's own tree, copied node by node, or null when it holds a number other than an
     * integer within 64 bits: the library reads decimals from text its own way (exactly, and big ones as big), so
     * those inputs go through text as before. Writing the input as text and having the library parse it again was
     * about a tenth of a form step's time on the memory store (JFR, docs/benchmarks.md "Step cost").
     */
    static tools.jackson.databind.@Nullable JsonNode schemaTree(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                tools.jackson.databind.node.ObjectNode object = NODES.objectNode();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    tools.jackson.databind.JsonNode value = schemaTree(field.getValue());
                    if (value == null) {
                        yield null;
                    }
                    object.set(field.getKey(), value);
                }
                yield object;
            }
            case ARRAY -> {
                tools.jackson.databind.node.ArrayNode array = NODES.arrayNode(node.size());
                for (JsonNode element : node) {
                    tools.jackson.databind.JsonNode value = schemaTree(element);
                    if (value == null) {
                        yield null;
                    }
                    array.add(value);
                }
                yield array;
            }
            case STRING -> NODES.stringNode(node.textValue());
            case BOOLEAN -> NODES.booleanNode(node.booleanValue());
            case NULL -> NODES.nullNode();
            case NUMBER -> !node.canConvertToLong() || !node.isIntegralNumber() ? null
                    : node.canConvertToInt() ? NODES.numberNode(node.intValue()) : NODES.numberNode(node.longValue());
            default -> null;
        };
    }

    private static void numbersOutOfRange(JsonNode node, String pointer, List<Violation> out) {
        if (node.isNumber()) {
            BigDecimal value = node.decimalValue();
            if (value.abs().compareTo(LONG_RANGE) >= 0) {
                out.add(new Violation(pointer, "range", "number " + node.asText()
                        + " is outside the range that can be checked against the schema's bounds (|n| < 2^63)"));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                numbersOutOfRange(field.getValue(), pointer + "/" + escape(field.getKey()), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                numbersOutOfRange(node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private Schema schemaFor(JsonNode schema) {
        return compiled.computeIfAbsent(new SchemaNode(schema), key -> {
            try {
                Schema s = REGISTRY.getSchema(Json.text(key.node()), InputFormat.JSON);
                s.validate("{}", InputFormat.JSON); // forces lazy parts of the schema to load now
                return s;
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("invalid JSON Schema: " + e.getMessage(), e);
            }
        });
    }

    private static Violation violation(Error error) {
        String pointer = pointer(error.getInstanceLocation());
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer + "/" + escape(error.getProperty());
        }
        return new Violation(pointer, error.getKeyword(), error.getMessage());
    }

    private static String pointer(NodePath path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            out.append('/').append(escape(path.getName(i)));
        }
        return out.toString();
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
