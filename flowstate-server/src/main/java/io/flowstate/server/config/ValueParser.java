package io.flowstate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.token.TokenKeys;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns the text of one source (a TOML value, an environment variable, a flag) into a key's canonical value
 * (see {@link ConfigKey#valueIn}), or a {@link ConfigException} that names the key, the rejected value and
 * where it came from.
 */
final class ValueParser {

    private ValueParser() {
    }

    /**
     * Reads a TOML value. Integers must be TOML integers and everything else TOML strings, so a quoted
     * {@code port = "8080"} is reported rather than guessed at.
     *
     * @param base directory that relative paths are resolved against (the file's), or null to keep them
     */
    static Object fromToml(ConfigKey key, JsonNode node, String origin, @Nullable Path base) {
        if (key.kind() == ConfigKey.Kind.INTEGER) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw invalid(key, describe(node), origin);
            }
            return inRange(key, node.longValue(), describe(node), origin);
        }
        if (key.kind() == ConfigKey.Kind.BOOLEAN) {
            if (!node.isBoolean()) {
                throw invalid(key, describe(node), origin);
            }
            return node.booleanValue();
        }
        if (key.kind() == ConfigKey.Kind.KEY_LIST) {
            return noKeysAsEmpty(TokenKeysParser.fromToml(node, origin));
        }
        if (key.kind() == ConfigKey.Kind.ROLLOUTS) {
            return Rollouts.fromToml(key, node, origin);
        }
        if (key.kind() == ConfigKey.Kind.FLOW_MODES) {
            return FlowModes.fromToml(key, node, origin);
        }
        if (key.kind() == ConfigKey.Kind.ADDRESSES) {
            if (!node.isArray()) {
                throw invalid(key, describe(node), origin);
            }
            List<String> addresses = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw invalid(key, describe(element), origin);
                }
                addresses.add(address(key, element.asText(), origin));
            }
            return List.copyOf(addresses);
        }
        if (key.kind() == ConfigKey.Kind.ORIGINS) {
            if (!node.isArray()) {
                throw invalid(key, describe(node), origin);
            }
            List<String> origins = new ArrayList<>();
            for (JsonNode element : node) {
                if (!element.isTextual()) {
                    throw invalid(key, describe(element), origin);
                }
                origins.add(origin(key, element.asText(), origin));
            }
            return List.copyOf(origins);
        }
        if (!node.isTextual()) {
            throw invalid(key, describe(node), origin);
        }
        return fromText(key, node.asText(), origin, base);
    }

    /**
     * Reads an environment variable's or a flag's text; {@code base} as in {@link #fromToml}. The value of
     * {@code token.keys} is a {@link io.flowstate.core.token.TokenKeys}, or an empty list for none.
     */
    static Object fromText(ConfigKey key, String text, String origin, @Nullable Path base) {
        String value = text.trim();
        String shown = quote(text);
        return switch (key.kind()) {
            case TEXT -> {
                if (value.isEmpty() && !key.optional()) {
                    throw invalid(key, shown, origin);
                }
                yield value;
            }
            case INTEGER -> {
                try {
                    yield inRange(key, Long.parseLong(value), shown, origin);
                } catch (NumberFormatException e) {
                    throw invalid(key, shown, origin);
                }
            }
            case DURATION -> {
                Duration duration;
                try {
                    duration = Durations.parse(value);
                } catch (IllegalArgumentException e) {
                    throw invalid(key, shown, origin);
                }
                if (duration.isNegative() || duration.isZero()) {
                    throw invalid(key, shown, origin);
                }
                yield duration;
            }
            case PATH -> {
                if (value.isEmpty()) {
                    throw invalid(key, shown, origin);
                }
                try {
                    Path path = Path.of(value);
                    yield base == null ? path : base.resolve(path);
                } catch (InvalidPathException e) {
                    throw invalid(key, shown, origin);
                }
            }
            case CHOICE -> {
                String choice = value.toLowerCase(Locale.ROOT);
                if (!key.choices().contains(choice)) {
                    throw invalid(key, shown, origin);
                }
                yield choice;
            }
            case REDIS_URL -> {
                if (!StoreConfig.isRedisUrl(value)) {
                    throw invalid(key, quote(Secrets.redactUrl(text)), origin);
                }
                yield value;
            }
            case ORIGINS -> {
                List<String> origins = new ArrayList<>();
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        origins.add(origin(key, part, origin));
                    }
                }
                yield List.copyOf(origins);
            }
            case SECRET -> value;
            case ADDRESSES -> {
                List<String> addresses = new ArrayList<>();
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        addresses.add(address(key, part, origin));
                    }
                }
                yield List.copyOf(addresses);
            }
            case BOOLEAN -> {
                String lower = value.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw invalid(key, shown, origin);
                }
                yield Boolean.parseBoolean(lower);
            }
            case KEY_LIST -> noKeysAsEmpty(TokenKeysParser.fromText(text, origin));
            case ROLLOUTS -> Rollouts.fromText(key, value, origin);
            case FLOW_MODES -> FlowModes.fromText(key, value, origin);
        };
    }

    private static String address(ConfigKey key, String text, String origin) {
        try {
            AddressRange.parse(text);
            return text.trim();
        } catch (ConfigException e) {
            throw invalid(key, quote(text), origin);
        }
    }

    private static String origin(ConfigKey key, String text, String origin) {
        try {
            return ServerConfig.normalizeOrigin(text);
        } catch (ConfigException e) {
            throw invalid(key, quote(text), origin);
        }
    }

    /** The message every rejected value gets: {@code server.port: expected ..., was "abc" (from --port)}. */
    static ConfigException invalid(ConfigKey key, String shownValue, String origin) {
        return new ConfigException(key.path() + ": expected " + key.expectation() + ", was " + shownValue
                + " (from " + origin + ")");
    }

    /** A TOML value as a person would recognise it in the file. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            return quote(node.asText());
        }
        if (node.isObject()) {
            return "a table";
        }
        if (node.isArray()) {
            return "an array";
        }
        return node.toString();
    }

    private static long inRange(ConfigKey key, long value, String shown, String origin) {
        if (value < key.min() || value > key.max()) {
            throw invalid(key, shown, origin);
        }
        return value;
    }

    /** {@code text} as a double-quoted string, escaped the way TOML and JSON both read it. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** No keys is the key's canonical value of no kids, an empty list, so that a setting never holds null. */
    private static Object noKeysAsEmpty(@Nullable TokenKeys keys) {
        return keys == null ? List.of() : keys;
    }
}
