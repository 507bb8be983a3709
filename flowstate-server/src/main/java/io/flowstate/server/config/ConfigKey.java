package io.flowstate.server.config;

import io.flowstate.core.flow.Mode;
import io.flowstate.core.token.TokenConfig;
import io.flowstate.core.token.TokenFormat;
import io.flowstate.core.token.TokenOverflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every configuration key, with how it is written in each source. The name is the key's path in
 * {@code flowstate.toml} ({@code server.port} is {@code port} in the {@code [server]} table); the environment
 * variable is {@code FLOWSTATE_} plus the name in upper snake case ({@code FLOWSTATE_SERVER_PORT}), and some
 * keys also answer to a short alias ({@code FLOWSTATE_PORT}). docs/configuration.md lists them all; keep it in
 * step with this file.
 */
public enum ConfigKey {
    FLOWS("flows", Kind.PATH, "--flows", List.of(), FlowstateConfig::flowsDir),
    MODE("mode", Kind.CHOICE, "--mode", List.of(), c -> c.defaultMode().wireName()),
    SERVER_HOST("server.host", Kind.TEXT, "--host", List.of("FLOWSTATE_HOST"), c -> c.server().host()),
    SERVER_PORT("server.port", Kind.INTEGER, "--port", List.of("FLOWSTATE_PORT"), c -> (long) c.server().port()),
    SERVER_MAX_BODY_BYTES("server.maxBodyBytes", Kind.INTEGER, null, List.of(),
            c -> (long) c.server().maxBodyBytes()),
    SERVER_ALLOWED_ORIGINS("server.allowedOrigins", Kind.ORIGINS, null, List.of(), c -> c.server().allowedOrigins()),
    SERVER_CORS_ALLOWED_ORIGINS("server.cors.allowedOrigins", Kind.ORIGINS, null, List.of(),
            c -> c.server().cors().allowedOrigins()),
    SERVER_CORS_ALLOW_CREDENTIALS("server.cors.allowCredentials", Kind.BOOLEAN, null, List.of(),
            c -> c.server().cors().allowCredentials()),
    SERVER_DEMO("server.demo", Kind.BOOLEAN, "--demo", List.of(), c -> c.server().demo()),
    SERVER_READ_TIMEOUT("server.readTimeout", Kind.DURATION, null, List.of(), c -> c.server().readTimeout()),
    STORE_KIND("store.kind", Kind.CHOICE, "--store", List.of("FLOWSTATE_STORE"), c -> lower(c.store().kind())),
    STORE_DATA_DIR("store.dataDir", Kind.PATH, "--data-dir", List.of("FLOWSTATE_DATA_DIR"),
            c -> c.store().dataDir()),
    STORE_DURABILITY("store.durability", Kind.CHOICE, null, List.of(), c -> lower(c.store().durability())),
    STORE_EVENT_LOG_SIZE("store.eventLogSize", Kind.INTEGER, null, List.of(), c -> (long) c.store().eventLogSize()),
    STORE_SWEEP_INTERVAL("store.sweepInterval", Kind.DURATION, null, List.of(), c -> c.store().sweepInterval()),
    STORE_REDIS_URL("store.redisUrl", Kind.REDIS_URL, "--redis-url", List.of("FLOWSTATE_REDIS_URL"),
            c -> c.store().redisUrl()),
    STORE_REDIS_CONNECT_TIMEOUT("store.redisConnectTimeout", Kind.DURATION, null, List.of(),
            c -> c.store().redisConnectTimeout()),
    STORE_REDIS_COMMAND_TIMEOUT("store.redisCommandTimeout", Kind.DURATION, null, List.of(),
            c -> c.store().redisCommandTimeout()),
    SCRIPT_STATEMENT_LIMIT("script.statementLimit", Kind.INTEGER, null, List.of(),
            c -> c.script().statementLimit()),
    SCRIPT_TIMEOUT("script.timeout", Kind.DURATION, null, List.of(), c -> c.script().timeout()),
    TOKEN_FORMAT("token.format", Kind.CHOICE, null, List.of(), c -> c.token().format().wireName()),
    TOKEN_KEYS("token.keys", Kind.KEY_LIST, null, List.of(), c -> c.token().kids()),
    TOKEN_TTL("token.ttl", Kind.DURATION, null, List.of(), c -> c.token().ttl()),
    TOKEN_MAX_BYTES("token.maxBytes", Kind.INTEGER, null, List.of(), c -> (long) c.token().maxBytes()),
    TOKEN_OVERFLOW("token.overflow", Kind.CHOICE, null, List.of(), c -> c.token().overflow().wireName()),
    TOKEN_REPLAY_GUARD("token.replayGuard", Kind.BOOLEAN, null, List.of(), c -> c.token().replayGuard()),
    EVENTS_HEARTBEAT("events.heartbeat", Kind.DURATION, null, List.of(), c -> c.events().heartbeat()),
    EVENTS_QUEUE_SIZE("events.queueSize", Kind.INTEGER, null, List.of(), c -> (long) c.events().queueSize()),
    EVENTS_MIN_VERSION_WAIT("events.minVersionWait", Kind.DURATION, null, List.of(),
            c -> c.events().minVersionWait()),
    EVENTS_NEAR_CACHE_SIZE("events.nearCacheSize", Kind.INTEGER, null, List.of(),
            c -> (long) c.events().nearCacheSize()),
    SESSION_IDLE_TTL("session.idleTtl", Kind.DURATION, null, List.of(), c -> c.session().idleTtl()),
    SESSION_SECURE_COOKIE("session.secureCookie", Kind.BOOLEAN, null, List.of(), c -> c.session().secureCookie()),
    MIGRATION_ENABLED("migration.enabled", Kind.BOOLEAN, null, List.of(), c -> c.migration().enabled()),
    MIGRATION_ROLLOUT("migration.rollout", Kind.INTEGER, null, List.of(), c -> (long) c.migration().rollout()),
    MIGRATION_FLOWS("migration.flows", Kind.ROLLOUTS, null, List.of(), c -> c.migration().flowRollouts()),
    MIGRATION_REFRESH_INTERVAL("migration.refreshInterval", Kind.DURATION, null, List.of(),
            c -> c.migration().refreshInterval()),
    LOG_FORMAT("log.format", Kind.CHOICE, null, List.of(), c -> c.operations().log().format().wireName()),
    LOG_ACCESS("log.access", Kind.BOOLEAN, null, List.of(), c -> c.operations().log().access()),
    METRICS_ENABLED("metrics.enabled", Kind.BOOLEAN, null, List.of(), c -> c.operations().metrics().enabled()),
    METRICS_TOKEN("metrics.token", Kind.SECRET, null, List.of(), c -> c.operations().metrics().token()),
    RATELIMIT_WRITES_PER_SECOND("ratelimit.writesPerSecond", Kind.INTEGER, null, List.of(),
            c -> (long) c.operations().rateLimit().writesPerSecond()),
    RATELIMIT_BURST("ratelimit.burst", Kind.INTEGER, null, List.of(), c -> (long) c.operations().rateLimit().burst()),
    RATELIMIT_TRUSTED_PROXIES("ratelimit.trustedProxies", Kind.ADDRESSES, null, List.of(),
            c -> c.operations().rateLimit().trustedProxies()),
    AUTH_MODE("auth.mode", Kind.CHOICE, null, List.of(), c -> c.auth().mode().wireName()),
    AUTH_JWKS("auth.jwks", Kind.TEXT, null, List.of(), c -> c.auth().jwks()),
    AUTH_ISSUER("auth.issuer", Kind.TEXT, null, List.of(), c -> c.auth().issuer()),
    AUTH_AUDIENCE("auth.audience", Kind.TEXT, null, List.of(), c -> c.auth().audience()),
    AUTH_ADMIN_SCOPE("auth.adminScope", Kind.TEXT, null, List.of(), c -> c.auth().adminScope()),
    AUTH_ADMIN_TOKEN("auth.adminToken", Kind.TEXT, null, List.of(),
            c -> c.auth().adminToken().isEmpty() ? "" : Secrets.MASK),
    AUTH_JWKS_REFRESH("auth.jwksRefresh", Kind.DURATION, null, List.of(), c -> c.auth().jwksRefresh()),
    AUTH_CLOCK_SKEW("auth.clockSkew", Kind.DURATION, null, List.of(), c -> c.auth().clockSkew()),
    NFLOW_TEMPLATES("nflow.templates", Kind.PATH, null, List.of(), c -> c.nflow().templates()),
    NFLOW_MODULES("nflow.modules", Kind.PATH, null, List.of(), c -> c.nflow().modules()),
    NFLOW_ACCOUNTS("nflow.accounts", Kind.PATH, null, List.of(), c -> c.nflow().accounts()),
    NFLOW_LOGIN_PATH("nflow.loginPath", Kind.TEXT, null, List.of(), c -> c.nflow().loginPath()),
    NFLOW_LOGIN_TTL("nflow.loginTtl", Kind.DURATION, null, List.of(), c -> c.nflow().loginTtl()),
    NFLOW_OTP_MODE("nflow.otpMode", Kind.CHOICE, null, List.of(), c -> c.nflow().otpMode()),
    NFLOW_OTP_CODE("nflow.otpCode", Kind.TEXT, null, List.of(), c -> c.nflow().otpCode()),
    NFLOW_CONSOLE_LOG("nflow.consoleLog", Kind.CHOICE, null, List.of(), c -> c.nflow().consoleLog()),
    NFLOW_MODE("nflow.mode", Kind.CHOICE, null, List.of(), c -> c.nflow().defaultMode(c.defaultMode()).wireName()),
    NFLOW_FLOWS("nflow.flows", Kind.FLOW_MODES, null, List.of(), c -> FlowModes.wireNames(c.nflow().flowModes()));

