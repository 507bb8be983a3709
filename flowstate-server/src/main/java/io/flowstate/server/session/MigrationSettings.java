package io.flowstate.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.config.MigrationConfig;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The migration switch's values: whether it is on, the share of browsers that run flows in their declared mode, and
 * that share per flow. Configured at start ({@link MigrationConfig}); {@code flowstate migration set} stores a
 * replacement under the shared setting {@value #SETTING}, which every instance reads within
 * {@code migration.refreshInterval}.
 *
 * @param rollout      0–100
 * @param flowRollouts 0–100 per flow id, overriding {@code rollout}
 */
public record MigrationSettings(boolean enabled, int rollout, Map<String, Long> flowRollouts) {

    /** The name of the shared setting that overrides the configured switch. */
    public static final String SETTING = "migration";

    public MigrationSettings {
        if (rollout < 0 || rollout > 100) {
            throw new IllegalArgumentException("rollout must be between 0 and 100, was " + rollout);
        }
        flowRollouts.forEach((flow, percent) -> {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("the rollout of flow " + flow + " must be between 0 and 100");
            }
        });
        flowRollouts = Map.copyOf(new TreeMap<>(flowRollouts));
    }

    public static MigrationSettings of(MigrationConfig config) {
        return new MigrationSettings(config.enabled(), config.rollout(), config.flowRollouts());
    }

    /** The share of browsers, 0–100, that run {@code flowId} in its declared mode. */
    public long rolloutOf(String flowId) {
        return flowRollouts.getOrDefault(flowId, (long) rollout);
    }

    public String toJson() {
        ObjectNode node = Json.object().put("enabled", enabled).put("rollout", rollout);
        ObjectNode flows = node.putObject("flows");
        new TreeMap<>(flowRollouts).forEach(flows::put);
        return Json.text(node);
    }

    /** Reads {@link #toJson()}'s form; throws {@link IllegalArgumentException} for anything else. */
    public static MigrationSettings fromJson(String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("the stored migration switch is not JSON: " + e.getMessage(), e);
        }
        if (node == null || !node.path("enabled").isBoolean() || !node.path("rollout").canConvertToInt()
                || !node.path("flows").isObject()) {
            throw new IllegalArgumentException("the stored migration switch is not {enabled, rollout, flows}");
        }
        Map<String, Long> flows = new TreeMap<>();
        for (Map.Entry<String, JsonNode> flow : node.path("flows").properties()) {
            if (!flow.getValue().canConvertToLong()) {
                throw new IllegalArgumentException("the stored rollout of flow " + flow.getKey() + " is not a number");
            }
            flows.put(flow.getKey(), flow.getValue().asLong());
        }
        return new MigrationSettings(node.path("enabled").asBoolean(), node.path("rollout").asInt(), flows);
    }
}
