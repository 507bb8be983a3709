package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.nflow.template.TemplateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The host functions {@code runtime.js} calls (the only host objects a node's context sees): strings in, strings
 * out, never an exception into the script for an expected problem (template errors come back as {@code {"error"}}).
 */
final class HostBridge {

    private static final Logger CONSOLE = LoggerFactory.getLogger("flowstate.nflow.console");

    private final RunContext run;
    private final PageTemplates templates;
    private final Accounts accounts;
    private final OtpSettings otp;
    private final Clock clock;
    private final Level consoleLevel;
    private final Supplier<String> environment;

    /** {@code environment} gives the node's environment as JSON, asked for when the node first reads it. */
    HostBridge(RunContext run, PageTemplates templates, Accounts accounts, OtpSettings otp, Clock clock,
               Level consoleLevel, Supplier<String> environment) {
        this.run = run;
        this.templates = templates;
        this.accounts = accounts;
        this.otp = otp;
        this.clock = clock;
        this.consoleLevel = consoleLevel;
        this.environment = environment;
    }

    /** Whether nodes' {@code console.*} output at {@code level} is logged at all. */
    static boolean consoleOn(Level level) {
        return CONSOLE.isEnabledForLevel(level);
    }

    ProxyObject proxy() {
        Map<String, Object> members = new HashMap<>();
        members.put("env", fn(a -> environment.get()));
        members.put("write", fn(a -> {
            run.answer().write(str(a, 0), a[1].asInt(), str(a, 2));
            return "";
        }));
        members.put("header", fn(a -> {
            run.answer().header(str(a, 0), str(a, 1));
            return "";
        }));
        members.put("scratch", fn(a -> {
            if (str(a, 0).equals("set")) {
                run.scratch().put(str(a, 1), str(a, 2));
                return "";
            }
            return run.scratch().getOrDefault(str(a, 1), "");
        }));
        members.put("log", fn(a -> {
            CONSOLE.atLevel(consoleLevel).log("[{} {}] {}", run.flow().id(), str(a, 0), str(a, 1));
            return "";
        }));
        members.put("template", fn(a -> template(str(a, 0), str(a, 1), str(a, 2))));
        members.put("helper", fn(a -> helper(str(a, 0), str(a, 1))));
        members.put("profile", fn(a -> profile(str(a, 0), str(a, 1))));
        members.put("session", fn(a -> session(str(a, 0), str(a, 1), str(a, 2), str(a, 3))));
        return ProxyObject.fromMap(members);
    }

    private String template(String kind, String text, String dataJson) {
        ObjectNode result = Json.object();
        try {
            switch (kind) {
                case "get" -> result.put("value", templates.page(text));
                case "mustache" -> result.put("value", templates.mustache(text, parse(dataJson)));
                default -> result.put("value", templates.go(text, parse(dataJson)));
            }
        } catch (TemplateException e) {
            result.put("error", String.valueOf(e.getMessage()));
        }
        return Json.text(result);
    }

    private String helper(String name, String arg) {
        return switch (name) {
            case "uuid" -> UUID.randomUUID().toString();
            case "atob" -> atob(arg);
            case "time" -> time(arg);
            case "validate_user" -> {
                JsonNode args = parse(arg);
                yield String.valueOf(accounts.validateUser(args.path(0).asText(""), args.path(1).asText("")));
            }
            case "validate_token" -> String.valueOf(accounts.validateToken(arg, run.request().headers()));
            case "send_otp" -> String.valueOf(otp.send());
            case "check_otp" -> String.valueOf(otp.check(parse(arg).path(1).asText("")));
            default -> "";
        };
    }

    private String profile(String op, String json) {
        RunServices services = run.services();
        switch (op) {
            case "set" -> {
                JsonNode profile = parse(json);
                services.setProfile(profile instanceof ObjectNode o ? o : Json.object());
                return "";
            }
            case "delete" -> {
                services.deleteProfile();
                return "";
            }
            case "exists" -> {
                return String.valueOf(services.profile() != null);
            }
            default -> {
                ObjectNode profile = services.profile();
                return profile == null ? "{}" : Json.text(profile);
            }
        }
    }

    private String session(String op, String name, String key, String valueJson) {
        ObjectNode values = name.equals("auth-session") || name.equals("auth_session")
                ? run.services().loginValues()
                : run.sessions().computeIfAbsent(name, n -> Json.object());
        switch (op) {
            case "get" -> {
                JsonNode value = values.get(key);
                return value == null || value.isNull() ? "\"\"" : Json.text(value);
            }
            case "set" -> {
                values.set(key, parse(valueJson));
                return "";
            }
            case "save" -> {
                JsonNode all = parse(valueJson);
                if (all instanceof ObjectNode o) {
                    values.setAll(o);
                }
                return "";
            }
            case "delete" -> {
                values.removeAll();
                return "";
            }
            default -> {
                return Json.text(values);
            }
        }
    }

    private String time(String unit) {
        java.time.Instant now = clock.instant();
        ZonedDateTime t = now.atZone(ZoneOffset.UTC);
        return switch (unit) {
            case "unix" -> String.valueOf(now.getEpochSecond());
            case "unix_nano" -> String.valueOf(now.getEpochSecond() * 1_000_000_000L + now.getNano());
            case "year" -> String.valueOf(t.getYear());
            case "month" -> String.valueOf(t.getMonthValue());
            case "day" -> String.valueOf(t.getDayOfMonth());
            case "hour" -> String.valueOf(t.getHour());
            case "minute" -> String.valueOf(t.getMinute());
            case "second" -> String.valueOf(t.getSecond());
            default -> String.valueOf(t.getDayOfWeek().getValue() % 7);
        };
    }

    private static String atob(String text) {
        try {
            return new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static JsonNode parse(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return node == null ? Json.object() : node;
        } catch (IOException e) {
            return Json.object();
        }
    }

    private static String str(Value[] args, int index) {
        return index < args.length && args[index].isString() ? args[index].asString()
                : index < args.length && !args[index].isNull() ? args[index].toString() : "";
    }

    private static ProxyExecutable fn(java.util.function.Function<Value[], String> body) {
        return body::apply;
    }
}