    /**
     * The shape of a key's value; decides how text and TOML values are read. {@code KEY_LIST} is
     * {@code token.keys}: an array of {@code {kid, secret}} tables in the file, {@code kid:secret,kid:secret} in
     * the environment.
     */
    public enum Kind { TEXT, INTEGER, DURATION, PATH, CHOICE, REDIS_URL, BOOLEAN, KEY_LIST, ORIGINS, ROLLOUTS, SECRET,
        ADDRESSES, FLOW_MODES }

    /** Prefix of every environment variable Flowstate reads. */
    public static final String ENV_PREFIX = "FLOWSTATE_";

    private final String path;
    private final Kind kind;
    private final @Nullable String flag;
    private final List<String> envNames;
    private final Function<FlowstateConfig, Object> reader;

    ConfigKey(String path, Kind kind, @Nullable String flag, List<String> envAliases, Function<FlowstateConfig, Object> reader) {
        this.path = path;
        this.kind = kind;
        this.flag = flag;
        List<String> names = new ArrayList<>();
        names.add(ENV_PREFIX + upperSnake(path));
        names.addAll(envAliases);
        this.envNames = List.copyOf(names);
        this.reader = reader;
    }

    /** The dotted name, which is also the path in the TOML file: {@code server.port}. */
    public String path() {
        return path;
    }

