package io.flowstate.server.token;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.engine.EngineObserver;
import io.flowstate.core.engine.FlowRunner;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.flow.Flow;
import io.flowstate.core.flow.FlowCatalog;
import io.flowstate.core.flow.Mode;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.token.DecodeResult;
import io.flowstate.core.token.EncodeResult;
import io.flowstate.core.token.ProcessTokenCodec;
import io.flowstate.core.token.TokenClaims;
import io.flowstate.core.token.TokenKeys;
import io.flowstate.core.token.TokenOverflow;
import io.flowstate.server.config.ConfigException;
import io.flowstate.server.config.ConfigKey;
import io.flowstate.server.http.ClaimLeases;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.core.token.TokenConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token mode: processes whose whole state travels to the client in a process token, so nothing is stored per
 * process. The same {@link FlowRunner}, flows and schema validation as process mode run; only where the state
 * lives differs. See docs/token-mode.md for the contract.
 *
 * <p>Starts and continuations come to a {@link TokenOutcome} ({@link TokenReplies} renders it): a new token, an
 * ended process (no token: its result is in the answer), a process moved to the store (a token over
 * {@code token.maxBytes} with {@code token.overflow = process}), a replayed token, or a refusal.
 */
public final class TokenMode {

    private static final Logger LOG = LoggerFactory.getLogger(TokenMode.class);

    private final FlowCatalog flows;
    private final Mode defaultMode;
    private final FlowRunner runner;
    /** Null when no key is configured; then no flow runs in token mode and every token is refused. */
    private final @Nullable ProcessTokenCodec codec;
    private final TokenOverflow overflow;
    private final ReplayGuard guard;
    private final ProcessEngine engine;
    private final Clock clock;
    private final Supplier<UUID> ids;
    private final FlowstateMetrics metrics;
    private final EngineObserver observer;

    private TokenMode(FlowCatalog flows, Mode defaultMode, FlowRunner runner, @Nullable ProcessTokenCodec codec,
                      TokenConfig config, ProcessEngine engine, Clock clock, Supplier<UUID> ids,
                      FlowstateMetrics metrics, ClaimLeases leases) {
        this.flows = flows;
        this.defaultMode = defaultMode;
        this.runner = runner;
        this.codec = codec;
        this.overflow = config.overflow();
        this.guard = new ReplayGuard(engine, leases, config.replayGuard());
        this.engine = engine;
        this.clock = clock;
        this.ids = ids;
        this.metrics = metrics;
        this.observer = metrics.engineObserver();
    }

    /**
     * Token mode for a server.
     *
     * @param ids process id generator (random UUIDv4 in production)
     * @throws ConfigException naming {@code token.keys} when a flow runs in token mode (or {@code mode} is token)
     *                         and no key is configured
     */
    public static TokenMode create(TokenConfig config, FlowCatalog flows, Mode defaultMode, FlowRunner runner,
                                   ProcessEngine engine, Clock clock, Supplier<UUID> ids,
                                   FlowstateMetrics metrics, ClaimLeases leases) {
        List<String> tokenFlows = flows.all().stream().filter(f -> f.effectiveMode(defaultMode) == Mode.TOKEN)
                .map(Flow::id).sorted().toList();
        if (!config.hasKeys() && (defaultMode == Mode.TOKEN || !tokenFlows.isEmpty())) {
            String users = defaultMode == Mode.TOKEN ? "mode is token" : "flow(s) " + String.join(", ", tokenFlows)
                    + " run in token mode";
            throw new ConfigException(ConfigKey.TOKEN_KEYS.path() + ": " + users + ", but no key is configured; add a"
                    + " [[token.keys]] table with kid and secret (a base64 secret of at least 256 bits, for example"
                    + " from openssl rand -base64 32) or set FLOWSTATE_TOKEN_KEYS=kid:secret");
        }
        TokenKeys keys = config.keys();
        ProcessTokenCodec codec = keys != null ? new ProcessTokenCodec(config, clock) : null;
        if (keys != null) {
            LOG.info("token mode: {} sealing with kid {} ({} key(s) accepted), replay guard {}, overflow {}",
                    config.format().wireName(), keys.signingKid(), keys.kids().size(),
                    config.replayGuard() ? "on" : "OFF", config.overflow().wireName());
        }
        return new TokenMode(flows, defaultMode, runner, codec, config, engine, clock, ids, metrics, leases);
    }

    /** Starts {@code flowId} when it runs in token mode; empty for other flows. */
    Optional<TokenOutcome> start(String flowId, JsonNode input) {
        Optional<Flow> flow = flows.find(flowId).filter(f -> f.effectiveMode(defaultMode) == Mode.TOKEN);
        if (flow.isEmpty()) {
            return Optional.empty();
        }
        long began = System.nanoTime();
        TokenOutcome outcome = switch (runner.start(flow.get(), ids.get(), input, clock.instant())) {
            case Outcome.Accepted accepted -> issue(accepted);
            case Outcome.Rejected rejected -> TokenOutcome.Rejected.of(rejected);
        };
        observer.started(flowId, outcome(outcome), Duration.ofNanos(System.nanoTime() - began));
        return Optional.of(outcome);
    }

