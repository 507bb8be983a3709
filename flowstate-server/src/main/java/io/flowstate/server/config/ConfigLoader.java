package io.flowstate.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenFormat;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.core.token.TokenOverflow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link FlowstateConfig} of one start from, in increasing precedence: the defaults, a TOML file,
 * {@code FLOWSTATE_*} environment variables and command-line flags.
 *
 * <p>The file is the one named by {@code --config}, else by {@code FLOWSTATE_CONFIG}, else
 * {@code ./flowstate.toml} when it exists. Its layout mirrors the records ({@code flows}, {@code mode},
 * {@code [server]}, {@code [store]}, {@code [script]}, {@code [token]}, {@code [events]}, {@code [session]},
 * {@code [migration]}, {@code [log]}, {@code [metrics]}, {@code [ratelimit]}, {@code [auth]}, {@code [nflow]}); a key it does not know is an error. Relative paths in the
 * file are resolved against the file's directory, those from the environment and flags against the working
 * directory.
 *
 * <p>Error contract: every unusable input (unreadable file, TOML syntax, unknown key, wrong type, value out of
 * range, two aliases that disagree) is a {@link ConfigException} whose message starts with the key (or the file
 * or flag) and says where the value came from. Unknown {@code FLOWSTATE_*} variables are warnings, not errors,
 * since other tools may share the prefix.
 */
public final class ConfigLoader {

    /** The file read from the working directory when none is named. */
    public static final String DEFAULT_FILE_NAME = "flowstate.toml";
    /** Environment variable that names the config file when {@code --config} is not given. */
    public static final String CONFIG_FILE_ENV = "FLOWSTATE_CONFIG";
    /** Environment variable read by the logging configuration, not by this loader. */
    public static final String LOG_LEVEL_ENV = "FLOWSTATE_LOG_LEVEL";

    private static final Set<String> OTHER_VARIABLES = Set.of(CONFIG_FILE_ENV, LOG_LEVEL_ENV);
    private static final TomlMapper TOML = new TomlMapper();

    private final Map<String, String> environment;
    private final Path workingDirectory;

    /** A loader that reads {@code environment} and resolves relative paths against the process's working directory. */
    public ConfigLoader(Map<String, String> environment) {
        this(environment, Path.of(""));
    }

    /** A loader that reads {@code environment} and resolves relative paths against {@code workingDirectory}. */
    public ConfigLoader(Map<String, String> environment, Path workingDirectory) {
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
    }

    /**
     * Loads the configuration.
     *
     * @param configFile the {@code --config} flag's value, or null
     * @param flags      command-line values by key (null values are ignored), as typed
     * @throws ConfigException when any source holds an unusable value
     */
    public EffectiveConfig load(@Nullable Path configFile, Map<ConfigKey, String> flags) {
        Map<ConfigKey, Setting> settings = new EnumMap<>(ConfigKey.class);
        Path file = chooseFile(configFile);
        if (file != null) {
            readFile(file, settings);
        }
        List<String> warnings = readEnvironment(settings);
        flags.forEach((key, text) -> {
            if (text != null) {
                String origin = key.flag().orElse(key.path());
                settings.put(key, new Setting(ValueParser.fromText(key, text, origin, workingDirectory), origin));
            }
        });
        Map<ConfigKey, String> origins = new EnumMap<>(ConfigKey.class);
        settings.forEach((key, setting) -> origins.put(key, setting.origin()));
        return new EffectiveConfig(build(settings), origins, file, warnings);
    }

    /** One value and the source it came from. */
    private record Setting(Object value, String origin) {
    }

    private @Nullable Path chooseFile(@Nullable Path flagged) {
        if (flagged != null) {
            return existing(flagged, "--config");
        }
        String named = environment.get(CONFIG_FILE_ENV);
        if (named != null && !named.isBlank()) {
            return existing(Path.of(named.trim()), CONFIG_FILE_ENV);
        }
        Path implicit = workingDirectory.resolve(DEFAULT_FILE_NAME);
        return Files.isRegularFile(implicit) ? implicit : null;
    }