    public Kind kind() {
        return kind;
    }

    /** The TOML table the key lives in ({@code server}), or empty for top-level keys ({@code flows}). */
    public Optional<String> section() {
        int dot = path.indexOf('.');
        return dot < 0 ? Optional.empty() : Optional.of(path.substring(0, dot));
    }

    /** The key's name inside its table: {@code port} for {@code server.port}. */
    public String leaf() {
        return path.substring(path.indexOf('.') + 1);
    }

    /** The command-line flag of {@code flowstate serve}, if the key has one. */
    public Optional<String> flag() {
        return Optional.ofNullable(flag);
    }

    /** Environment variables that set the key: the generic name first, then short aliases. */
    public List<String> envNames() {
        return envNames;
    }

    /** True when the value may hold a credential, so logs and messages must redact it. */
    public boolean secret() {
        return kind == Kind.REDIS_URL || kind == Kind.KEY_LIST || kind == Kind.SECRET || this == AUTH_ADMIN_TOKEN;
    }

    /** True for a {@link Kind#TEXT} key whose empty value means "not set" ({@code auth.issuer} without JWT). */
    public boolean optional() {
        return this == AUTH_JWKS || this == AUTH_ISSUER || this == AUTH_AUDIENCE || this == AUTH_ADMIN_TOKEN;
    }

    /** Lowest accepted value of an {@link Kind#INTEGER} key. */
    public long min() {
        return switch (this) {
            case SERVER_MAX_BODY_BYTES -> ServerConfig.MIN_BODY_BYTES;
            case SERVER_PORT, MIGRATION_ROLLOUT -> 0;
            case TOKEN_MAX_BYTES -> TokenConfig.MIN_MAX_BYTES;
            case RATELIMIT_WRITES_PER_SECOND, RATELIMIT_BURST -> 0;
            default -> 1;
        };
    }

    /** Highest accepted value of an {@link Kind#INTEGER} key. */
    public long max() {
        return switch (this) {
            case SERVER_PORT -> 65535;
            case MIGRATION_ROLLOUT -> 100;
            case SCRIPT_STATEMENT_LIMIT -> Long.MAX_VALUE;
            case TOKEN_MAX_BYTES -> TokenConfig.MAX_MAX_BYTES;
            default -> Integer.MAX_VALUE;
        };
    }

