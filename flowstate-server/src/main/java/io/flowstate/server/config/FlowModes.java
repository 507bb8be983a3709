package io.flowstate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.flow.Mode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code nflow.flows}: a mode per nFlow flow id, from TOML tables or {@code flow:mode} text. The canonical value
 * is flow id to the mode's wire name; {@link #modes} turns it into {@link Mode}s.
 */
final class FlowModes {

    private FlowModes() {
    }

    /** {@code [nflow.flows."app.pepe11"] mode = "session"} arrives as {@code {"app.pepe11": {"mode": "session"}}}. */
    static Map<String, String> fromToml(ConfigKey key, JsonNode node, String origin) {
        if (!node.isObject()) {
            throw ValueParser.invalid(key, ValueParser.describe(node), origin);
        }
        Map<String, String> modes = new TreeMap<>();
        for (Map.Entry<String, JsonNode> flow : node.properties()) {
            JsonNode table = flow.getValue();
            JsonNode mode = table.path("mode");
            if (!table.isObject() || table.size() != 1 || !mode.isTextual()) {
                throw new ConfigException(key.path() + "." + flow.getKey() + ": expected a table with only"
                        + " mode = \"process\", \"hybrid\" or \"session\", was " + ValueParser.describe(table)
                        + " (from " + origin + ")");
            }
            modes.put(flow.getKey(), mode(key, flow.getKey(), mode.asText(), origin));
        }
        return Collections.unmodifiableMap(modes);
    }

    /** {@code app.pepe11:session,app.home:process} from the environment (flow ids never contain ':'). */
    static Map<String, String> fromText(ConfigKey key, String text, String origin) {
        Map<String, String> modes = new TreeMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.lastIndexOf(':');
            String flow = colon < 0 ? "" : part.substring(0, colon).trim();
            if (flow.isEmpty()) {
                throw ValueParser.invalid(key, ValueParser.quote(part.trim()), origin);
            }
            modes.put(flow, mode(key, flow, part.substring(colon + 1).trim(), origin));
        }
        return Collections.unmodifiableMap(modes);
    }

    static Map<String, Mode> modes(Map<String, String> wireNames) {
        Map<String, Mode> modes = new TreeMap<>();
        wireNames.forEach((flow, mode) -> modes.put(flow, Mode.fromWire(mode)));
        return modes;
    }

    static Map<String, String> wireNames(Map<String, Mode> modes) {
        Map<String, String> names = new TreeMap<>();
        modes.forEach((flow, mode) -> names.put(flow, mode.wireName()));
        return Collections.unmodifiableMap(names);
    }

    private static String mode(ConfigKey key, String flow, String value, String origin) {
        if (!NflowConfig.MODES.contains(value)) {
            throw new ConfigException(key.path() + "." + flow + ".mode: expected process, hybrid or session, was "
                    + ValueParser.quote(value) + " (from " + origin + ")");
        }
        return value;
    }
}
