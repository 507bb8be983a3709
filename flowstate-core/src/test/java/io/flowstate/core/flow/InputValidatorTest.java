package io.flowstate.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputValidatorTest {

    private final InputValidator validator = new InputValidator();

    @ParameterizedTest
    @ValueSource(strings = {"1e+21", "1e21", "1e19", "-1e19", "1E400", "123456789012345678901234567890"})
    void integersBeyondLongAreCheckedNotThrown(String number) throws IOException {
        JsonNode schema = Json.parse("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"maximum\":10}}}");

        assertThat(validator.validate(schema, Json.parse("{\"n\":" + number + "}")))
                .extracting(Violation::pointer).containsExactly("/n");
    }

    @Test
    void aHugeIntegerWithoutBoundsIsAnInteger() throws IOException {
        JsonNode schema = Json.parse("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\"}}}");

        assertThat(validator.validate(schema, Json.parse("{\"n\":1e+21}"))).isEmpty();
        assertThat(validator.validate(schema, Json.parse("{\"n\":1.5}"))).extracting(Violation::pointer)
                .containsExactly("/n");
    }

    @Test
    void aTreeIsJudgedAsItsTextIs() throws IOException {
        JsonNode schema = Json.parse("""
                {"type": "object", "required": ["name", "tags"], "additionalProperties": false, "properties": {
                  "name": {"type": "string", "minLength": 2, "maxLength": 5, "pattern": "^[A-Z]"},
                  "age": {"type": "integer", "minimum": 0, "maximum": 2147483648},
                  "big": {"type": "integer", "multipleOf": 3},
                  "email": {"type": "string", "format": "email"},
                  "ok": {"type": "boolean"}, "none": {"type": "null"}, "kind": {"enum": ["a", "b", 1]},
                  "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "uniqueItems": true},
                  "nested": {"type": "object", "properties": {"deep": {"const": {"x": [1, "y", null]}}}}}}
                """);
        List<String> inputs = List.of("{\"name\": \"Ana\", \"tags\": [\"x\"]}", "{}", "[]", "\"text\"", "12", "null",
                "{\"name\": \"ana\", \"tags\": []}", "{\"name\": \"Anastasia\", \"tags\": [\"x\", \"x\"]}",
                "{\"name\": 7, \"tags\": [1], \"age\": -1, \"big\": 9007199254740993, \"ok\": \"yes\"}",
                "{\"name\": \"Ana\", \"tags\": [\"x\"], \"age\": 2147483649, \"big\": -9223372036854775807}",
                "{\"name\": \"Ana\", \"tags\": [\"x\"], \"email\": \"not an address\", \"none\": 0, \"kind\": 1}",
                "{\"name\": \"Ana\", \"tags\": [\"x\"], \"kind\": \"c\", \"extra\": {\"a\": [true, null]}}",
                "{\"name\": \"Ana\", \"tags\": [\"x\"], \"nested\": {\"deep\": {\"x\": [1, \"y\", null]}}}",
                "{\"name\": \"Ana\", \"tags\": [\"x\"], \"nested\": {\"deep\": {\"x\": [1, \"y\"]}}}",
                "{\"name\": \"\u00c9va\", \"tags\": [\"\ud83d\ude00\"], \"ok\": false, \"age\": 0}");

        assertThat(validator.validate(schema, Json.parse("{}"))).extracting(Violation::keyword)
                .containsExactlyInAnyOrder("required", "required");
        for (String text : inputs) {
            JsonNode input = Json.parse(text);

            assertThat(InputValidator.schemaTree(input)).as(text).isNotNull();
            assertThat(validator.validate(schema, input)).as(text)
                    .containsExactlyInAnyOrderElementsOf(validator.validateText(schema, input));
        }
    }

    @Test
    void decimalsAndHugeIntegersGoThroughText() throws IOException {
        assertThat(InputValidator.schemaTree(Json.parse("{\"n\": [1, 2.5]}"))).isNull();
        assertThat(InputValidator.schemaTree(Json.parse("{\"n\": 123456789012345678901234567890}"))).isNull();
        assertThat(InputValidator.schemaTree(Json.parse("{\"n\": 9223372036854775807}"))).isNotNull();
    }
}
