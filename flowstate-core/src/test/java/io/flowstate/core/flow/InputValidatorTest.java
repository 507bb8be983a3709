package io.flowstate.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
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
}
