package io.flowstate.server.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class PrewrittenObjectTest {

    private static ObjectNode schema() throws IOException {
        return (ObjectNode) Json.parse("{\"type\":\"object\",\"z\":[],\"a\":null,\"n\":1.50,\"s\":\"é\\u0001😀\"}");
    }

    @Test
    void writesTheKeptTextThroughTheMapper() throws IOException {
        ObjectNode kept = PrewrittenObject.of(schema());
        // never done outside this test: it shows that the mapper copies the kept text instead of walking the tree
        kept.put("added", true);

        assertThat(Json.text(kept)).isEqualTo(Json.text(schema())).doesNotContain("added");
        assertThat(Json.bytes(kept)).isEqualTo(Json.bytes(schema()));
        assertThat(new String(Json.bytes(kept), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("added");
    }

    @Test
    void walksTheTreeForEveryOtherWriter() throws IOException {
        ObjectNode kept = PrewrittenObject.of(schema());
        ObjectNode plain = schema();
        ObjectMapper other = new ObjectMapper();

        assertThat(kept.toPrettyString()).isEqualTo(plain.toPrettyString());
        assertThat(Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(kept))
                .isEqualTo(Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(plain));
        assertThat(Json.mapper().writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED).writeValueAsString(kept))
                .isEqualTo(Json.mapper().writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED).writeValueAsString(plain))
                .startsWith("{\"a\":null");
        assertThat(Json.mapper().writer().without(JsonNodeFeature.WRITE_NULL_PROPERTIES).writeValueAsString(kept))
                .isEqualTo(Json.mapper().writer().without(JsonNodeFeature.WRITE_NULL_PROPERTIES).writeValueAsString(plain));
        assertThat(Json.mapper().writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                .writeValueAsString(kept)).isEqualTo(Json.mapper().writer()
                .with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(plain))
                .contains("\\u00E9");
        assertThat(other.writeValueAsString(kept)).isEqualTo(other.writeValueAsString(plain));
    }

    @Test
    void keepsBytesAndTextApartWhereTheMapperWritesThemDifferently() throws IOException {
        ObjectNode plain = (ObjectNode) Json.parse("{\"s\":\"😀\"}");

        ObjectNode kept = PrewrittenObject.of(plain);

        assertThat(kept).isInstanceOf(PrewrittenObject.class);
        assertThat(Json.text(kept)).isEqualTo(Json.text(plain)).contains("😀");
        assertThat(Json.bytes(kept)).isEqualTo(Json.bytes(plain));
        assertThat(new String(Json.bytes(kept), java.nio.charset.StandardCharsets.UTF_8)).contains("\\uD83D\\uDE00");
    }

    @Test
    void walksTheTreeForATokenBuffer() throws IOException {
        ObjectNode kept = PrewrittenObject.of(schema());

        // a conversion writes into a token buffer: a raw value there would come back as a POJO node
        com.fasterxml.jackson.databind.JsonNode converted = Json.mapper().convertValue(kept,
                com.fasterxml.jackson.databind.JsonNode.class);
        com.fasterxml.jackson.databind.util.TokenBuffer buffer = new com.fasterxml.jackson.databind.util.TokenBuffer(
                Json.mapper(), false);
        Json.mapper().writeValue(buffer, kept);

        assertThat(converted).isEqualTo(schema());
        assertThat((com.fasterxml.jackson.databind.JsonNode) Json.mapper().readTree(buffer.asParser())).isEqualTo(schema());
    }

    @Test
    void writesALoneSurrogateAsTheTreeDoes() {
        ObjectNode lone = Json.object().put("description", "\uD800 alone");

        ObjectNode kept = PrewrittenObject.of(lone);

        assertThat(kept).isEqualTo(lone);
        assertThat(Json.bytes(kept)).isEqualTo(Json.bytes(lone));
        assertThat(Json.text(kept)).isEqualTo(Json.text(lone));
    }
}
