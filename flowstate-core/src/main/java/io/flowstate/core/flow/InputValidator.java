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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates form input against a step's JSON Schema (draft 2020-12 unless the schema says otherwise), with
 * {@code format} asserted. Compiled schemas are cached per schema node.
 */
public final class InputValidator {

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
        List<Error> errors = schemaFor(schema).validate(Json.text(input), InputFormat.JSON);
        return errors.stream().map(InputValidator::violation).toList();
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