    private Path existing(Path named, String origin) {
        Path file = workingDirectory.resolve(named);
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(origin + ": no such configuration file: " + file);
        }
        return file;
    }

    private static void readFile(Path file, Map<ConfigKey, Setting> settings) {
        String origin = file.toString();
        JsonNode root;
        try {
            root = TOML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": not valid TOML: " + e.getOriginalMessage() + where(e.getLocation()));
        } catch (NoSuchFileException e) {
            throw new ConfigException(origin + ": no such configuration file");
        } catch (IOException e) {
            throw new ConfigException(origin + ": cannot read the configuration file: " + e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        Path base = file.getParent();
        List<String> sections = ConfigKey.sections();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String name = entry.getKey();
            JsonNode value = entry.getValue();
            if (!sections.contains(name)) {
                put(settings, name, value, origin, base);
            } else if (value.isObject()) {
                for (Map.Entry<String, JsonNode> inner : value.properties()) {
                    putNested(settings, name + "." + inner.getKey(), inner.getValue(), origin, base);
                }
            } else {
                throw new ConfigException(name + ": expected a table ([" + name + "]), was "
                        + ValueParser.describe(value) + " (from " + origin + ")");
            }
        }
    }

    /** A key, or a sub-table such as {@code [server.cors]} whose keys are read one level further down. */
    private static void putNested(Map<ConfigKey, Setting> settings, String path, JsonNode value, String origin,
                                  @Nullable Path base) {
        String prefix = path + ".";
        boolean table = value.isObject() && ConfigKey.byPath(path).isEmpty()
                && Arrays.stream(ConfigKey.values()).anyMatch(key -> key.path().startsWith(prefix));
        if (!table) {
            put(settings, path, value, origin, base);
            return;
        }
        for (Map.Entry<String, JsonNode> inner : value.properties()) {
            put(settings, prefix + inner.getKey(), inner.getValue(), origin, base);
        }
    }

    private static void put(Map<ConfigKey, Setting> settings, String path, JsonNode value, String origin,
                            @Nullable Path base) {
        ConfigKey key = ConfigKey.byPath(path).orElseThrow(() -> unknownKey(path, origin));
        settings.put(key, new Setting(ValueParser.fromToml(key, value, origin, base), origin));
    }

    private static ConfigException unknownKey(String path, String origin) {
        int dot = path.indexOf('.');
        String known;
        if (dot < 0) {
            known = "known top-level keys: " + ConfigKey.sectionlessPaths().stream().collect(Collectors.joining(", "))
                    + ", and the tables " + ConfigKey.sections().stream().map(s -> "[" + s + "]")
                    .collect(Collectors.joining(", "));
        } else {
            String section = path.substring(0, dot);
            known = "the [" + section + "] table knows " + ConfigKey.keysOf(section).stream().map(ConfigKey::leaf)
                    .collect(Collectors.joining(", "));
        }
        return new ConfigException(path + ": unknown key (in " + origin + "); " + known);
    }

    private static String where(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private List<String> readEnvironment(Map<ConfigKey, Setting> settings) {
        for (ConfigKey key : ConfigKey.values()) {
            String name = null;
            String value = null;
            for (String other : key.envNames()) {
                String text = environment.get(other);
                if (text == null || text.isBlank()) {
                    continue;
                }
                if (name == null || value == null) {
                    name = other;
                    value = text;
                } else if (!text.trim().equals(value.trim())) {
                    // Values are left out: one of them may be a password.
                    throw new ConfigException(key.path() + ": " + name + " and " + other
                            + " are both set, to different values; set only one of them");
                }
            }
            if (name != null && value != null) {
                settings.put(key, new Setting(ValueParser.fromText(key, value, name, workingDirectory), name));
            }
        }
        Set<String> known = new HashSet<>(OTHER_VARIABLES);
        for (ConfigKey key : ConfigKey.values()) {
            known.addAll(key.envNames());
        }
        List<String> warnings = new ArrayList<>();
        new TreeMap<>(environment).keySet().stream()
                .filter(name -> name.startsWith(ConfigKey.ENV_PREFIX) && !known.contains(name))
                .forEach(name -> warnings.add("ignoring environment variable " + name
                        + ": it is not a Flowstate setting (see docs/configuration.md)"));
        return warnings;
    }

    private static FlowstateConfig build(Map<ConfigKey, Setting> settings) {
        Values values = new Values(settings);
        ServerConfig server = new ServerConfig(values.text(ConfigKey.SERVER_HOST),
                values.integer(ConfigKey.SERVER_PORT), values.integer(ConfigKey.SERVER_MAX_BODY_BYTES),
                values.origins(ConfigKey.SERVER_ALLOWED_ORIGINS),
                new CorsConfig(values.origins(ConfigKey.SERVER_CORS_ALLOWED_ORIGINS),
                        (Boolean) values.get(ConfigKey.SERVER_CORS_ALLOW_CREDENTIALS)),
                (Boolean) values.get(ConfigKey.SERVER_DEMO), values.duration(ConfigKey.SERVER_READ_TIMEOUT));
        StoreConfig store = new StoreConfig(
                StoreConfig.Kind.valueOf(values.text(ConfigKey.STORE_KIND).toUpperCase(Locale.ROOT)),
                values.path(ConfigKey.STORE_DATA_DIR),
                StoreConfig.Durability.valueOf(values.text(ConfigKey.STORE_DURABILITY).toUpperCase(Locale.ROOT)),
                values.integer(ConfigKey.STORE_EVENT_LOG_SIZE),
                values.duration(ConfigKey.STORE_SWEEP_INTERVAL),
                values.text(ConfigKey.STORE_REDIS_URL),
                values.duration(ConfigKey.STORE_REDIS_CONNECT_TIMEOUT),
                values.duration(ConfigKey.STORE_REDIS_COMMAND_TIMEOUT));
        ScriptConfig script = new ScriptConfig(values.number(ConfigKey.SCRIPT_STATEMENT_LIMIT),
                values.duration(ConfigKey.SCRIPT_TIMEOUT));
        TokenConfig token;
        try {
            token = new TokenConfig(TokenFormat.fromWire(values.text(ConfigKey.TOKEN_FORMAT)),
                    values.keys(ConfigKey.TOKEN_KEYS), values.duration(ConfigKey.TOKEN_TTL),
                    values.integer(ConfigKey.TOKEN_MAX_BYTES),
                    TokenOverflow.fromWire(values.text(ConfigKey.TOKEN_OVERFLOW)),
                    (Boolean) values.get(ConfigKey.TOKEN_REPLAY_GUARD));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(String.valueOf(e.getMessage()), e);
        }
        EventsConfig events = new EventsConfig(values.duration(ConfigKey.EVENTS_HEARTBEAT),
                values.integer(ConfigKey.EVENTS_QUEUE_SIZE), values.duration(ConfigKey.EVENTS_MIN_VERSION_WAIT),
                values.integer(ConfigKey.EVENTS_NEAR_CACHE_SIZE));
        SessionConfig session = new SessionConfig(values.duration(ConfigKey.SESSION_IDLE_TTL),
                (Boolean) values.get(ConfigKey.SESSION_SECURE_COOKIE));
        MigrationConfig migration = new MigrationConfig((Boolean) values.get(ConfigKey.MIGRATION_ENABLED),
                values.integer(ConfigKey.MIGRATION_ROLLOUT), values.rollouts(ConfigKey.MIGRATION_FLOWS),
                values.duration(ConfigKey.MIGRATION_REFRESH_INTERVAL));
        OperationsConfig operations = new OperationsConfig(
                new LogConfig(LogConfig.Format.valueOf(values.text(ConfigKey.LOG_FORMAT).toUpperCase(Locale.ROOT)),
                        (Boolean) values.get(ConfigKey.LOG_ACCESS)),
                new MetricsConfig((Boolean) values.get(ConfigKey.METRICS_ENABLED), values.text(ConfigKey.METRICS_TOKEN)),
                new RateLimitConfig(values.integer(ConfigKey.RATELIMIT_WRITES_PER_SECOND),
                        values.integer(ConfigKey.RATELIMIT_BURST), values.origins(ConfigKey.RATELIMIT_TRUSTED_PROXIES)));
        AuthConfig auth = new AuthConfig(
                AuthConfig.Mode.valueOf(values.text(ConfigKey.AUTH_MODE).toUpperCase(Locale.ROOT)),
                values.text(ConfigKey.AUTH_JWKS), values.text(ConfigKey.AUTH_ISSUER),
                values.text(ConfigKey.AUTH_AUDIENCE), values.text(ConfigKey.AUTH_ADMIN_SCOPE),
                values.text(ConfigKey.AUTH_ADMIN_TOKEN), values.duration(ConfigKey.AUTH_JWKS_REFRESH),
                values.duration(ConfigKey.AUTH_CLOCK_SKEW));
        NflowConfig nflow = new NflowConfig(values.path(ConfigKey.NFLOW_TEMPLATES), values.path(ConfigKey.NFLOW_MODULES),
                values.path(ConfigKey.NFLOW_ACCOUNTS), values.text(ConfigKey.NFLOW_LOGIN_PATH),
                values.duration(ConfigKey.NFLOW_LOGIN_TTL), values.text(ConfigKey.NFLOW_OTP_MODE),
                values.text(ConfigKey.NFLOW_OTP_CODE), values.text(ConfigKey.NFLOW_CONSOLE_LOG),
                // unset, nFlow flows follow the server's mode, whichever source sets that
                settings.containsKey(ConfigKey.NFLOW_MODE) ? Mode.fromWire(values.text(ConfigKey.NFLOW_MODE)) : null,
                FlowModes.modes(values.flowModes(ConfigKey.NFLOW_FLOWS)));
        return new FlowstateConfig(server, values.path(ConfigKey.FLOWS), Mode.fromWire(values.text(ConfigKey.MODE)),
                store, script, token, events, session, migration, operations, auth, nflow);
    }

    /** Typed access to the settings, falling back to the defaults. */
    private record Values(Map<ConfigKey, Setting> settings) {
        Object get(ConfigKey key) {
            Setting setting = settings.get(key);
            return setting != null ? setting.value() : key.valueIn(FlowstateConfig.DEFAULTS);
        }

        String text(ConfigKey key) {
            return (String) get(key);
        }

        long number(ConfigKey key) {
            return (Long) get(key);
        }

        int integer(ConfigKey key) {
            // ConfigKey.max() keeps every int-backed key within int range.
            return Math.toIntExact(number(key));
        }

        Path path(ConfigKey key) {
            return (Path) get(key);
        }

        Duration duration(ConfigKey key) {
            return (Duration) get(key);
        }

        @SuppressWarnings("unchecked")
        List<String> origins(ConfigKey key) {
            return (List<String>) get(key);
        }

        @SuppressWarnings("unchecked")
        Map<String, String> flowModes(ConfigKey key) {
            return (Map<String, String>) get(key);
        }

        @SuppressWarnings("unchecked")
        Map<String, Long> rollouts(ConfigKey key) {
            return (Map<String, Long>) get(key);
        }

        /** The parsed keys, or null when none is set (the key's canonical value is only the list of kids). */
        @Nullable TokenKeys keys(ConfigKey key) {
            return get(key) instanceof TokenKeys keys ? keys : null;
        }
    }
}
