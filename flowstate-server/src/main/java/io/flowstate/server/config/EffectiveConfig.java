package io.flowstate.server.config;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A loaded configuration together with where each value came from, for the start-up log and
 * {@code flowstate config}.
 *
 * @param config     the configuration to run with
 * @param origins    for every key: {@link #DEFAULT}, the config file's path, the environment variable or the flag
 * @param configFile the file that was read, or null when none was
 * @param warnings   things worth telling the operator that do not stop the start (unknown {@code FLOWSTATE_*}
 *                   variables, for example)
 */
public record EffectiveConfig(FlowstateConfig config, Map<ConfigKey, String> origins, @Nullable Path configFile,
                              List<String> warnings) {

    /** The origin of a value nobody set. */
    public static final String DEFAULT = "default";

    public EffectiveConfig {
        Objects.requireNonNull(config, "config");
        Map<ConfigKey, String> complete = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            complete.put(key, origins.getOrDefault(key, DEFAULT));
        }
        origins = Collections.unmodifiableMap(complete);
        warnings = List.copyOf(warnings);
    }

    /** A configuration whose values all count as defaults (for embedding and tests). */
    public static EffectiveConfig of(FlowstateConfig config) {
        return new EffectiveConfig(config, Map.of(), null, List.of());
    }

    /** Where {@code key}'s value came from. */
    public String origin(ConfigKey key) {
        return origins.getOrDefault(key, DEFAULT);
    }
}
