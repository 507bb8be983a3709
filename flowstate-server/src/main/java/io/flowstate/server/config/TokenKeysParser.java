package io.flowstate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.token.TokenKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code token.keys}: in the file an array of tables ({@code [[token.keys]]} with {@code kid} and
 * {@code secret}, or the same as inline tables), in the environment {@code kid:secret,kid:secret}. Every message
 * names the entry ({@code token.keys[1] (kid 'k1'): …}) and the source, never a secret: a rejected value is
 * described by its shape only.
 */
final class TokenKeysParser {

    private static final String KEY = ConfigKey.TOKEN_KEYS.path();

    private TokenKeysParser() {
    }

    /** The keys of a TOML value, or null for an empty array (no keys). */
    static @Nullable TokenKeys fromToml(JsonNode node, String origin) {
        if (node.isTextual()) {
            return fromText(node.asText(), origin);
        }
        if (!node.isArray()) {
            throw new ConfigException(KEY + ": expected " + ConfigKey.TOKEN_KEYS.expectation() + ", was "
                    + shape(node) + " (from " + origin + ")");
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String where = KEY + "[" + i + "]";
            if (!entry.isObject()) {
                throw new ConfigException(where + ": expected a table with kid and secret, was " + shape(entry)
                        + " (from " + origin + ")");
            }
            for (String field : (Iterable<String>) entry::fieldNames) {
                if (!field.equals("kid") && !field.equals("secret")) {
                    throw new ConfigException(where + ": unknown field '" + field + "'; a key has kid and secret"
                            + " (from " + origin + ")");
                }
            }
            JsonNode kid = entry.path("kid");
            JsonNode secret = entry.path("secret");
            if (!kid.isTextual() || !secret.isTextual()) {
                throw new ConfigException(where + ": kid and secret must both be strings (from " + origin + ")");
            }
            entries.add(Map.entry(kid.asText(), secret.asText()));
        }
        return entries.isEmpty() ? null : keys(entries, origin);
    }

    /** The keys of {@code kid:secret,kid:secret}; blank text is no keys (null). */
    static @Nullable TokenKeys fromText(String text, String origin) {
        if (text.isBlank()) {
            return null;
        }
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        String[] items = text.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            int colon = item.indexOf(':');
            if (colon <= 0) {
                throw new ConfigException(KEY + "[" + i + "]: expected kid:secret (from " + origin + ")");
            }
            entries.add(Map.entry(item.substring(0, colon).trim(), item.substring(colon + 1).trim()));
        }
        return keys(entries, origin);
    }

    private static TokenKeys keys(List<Map.Entry<String, String>> entries, String origin) {
        try {
            return TokenKeys.fromBase64(entries);
        } catch (IllegalArgumentException e) {
            // TokenKeys' messages name the entry and never contain the secret.
            throw new ConfigException(e.getMessage() + " (from " + origin + ")");
        }
    }

    private static String shape(JsonNode node) {
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isObject()) {
            return "a table";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.isNumber() ? "a number" : node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }
}
