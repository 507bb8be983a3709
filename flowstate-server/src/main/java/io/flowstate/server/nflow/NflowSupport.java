package io.flowstate.server.nflow;

import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.nflow.app.DrawflowLoader;
import io.flowstate.nflow.app.LoadError;
import io.flowstate.nflow.app.NativeFlows;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowRouter;
import io.flowstate.nflow.run.Accounts;
import io.flowstate.nflow.run.BoxLibrary;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.OtpSettings;
import io.flowstate.nflow.template.PageTemplates;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.server.config.ConfigException;
import io.flowstate.server.config.FlowstateConfig;
import io.flowstate.server.config.NflowConfig;
import io.flowstate.server.http.FlowStarter;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.session.SessionMode;
import io.flowstate.server.wire.RequestBody;
import io.flowstate.server.wire.Representations;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The server's hook for nFlow apps: loads them from the flows directory beside native flows, adds them to the
 * catalogue, and builds their routes. Page templates, extra modules and the accounts file are named by {@code [nflow]}
 * (by default beside the flows: {@code templates/}, {@code modules/}, {@code accounts.json}; docs/nflow.md).
 */
public final class NflowSupport {

    private static final Logger LOG = LoggerFactory.getLogger(NflowSupport.class);

    private final NflowApps apps;
    private final Path flowsDir;
    private final NflowConfig config;
    private final Mode serverMode;
    private final boolean secureCookies;

    private NflowSupport(NflowApps apps, Path flowsDir, NflowConfig config, Mode serverMode,
                         boolean secureCookies) {
        this.apps = apps;
        this.flowsDir = flowsDir;
        this.config = config;
        this.serverMode = serverMode;
        this.secureCookies = secureCookies;
    }

    /** Loads the nFlow apps of the flows directory; a file that does not load is logged with file, tab and node. */
    public static NflowSupport load(FlowstateConfig server) {
        Path flowsDir = server.flowsDir();
        NflowConfig config = server.nflow();
        try {
            BoxLibrary library = BoxLibrary.load(NflowConfig.resolve(flowsDir, config.modules()));
            NflowApps apps = new DrawflowLoader(library::has).load(flowsDir);
            for (LoadError error : apps.errors()) {
                LOG.error("nFlow app not loaded: {}", error.message());
            }
            for (String flowId : config.flowModes().keySet()) {
                if (apps.find(flowId).isEmpty()) {
                    LOG.warn("nflow.flows names '{}', which is no loaded nFlow flow; its mode applies to nothing",
                            flowId);
                }
            }
            // the browser cookies of nFlow runs are Secure exactly when session mode's are (behind HTTPS)
            return new NflowSupport(apps, flowsDir, config, server.defaultMode(), server.session().secureCookie());
        } catch (IOException e) {
            throw new ConfigException("flows: cannot read '" + flowsDir + "': " + e.getMessage(), e);
        }
    }

    public NflowApps apps() {
        return apps;
    }

    /**
     * {@code flows} plus the nFlow flows, each with its mode ({@code nflow.flows}, {@code nflow.mode}, {@code mode}),
     * without the native parser's complaints about nFlow files.
     */
    public FlowCatalog catalog(FlowCatalog flows) {
        return flows.with(apps.flows().stream().map(f -> NativeFlows.of(f, config.modeOf(f.id(), serverMode))).toList(),
                file -> isApp(file) || file.toAbsolutePath().normalize().equals(accountsFile().toAbsolutePath().normalize()));
    }

    private static boolean isApp(Path file) {
        try {
            return Files.isRegularFile(file) && DrawflowLoader.isDrawflow(Files.readAllBytes(file));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The starter routes (register after the API routes, before the final 404) and the JSON API's step route for
     * nFlow processes (register before the native process routes).
     */
    public Routes routes(ScriptRunner scripts, ProcessEngine engine, Clock clock, RequestBody body,
                         Representations representations, FlowCatalog flows, SessionMode sessions,
                         FlowstateMetrics metrics) {
        if (apps.flows().isEmpty() || !(scripts instanceof GraalScriptRunner graal)) {
            Filter none = (chain, request, response) -> chain.proceed();
            return new Routes(rules -> { }, rules -> { }, none, FlowStarter.NONE, null);
        }
        Path accountsFile = accountsFile();
        Accounts accounts;
        try {
            accounts = Files.isRegularFile(accountsFile) ? Accounts.load(accountsFile, clock) : Accounts.NONE;
        } catch (IllegalArgumentException e) {
            throw new ConfigException("nflow.accounts: " + e.getMessage(), e);
        }
        NflowRuntime runtime = new NflowRuntime(graal, BoxLibrary.load(NflowConfig.resolve(flowsDir, config.modules())),
                new PageTemplates(NflowConfig.resolve(flowsDir, config.templates())), accounts,
                new OtpSettings(config.otpMode(), config.otpCode()), clock,
                Level.valueOf(config.consoleLog().toUpperCase(Locale.ROOT)), metrics::nflowFork);
        ProcessRunStore runs = new ProcessRunStore(engine, clock);
        LoginStore logins = new LoginStore(engine, clock, config.loginTtl());
        NflowRoutes starters = new NflowRoutes(new NflowRouter(apps.flows()), runtime,
                new RunModes(runs, engine, sessions, flows::find), logins, body, config.loginPath(), secureCookies,
                metrics);
        NflowSteps steps = new NflowSteps(apps, runtime, runs, logins, engine, representations, secureCookies);
        return new Routes(starters, new NflowStepRoute(steps, body),
                new NflowOwners(apps, engine, logins, representations),
                new NflowStarts(apps, runtime, runs, logins, representations, secureCookies), steps);
    }

    /** Whether {@code flowId} is an nFlow flow of the loaded apps. */
    public boolean runs(String flowId) {
        return apps.find(flowId).isPresent();
    }

    private Path accountsFile() {
        return NflowConfig.resolve(flowsDir, config.accounts());
    }

    /**
     * What the server registers.
     *
     * @param starters    the starter routes (after the API routes)
     * @param steps       {@code POST /process/{id}/step} of nFlow processes (before the native process routes)
     * @param owners      the owner check of nFlow processes on every {@code /process/{id}} route (a filter)
     * @param starts      {@code POST /workflow/start} of nFlow flow ids
     * @param socketSteps WebSocket {@code step} messages of nFlow processes; null when no nFlow app is loaded
     */
    public record Routes(HttpService starters, HttpService steps, Filter owners, FlowStarter starts,
                         @Nullable NflowSteps socketSteps) {
    }
}
