package io.flowstate.server.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineLayoutTest {

    private final LoggerContext context = new LoggerContext();
    private final JsonLineLayout layout = new JsonLineLayout();

    @Test
    void anEventIsOneJsonObjectOnOneLineWithTheRequestContext() throws Exception {
        LoggingEvent event = new LoggingEvent("x", context.getLogger("io.flowstate.Test"), Level.WARN,
                "step {} of \"{}\"\nrefused", new IllegalStateException("boom"), new Object[] {"address", "signup"});
        event.setMDCPropertyMap(Map.of("requestId", "r-1", "processId", "6f1c0e9e-0000-4000-8000-000000000001",
                "flow", "signup", "traceId", "4bf92f3577b34da6a3ce929d0e0e4736", "other", "not shown"));

        String line = layout.doLayout(event);

        assertThat(line).endsWith("\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("io.flowstate.Test");
        assertThat(json.get("message").asText()).isEqualTo("step address of \"signup\"\nrefused");
        assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(json.get("requestId").asText()).isEqualTo("r-1");
        assertThat(json.get("processId").asText()).isEqualTo("6f1c0e9e-0000-4000-8000-000000000001");
        assertThat(json.get("flow").asText()).isEqualTo("signup");
        assertThat(json.get("traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(json.has("other")).isFalse();
        assertThat(json.get("exception").asText()).contains("IllegalStateException: boom");
    }
}
