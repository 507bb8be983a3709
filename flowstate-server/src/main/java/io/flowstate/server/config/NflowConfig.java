package io.flowstate.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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
 */
public record NflowConfig(Path templates, Path modules, Path accounts, String loginPath, Duration loginTtl,
                          String otpMode, String otpCode, String consoleLog) {

    public static final List<String> OTP_MODES = List.of("accept", "fixed", "reject");
    public static final List<String> LOG_LEVELS = List.of("trace", "debug", "info", "warn", "error");

    public static final NflowConfig DEFAULTS = new NflowConfig(Path.of("templates"), Path.of("modules"),
            Path.of("accounts.json"), "/nflow_login", Duration.ofHours(12), "accept", "000000", "debug");

    public NflowConfig {
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

    /** {@code path} resolved against the flows directory unless absolute. */
    public static Path resolve(Path flowsDir, Path path) {
        return path.isAbsolute() ? path : flowsDir.resolve(path);
    }
}