    /**
     * Verifies a bearer token. Every refusal is logged with its reason (never a secret or state) and is empty, for
     * the caller to answer 401 {@code invalid_token}.
     *
     * @param expectedFlowId the flow the request names, or null for any
     */
    Optional<TokenClaims> verify(String token, @Nullable String expectedFlowId) {
        if (codec == null) {
            LOG.info("refused a process token: token mode has no keys configured");
            metrics.tokenFailure("no_keys");
            return Optional.empty();
        }
        return switch (codec.decode(token, expectedFlowId)) {
            case DecodeResult.Verified verified -> {
                if (flows.find(verified.claims().flowId()).isEmpty()) {
                    // The token is genuine but cannot be continued: answered like any other unusable token.
                    LOG.info("refused the process token of process {}: flow {} is no longer loaded",
                            verified.claims().processId(), verified.claims().flowId());
                    metrics.tokenFailure("flow_unloaded");
                    yield Optional.empty();
                }
                yield Optional.of(verified.claims());
            }
            case DecodeResult.Rejected rejected -> {
                LOG.info("refused a process token: {}", rejected.reason());
                metrics.tokenFailure("invalid");
                yield Optional.empty();
            }
        };
    }

    /**
     * Submits {@code input} to the step the verified token's process waits at, under the replay guard: a token
     * already used is {@link TokenOutcome.Replayed}; an outcome that commits nothing leaves the token usable.
     */
    TokenOutcome proceed(TokenClaims claims, @Nullable String step, @Nullable JsonNode input) {
        long began = System.nanoTime();
        TokenOutcome outcome = proceedTimed(claims, step, input);
        switch (outcome) {
            case TokenOutcome.Replayed replayed -> metrics.tokenFailure("replayed");
            case TokenOutcome.TooLarge tooLarge -> metrics.tokenFailure("too_large");
            default -> { }
        }
        observer.stepped(claims.flowId(), outcome(outcome), Duration.ofNanos(System.nanoTime() - began));
        return outcome;
    }

    /** The outcome's label ({@link EngineObserver#outcome}): the process's status, or the problem code. */
    private static String outcome(TokenOutcome outcome) {
        return switch (outcome) {
            case TokenOutcome.Issued issued -> issued.process().status().wireName();
            case TokenOutcome.Ended ended -> ended.process().status().wireName();
            case TokenOutcome.MovedToStore moved -> moved.process().status().wireName();
            case TokenOutcome.Rejected rejected -> rejected.rejection().type().code();
            case TokenOutcome.Replayed replayed -> ProblemType.TOKEN_REPLAYED.code();
            case TokenOutcome.TooLarge tooLarge -> ProblemType.TOKEN_TOO_LARGE.code();
            case TokenOutcome.Unusable unusable -> ProblemType.INVALID_TOKEN.code();
        };
    }

    private TokenOutcome proceedTimed(TokenClaims claims, @Nullable String step, @Nullable JsonNode input) {
        Optional<Flow> flow = flows.find(claims.flowId());
        if (flow.isEmpty()) {
            return new TokenOutcome.Unusable();
        }
        if (!guard.claim(claims)) {
            LOG.info("refused a replayed process token of process {} at version {}", claims.processId(),
                    claims.version());
            return new TokenOutcome.Replayed();
        }
        TokenOutcome outcome;
        try (ClaimLeases.Lease ignored = guard.hold(claims)) {
            outcome = switch (runner.submit(flow.get(), claims.process(), step, input, clock.instant())) {
                case Outcome.Accepted accepted -> issue(accepted);
                case Outcome.Rejected rejected -> TokenOutcome.Rejected.of(rejected);
            };
        } catch (RuntimeException e) {
            guard.release(claims);
            throw e;
        }
        if (outcome.committed()) {
            guard.accepted(claims);
        } else {
            guard.release(claims);
        }
        return outcome;
    }

    private TokenOutcome issue(Outcome.Accepted accepted) {
        ProcessInstance process = accepted.process();
        if (process.status().isTerminal()) {
            return new TokenOutcome.Ended(process);
        }
        if (codec == null) { // create() refuses a server with token-mode flows and no keys
            throw new IllegalStateException("token mode has no keys to seal a token with");
        }
        return switch (codec.encode(process)) {
            case EncodeResult.Issued issued -> new TokenOutcome.Issued(process, issued.token(),
                    issued.claims().expiresAt());
            case EncodeResult.TokenTooLarge tooLarge -> overflow == TokenOverflow.PROCESS
                    ? moveToStore(accepted, tooLarge)
                    : new TokenOutcome.TooLarge(tooLarge.size(), tooLarge.maxBytes());
        };
    }

    /** {@code token.overflow = process}: the process continues in process mode under the same id. */
    private TokenOutcome moveToStore(Outcome.Accepted accepted, EncodeResult.TokenTooLarge tooLarge) {
        ProcessInstance process = accepted.process();
        if (!engine.adopt(accepted)) {
            // Only a token used twice (replay guard off) can reach here: its first use already moved the process.
            return new TokenOutcome.Replayed();
        }
        LOG.info("process {} moved to the store: its token would be {} bytes (token.maxBytes is {})",
                process.processId(), tooLarge.size(), tooLarge.maxBytes());
        return new TokenOutcome.MovedToStore(process);
    }
}
