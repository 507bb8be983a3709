package io.flowstate.server.config;

import io.flowstate.core.flow.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * nFlow apps ({@code [nflow]}, docs/nflow.md). Relative paths are resolved against the flows directory.
 *
 * @param templates  {@code nflow.templates}: page templates for {@code get_template}
 * @param modules    {@code nflow.modules}: {@code <name>.js} files that add or replace box-library modules
 * @param accounts   {@code nflow.accounts}: the users and API tokens file (a missing file means none)
 * @param loginPath  {@code nflow.loginPath}: where a request without a login to an {@code nflow_auth} flow is sent
 * @param loginTtl   {@code nflow.loginTtl}: idle lifetime of a login
 * @param otpMode    {@code nflow.otpMode}: {@code accept}, {@code fixed} or {@code reject} for the twilio stubs
 * @param otpCode    {@code nflow.otpCode}: the code {@code fixed} accepts
 * @param consoleLog {@code nflow.consoleLog}: level of {@code console.*} in the log
 * @param mode       {@code nflow.mode}: the mode of nFlow flows, or null for the server's {@code mode}
 * @param flowModes  {@code nflow.flows.<flow id>.mode}: a flow's own mode, overriding {@code mode}
 */
public record NflowConfig(Path templates, Path modules, Path accounts, String loginPath, Duration loginTtl,
                          String otpMode, String otpCode, String consoleLog, @Nullable Mode mode,
                          Map<String, Mode> flowModes) {

    public static final List<String> OTP_MODES = List.of("accept", "fixed", "reject");
    public static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");
    /** The modes an nFlow flow can run in (token mode would put a run's whole state in every page). */
    public static final List<String> MODES = List.of("process", "hybrid", "session");

    public static final NflowConfig DEFAULTS = new NflowConfig(Path.of("templates"), Path.of("modules"),
            Path.of("accounts.json"), "/nflow_login", Duration.ofHours(12), "accept", "000000", "debug");

    /** nFlow settings whose flows run in the server's mode. */
    public NflowConfig(Path templates, Path modules, Path accounts, String loginPath, Duration loginTtl,
                       String otpMode, String otpCode, String consoleLog) {
        this(templates, modules, accounts, loginPath, loginTtl, otpMode, otpCode, consoleLog, null, Map.of());
    }

    public NflowConfig {
        if (mode == Mode.TOKEN) {
            throw new ConfigException("nflow.mode must be process, hybrid or session");
        }
        if (flowModes == null) {
            throw new ConfigException("nflow.flows must be a table");
        }
        flowModes.forEach((flow, flowMode) -> {
            if (flowMode == Mode.TOKEN) {
                throw new ConfigException("nflow.flows." + flow + ".mode must be process, hybrid or session");
            }
        });
        flowModes = Collections.unmodifiableMap(new TreeMap<>(flowModes));
        if (templates == null || modules == null || accounts == null) {
            throw new ConfigException("nflow.templates, nflow.modules and nflow.accounts must be paths");
        }
        if (loginPath == null || !loginPath.startsWith("/")) {
            throw new ConfigException("nflow.loginPath must be a path starting with '/'");
        }
        if (loginTtl == null || loginTtl.isNegative() || loginTtl.isZero()) {
            throw new ConfigException("nflow.loginTtl must be a positive duration");
        }
        if (!OTP_MODES.contains(otpMode)) {
            throw new ConfigException("nflow.otpMode must be accept, fixed or reject");
        }
        if (otpCode == null || otpCode.isEmpty()) {
            throw new ConfigException("nflow.otpCode must not be empty");
        }
        if (!LOG_LEVELS.contains(consoleLog)) {
            throw new ConfigException("nflow.consoleLog must be trace, debug, info, warn or error");
        }
    }

    /** These settings with {@code nflow.mode} and {@code nflow.flows} replaced. */
    public NflowConfig withModes(@Nullable Mode newMode, Map<String, Mode> newFlowModes) {
        return new NflowConfig(templates, modules, accounts, loginPath, loginTtl, otpMode, otpCode, consoleLog, newMode,
                newFlowModes);
    }

    /**
     * The mode of nFlow flow {@code flowId}: its own, else {@code nflow.mode}, else the server's; a server whose
     * default is token mode runs nFlow flows in process mode.
     */
    public Mode modeOf(String flowId, Mode serverDefault) {
        Mode own = flowModes.get(flowId);
        return own != null ? own : defaultMode(serverDefault);
    }

    /** The mode of nFlow flows that have none of their own: {@code nflow.mode}, else the server's (token: process). */
    public Mode defaultMode(Mode serverDefault) {
        Mode chosen = mode != null ? mode : serverDefault;
        return chosen == Mode.TOKEN ? Mode.PROCESS : chosen;
    }

    /** {@code path} resolved against the flows directory unless absolute. */
    public static Path resolve(Path flowsDir, Path path) {
        return path.isAbsolute() ? path : flowsDir.resolve(path);
    }
}
