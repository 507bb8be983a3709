package io.flowstate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Reads {@code migration.flows}: a rollout percentage per flow id, from TOML tables or {@code flow:percent} text. */
final class Rollouts {

    private Rollouts() {
    }

    /** {@code [migration.flows.signup] rollout = 50} arrives as {@code {"signup": {"rollout": 50}}}. */
    static Map<String, Long> fromToml(ConfigKey key, JsonNode node, String origin) {
        if (!node.isObject()) {
            throw ValueParser.invalid(key, ValueParser.describe(node), origin);
        }
        Map<String, Long> rollouts = new TreeMap<>();
        for (Map.Entry<String, JsonNode> flow : node.properties()) {
            JsonNode table = flow.getValue();
            JsonNode rollout = table.path("rollout");
            if (!table.isObject() || table.size() != 1 || !rollout.isIntegralNumber()) {
                throw new ConfigException(key.path() + "." + flow.getKey() + ": expected a table with only"
                        + " rollout = 0..100, was " + ValueParser.describe(table) + " (from " + origin + ")");
            }
            rollouts.put(flow.getKey(), percent(key, flow.getKey(), rollout.asLong(), origin));
        }
        return Collections.unmodifiableMap(rollouts);
    }

    /** {@code signup:50,checkout:10} from the environment. */
    static Map<String, Long> fromText(ConfigKey key, String text, String origin) {
        Map<String, Long> rollouts = new TreeMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.lastIndexOf(':');
            String flow = colon < 0 ? "" : part.substring(0, colon).trim();
            long percent;
            try {
                percent = colon < 0 ? -1 : Long.parseLong(part.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                percent = -1;
            }
            if (flow.isEmpty() || percent < 0) {
                throw ValueParser.invalid(key, ValueParser.quote(part.trim()), origin);
            }
            rollouts.put(flow, percent(key, flow, percent, origin));
        }
        return Collections.unmodifiableMap(rollouts);
    }

    private static long percent(ConfigKey key, String flow, long value, String origin) {
        if (value < 0 || value > 100) {
            throw new ConfigException(key.path() + "." + flow + ".rollout: expected an integer between 0 and 100,"
                    + " was " + value + " (from " + origin + ")");
        }
        return value;
    }
}
