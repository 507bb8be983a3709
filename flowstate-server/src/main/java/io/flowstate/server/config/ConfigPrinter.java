package io.flowstate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a configuration as TOML in the layout of {@code flowstate.toml}, each value followed by where it came
 * from, for the start-up log and {@code flowstate config}. Secrets are redacted (a Redis password and every
 * {@code token.keys} secret print as {@value Secrets#MASK}); everything else is printed as it is used.
 */
public final class ConfigPrinter {

    private static final int MAX_PADDING = 44;

    private ConfigPrinter() {
    }

    /** {@code config} with every value marked as a default (for a config built in code). */
    public static String render(FlowstateConfig config) {
        return render(EffectiveConfig.of(config));
    }

    /** The effective configuration, one key per line, with the origin of each value as a comment. */
    public static String render(EffectiveConfig effective) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"# Effective configuration (defaults < "
                + (effective.configFile() == null ? "" : effective.configFile() + " < ")
                + "environment < flags)", null});
        Optional<String> section = Optional.empty();
        for (ConfigKey key : ConfigKey.values()) {
            if (!key.section().equals(section)) {
                section = key.section();
                rows.add(new String[] {"", null});
                rows.add(new String[] {"[" + section.orElseThrow() + "]", null});
            }
            if (key == ConfigKey.NFLOW_MODE && effective.config().nflow().mode() == null) {
                // unset, it follows the top-level mode; printed as a comment so that the output loads back the same
                rows.add(new String[] {"# " + key.leaf() + " = " + value(key, effective.config()), "follows mode"});
                continue;
            }
            rows.add(new String[] {key.leaf() + " = " + value(key, effective.config()), effective.origin(key)});
        }
        int width = Math.min(MAX_PADDING, rows.stream().filter(row -> row[1] != null)
                .mapToInt(row -> row[0].length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append(row[0]);
            if (row[1] != null) {
                out.append(" ".repeat(Math.max(1, width - row[0].length() + 1))).append("# ").append(row[1]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String value(ConfigKey key, FlowstateConfig config) {
        Object value = key.valueIn(config);
        if (key.kind() == ConfigKey.Kind.SECRET) {
            return ValueParser.quote(value.toString().isEmpty() ? "" : Secrets.MASK);
        }
        if (key.kind() == ConfigKey.Kind.ORIGINS || key.kind() == ConfigKey.Kind.ADDRESSES) {
            return "[" + String.join(", ", ((List<?>) value).stream().map(e -> ValueParser.quote(e.toString()))
                    .toList()) + "]";
        }
        if (key.kind() == ConfigKey.Kind.ROLLOUTS) {
            return "{" + String.join(", ", ((Map<?, ?>) value).entrySet().stream().map(e -> ValueParser.quote(
                    e.getKey().toString()) + " = { rollout = " + e.getValue() + " }").toList()) + "}";
        }
        if (key.kind() == ConfigKey.Kind.FLOW_MODES) {
            return "{" + String.join(", ", ((Map<?, ?>) value).entrySet().stream().map(e -> ValueParser.quote(
                    e.getKey().toString()) + " = { mode = " + ValueParser.quote(e.getValue().toString()) + " }")
                    .toList()) + "}";
        }
        return switch (value) {
            case Long number -> number.toString();
            case Boolean flag -> flag.toString();
            case List<?> kids -> keyList(kids);
            case Duration duration -> ValueParser.quote(duration.toString());
            case Path path -> ValueParser.quote(path.toString());
            default -> ValueParser.quote(key.secret() ? Secrets.redactUrl(value.toString()) : value.toString());
        };
    }

    /** {@code token.keys} as an array of inline tables: the kids, each secret as {@value Secrets#MASK}. */
    private static String keyList(List<?> kids) {
        StringBuilder out = new StringBuilder("[");
        for (Object kid : kids) {
            out.append(out.length() > 1 ? ", " : "").append("{ kid = ").append(ValueParser.quote(kid.toString()))
                    .append(", secret = ").append(ValueParser.quote(Secrets.MASK)).append(" }");
        }
        return out.append(']').toString();
    }
}