    /** The accepted values of a {@link Kind#CHOICE} key, in lower case. */
    public List<String> choices() {
        return switch (this) {
            case MODE -> Arrays.stream(Mode.values()).map(Mode::wireName).toList();
            case STORE_KIND -> Arrays.stream(StoreConfig.Kind.values()).map(ConfigKey::lower).toList();
            case STORE_DURABILITY -> Arrays.stream(StoreConfig.Durability.values()).map(ConfigKey::lower).toList();
            case TOKEN_FORMAT -> Arrays.stream(TokenFormat.values()).map(TokenFormat::wireName).toList();
            case TOKEN_OVERFLOW -> Arrays.stream(TokenOverflow.values()).map(TokenOverflow::wireName).toList();
            case LOG_FORMAT -> Arrays.stream(LogConfig.Format.values()).map(LogConfig.Format::wireName).toList();
            case AUTH_MODE -> Arrays.stream(AuthConfig.Mode.values()).map(AuthConfig.Mode::wireName).toList();
            case NFLOW_OTP_MODE -> NflowConfig.OTP_MODES;
            case NFLOW_CONSOLE_LOG -> NflowConfig.LOG_LEVELS;
            case NFLOW_MODE -> NflowConfig.MODES;
            default -> List.of();
        };
    }

    /** What a valid value looks like, for error messages: "an integer between 0 and 65535". */
    public String expectation() {
        return switch (kind) {
            case TEXT -> "a non-empty string";
            case PATH -> "a path";
            case DURATION -> "a positive duration such as PT2S, 2s, 500ms or 30m";
            case CHOICE -> "one of " + String.join(", ", choices());
            case REDIS_URL -> "a URL of scheme " + String.join(", ", StoreConfig.REDIS_SCHEMES);
            case BOOLEAN -> "true or false";
            case SECRET -> "a string (empty for none)";
            case ADDRESSES -> "a list of IP addresses or CIDR ranges such as [\"10.0.0.0/8\", \"::1\"]"
                    + " (comma-separated in the environment)";
            case KEY_LIST -> "a list of keys: [[token.keys]] tables with kid and secret in the file,"
                    + " kid:secret,kid:secret in the environment";
            case ORIGINS -> "a list of origins such as [\"https://app.example.com\", \"http://localhost:3000\"]"
                    + " (comma-separated in the environment)";
            case ROLLOUTS -> "per-flow rollout percentages: [migration.flows.<flow>] tables with rollout = 0..100"
                    + " in the file, flow:percent,flow:percent in the environment";
            case FLOW_MODES -> "per-flow modes: [nflow.flows.\"<flow id>\"] tables with mode = process, hybrid or"
                    + " session in the file, flow:mode,flow:mode in the environment";
            case INTEGER -> max() == Long.MAX_VALUE
                    ? "an integer of at least " + min()
                    : "an integer between " + min() + " and " + max();
        };
    }

    /**
     * The key's value in {@code config}, in its canonical type: {@link String} for text, URLs and choices
     * (lower case), {@link Long} for integers, {@link Boolean}, {@link java.time.Duration} and
     * {@link java.nio.file.Path}, a {@link List} of {@link String} for origins and addresses, a sorted {@link java.util.Map}
     * of flow id to {@link Long} for per-flow rollouts and to the mode's wire name for per-flow modes; for {@code token.keys} the list of kids ({@code List<String>}), since secrets
     * never leave {@link io.flowstate.core.token.TokenKeys}.
     */
    public Object valueIn(FlowstateConfig config) {
        return reader.apply(config);
    }

    /** The key named {@code path} (as in the TOML file), if there is one. */
    public static Optional<ConfigKey> byPath(String path) {
        return Arrays.stream(values()).filter(key -> key.path.equals(path)).findFirst();
    }

    /** Keys outside any table ({@code flows}, {@code mode}). */
    public static List<String> sectionlessPaths() {
        return Arrays.stream(values()).filter(key -> key.section().isEmpty()).map(ConfigKey::path).toList();
    }

    /** Keys of the TOML table {@code section}, in declaration order. */
    public static List<ConfigKey> keysOf(String section) {
        return Arrays.stream(values()).filter(key -> key.section().filter(section::equals).isPresent()).toList();
    }

    /** Names of the TOML tables, in the order keys are declared. */
    public static List<String> sections() {
        return Arrays.stream(values()).flatMap(key -> key.section().stream()).distinct().toList();
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static String upperSnake(String path) {
        StringBuilder out = new StringBuilder();
        for (char c : path.toCharArray()) {
            if (c == '.') {
                out.append('_');
            } else if (Character.isUpperCase(c)) {
                out.append('_').append(c);
            } else {
                out.append(Character.toUpperCase(c));
            }
        }
        return out.toString();
    }
}
