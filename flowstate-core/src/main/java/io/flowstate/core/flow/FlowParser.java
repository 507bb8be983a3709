package io.flowstate.core.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.flowstate.core.flow.InputValidator;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the native flow format (JSON or YAML) into a {@link Flow}, checking that every edge leads to a
 * defined step and every form schema compiles. A definition it refuses throws an unchecked exception whose
 * message names the offending field; {@link FlowCatalog} reports it against the file.
 */
public final class FlowParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

    private final InputValidator validator;

    public FlowParser(InputValidator validator) {
        this.validator = validator;
    }

    /** Parses a flow document; {@code yaml} selects the YAML reader. */
    public Flow parse(byte[] content, boolean yaml) {
        JsonNode root;
        try {
            root = yaml ? YAML.readTree(content) : Json.mapper().readTree(content);
        } catch (IOException e) {
            throw new FlowDefinitionException("not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (root == null || !root.isObject()) {
            throw new FlowDefinitionException("a flow must be an object");
        }
        return parse((ObjectNode) root, version(content));
    }

    private Flow parse(ObjectNode root, String version) {
        String id = requiredText(root, "id");
        if (!ID.matcher(id).matches()) {
            throw new FlowDefinitionException("'id' must match " + ID.pattern() + ", was '" + id + "'");
        }
        JsonNode stepsNode = root.get("steps");
        if (stepsNode == null || !stepsNode.isObject() || stepsNode.isEmpty()) {
            throw new FlowDefinitionException("'steps' must be a non-empty object of step id to step");
        }
        Map<String, Step> steps = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : stepsNode.properties()) {
            steps.put(entry.getKey(), step(entry.getKey(), entry.getValue()));
        }
        String start = requiredText(root, "start");
        if (!steps.containsKey(start)) {
            throw new FlowDefinitionException("'start' names step '" + start + "', which is not defined");
        }
        checkEdges(steps);
        @Nullable Mode mode = null;
        if (root.hasNonNull("mode")) {
            try {
                mode = Mode.fromWire(root.get("mode").asText());
            } catch (IllegalArgumentException e) {
                throw new FlowDefinitionException("'mode': " + e.getMessage());
            }
        }
        return new Flow(id, Objects.requireNonNullElse(optionalText(root, "title"), id), version, mode,
                duration(root, "ttl", Flow.DEFAULT_TTL, "ttl"),
                duration(root, "maxAge", Flow.DEFAULT_MAX_AGE, "maxAge"),
                duration(root, "retention", Flow.DEFAULT_RETENTION, "retention"),
                start, steps, authRequired(root));
    }

    private static boolean authRequired(ObjectNode root) {
        JsonNode auth = root.get("auth");
        if (auth == null || auth.isNull()) {
            return false;
        }
        return switch (auth.asText("")) {
            case "required" -> true;
            case "optional" -> false;
            default -> throw new FlowDefinitionException("'auth' must be \"required\" or \"optional\", was " + auth);
        };
    }

    private Step step(String id, JsonNode node) {
        String where = "steps." + id;
        if (!ID.matcher(id).matches()) {
            throw new FlowDefinitionException("step id '" + id + "' must match " + ID.pattern());
        }
        if (!node.isObject()) {
            throw new FlowDefinitionException("'" + where + "' must be an object");
        }
        String type = node.path("type").asText("");
        String title = optionalText(node, "title");
        return switch (type) {
            case "form" -> form(id, title, node, where);
            case "script" -> script(id, title, node, where);
            case "end" -> new EndStep(id, title);
            default -> throw new FlowDefinitionException("'" + where + ".type' must be form, script or end, was '"
                    + type + "'");
        };
    }

    private FormStep form(String id, @Nullable String title, JsonNode node, String where) {
        JsonNode schemaNode = node.get("schema");
        ObjectNode schema;
        if (schemaNode == null || schemaNode.isNull()) {
            schema = Json.object().put("type", "object");
        } else if (schemaNode.isObject()) {
            schema = (ObjectNode) schemaNode;
        } else {
            throw new FlowDefinitionException("'" + where + ".schema' must be a JSON Schema object");
        }
        try {
            validator.compile(schema);
        } catch (IllegalArgumentException e) {
            throw new FlowDefinitionException("'" + where + ".schema': " + e.getMessage(), e);
        }
        JsonNode next = node.get("next");
        if (next == null || !next.isTextual()) {
            throw new FlowDefinitionException("'" + where + ".next' must name the step that follows the form");
        }
        Duration ttl = optionalDuration(node, "ttl", where + ".ttl");
        return new FormStep(id, title, schema, next.asText(), ttl);
    }

    private ScriptStep script(String id, @Nullable String title, JsonNode node, String where) {
        JsonNode script = node.get("script");
        if (script == null || !script.isTextual() || script.asText().isBlank()) {
            throw new FlowDefinitionException("'" + where + ".script' must be JavaScript source text");
        }
        JsonNode next = node.get("next");
        Map<String, String> edges = new LinkedHashMap<>();
        if (next != null && next.isTextual()) {
            edges.put(ScriptStep.DEFAULT_EDGE, next.asText());
        } else if (next != null && next.isObject() && !next.isEmpty()) {
            for (Map.Entry<String, JsonNode> edge : next.properties()) {
                if (!edge.getValue().isTextual()) {
                    throw new FlowDefinitionException("'" + where + ".next." + edge.getKey() + "' must name a step");
                }
                edges.put(edge.getKey(), edge.getValue().asText());
            }
        } else {
            throw new FlowDefinitionException("'" + where
                    + ".next' must name a step, or map edge names to steps");
        }
        return new ScriptStep(id, title, script.asText(), edges);
    }

    private static void checkEdges(Map<String, Step> steps) {
        for (Step step : steps.values()) {
            switch (step) {
                case FormStep form -> requireStep(steps, form.next(), "steps." + form.id() + ".next");
                case ScriptStep script -> script.edges().forEach((edge, target) -> requireStep(steps, target,
                        "steps." + script.id() + ".next" + (edge.isEmpty() ? "" : "." + edge)));
                case EndStep ignored -> {
                }
            }
        }
    }

    private static void requireStep(Map<String, Step> steps, String target, String where) {
        if (!steps.containsKey(target)) {
            throw new FlowDefinitionException("'" + where + "' names step '" + target + "', which is not defined");
        }
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new FlowDefinitionException("'" + field + "' is required and must be a string");
        }
        return value.asText();
    }

    private static @Nullable String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Duration duration(JsonNode node, String field, Duration fallback, String where) {
        Duration duration = optionalDuration(node, field, where);
        return duration == null ? fallback : duration;
    }

    private static @Nullable Duration optionalDuration(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            Duration duration = Duration.parse(value.asText());
            if (duration.isNegative() || duration.isZero()) {
                throw new FlowDefinitionException("'" + where + "' must be positive, was " + value.asText());
            }
            return duration;
        } catch (DateTimeParseException e) {
            throw new FlowDefinitionException("'" + where + "' must be an ISO-8601 duration such as PT30M or P7D, was '"
                    + value.asText() + "'", e);
        }
    }

    private static String version(byte[] content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
