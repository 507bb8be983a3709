package io.flowstate.server.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.UTF8JsonGenerator;
import com.fasterxml.jackson.core.json.WriterBasedJsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An object node that keeps the JSON it is written as, for parts of a representation that are fixed per flow (a
 * waiting form's {@code nextStep} with its JSON Schema). It is a whole tree for every caller that reads it. Written by
 * {@link Json}'s mapper into one of Jackson's two compact JSON generators with the features it was first written with,
 * it copies the kept JSON instead of walking the tree again; written any other way (a pretty printer, another mapper
 * or configuration, {@code toString}, a token buffer), it walks the tree like any object node. So the bytes never
 * differ from the tree's.
 *
 * <p>The kept JSON comes in two forms because the mapper writes them differently: as bytes it escapes a character
 * outside the Basic Multilingual Plane as two {@code \\u} escapes, as text it writes the character.
 *
 * <p>Like the flow's own schema that representations have always shared, it must not be changed after
 * {@link #of(ObjectNode)}: the kept JSON would no longer be the tree.
 */
final class PrewrittenObject extends ObjectNode {

    private static final long serialVersionUID = 1L;

    private final transient SerializedString utf8;
    private final transient String text;
    private final transient SerializationConfig config;
    private final int generatorFeatures;
    private final int formatFeatures;

    private PrewrittenObject(ObjectNode copy, SerializedString utf8, String text, Recorder written) {
        super(JsonNodeFactory.instance);
        for (Map.Entry<String, JsonNode> field : copy.properties()) {
            _children.put(field.getKey(), field.getValue());
        }
        this.utf8 = utf8;
        this.text = text;
        this.config = Objects.requireNonNull(written.config);
        this.generatorFeatures = written.generatorFeatures;
        this.formatFeatures = written.formatFeatures;
    }

    /**
     * A copy of {@code node} that keeps its JSON; a plain copy when the mapper cannot write it (it fails as it did,
     * when the representation is written) or writes bytes and text with different features.
     */
    static ObjectNode of(ObjectNode node) {
        ObjectNode copy = node.deepCopy();
        Recorder asBytes = new Recorder(copy);
        Recorder asText = new Recorder(copy);
        byte[] bytes;
        String text;
        try {
            bytes = Json.bytes(asBytes);
            text = Json.text(asText);
        } catch (UncheckedIOException e) {
            return copy;
        }
        // valid UTF-8 (the generator writes nothing else) decodes and encodes back to the same bytes; checked anyway
        SerializedString utf8 = new SerializedString(new String(bytes, StandardCharsets.UTF_8));
        if (asBytes.config == null || !asBytes.sameAs(asText) || !Arrays.equals(utf8.asUnquotedUTF8(), bytes)) {
            return copy;
        }
        return new PrewrittenObject(copy, utf8, text, asBytes);
    }

    @Override
    public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
        if (provider != null && provider.getConfig() == config && g.getFeatureMask() == generatorFeatures
                && g.getFormatFeatures() == formatFeatures && g.getPrettyPrinter() == null
                && g.getCharacterEscapes() == null && g.getHighestEscapedChar() == 0) {
            if (g.getClass() == UTF8JsonGenerator.class) {
                g.writeRawValue(utf8);
                return;
            }
            if (g.getClass() == WriterBasedJsonGenerator.class) {
                g.writeRawValue(text);
                return;
            }
        }
        super.serialize(g, provider);
    }

    /** Writes a node as the mapper does, noting the configuration and generator features of a compact write. */
    private static final class Recorder extends JsonSerializable.Base {

        private final ObjectNode node;
        private @Nullable SerializationConfig config;
        private int generatorFeatures;
        private int formatFeatures;

        Recorder(ObjectNode node) {
            this.node = node;
        }

        boolean sameAs(Recorder other) {
            return config == other.config && generatorFeatures == other.generatorFeatures
                    && formatFeatures == other.formatFeatures;
        }

        @Override
        public void serialize(JsonGenerator g, SerializerProvider provider) throws IOException {
            if (g.getPrettyPrinter() == null && g.getCharacterEscapes() == null && g.getHighestEscapedChar() == 0) {
                config = provider.getConfig();
                generatorFeatures = g.getFeatureMask();
                formatFeatures = g.getFormatFeatures();
            }
            node.serialize(g, provider);
        }

        @Override
        public void serializeWithType(JsonGenerator g, SerializerProvider provider, TypeSerializer type)
                throws IOException {
            serialize(g, provider);
        }
    }
}
