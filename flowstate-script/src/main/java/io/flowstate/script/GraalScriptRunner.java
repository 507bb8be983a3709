package io.flowstate.script;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.ScriptCall;
import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.core.json.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;

/**
 * Runs script steps in sandboxed GraalJS.
 *
 * <p><b>What a script sees.</b> {@code state}: a mutable object parsed from the process state;
 * {@code input}: what the last form or the start submitted (or null); {@code next}: undefined until the
 * script assigns an edge name. The script may mutate {@code state} or reassign it ({@code state = {...}}),
 * and may {@code return} early. It must assign these names, not declare them ({@code var state} would
 * shadow them). Afterwards {@code state} must be a plain object and {@code next} a string, undefined or
 * null (no choice). Values JSON cannot represent are dropped, as {@code JSON.stringify} drops them.
 *
 * <p><b>Sandbox.</b> No host access or class lookup, no I/O, threads, processes, native or environment
 * access, no polyglot access ({@link Sandbox}). No {@code print}, {@code load}, {@code console},
 * {@code Java}, {@code Packages}, {@code require}. Touching them is an ordinary JavaScript error.
 *
 * <p><b>Limits.</b> A step may execute {@link ScriptLimits#statementLimit()} statements and run for
 * {@link ScriptLimits#timeout()}; either hit fails it with {@code script_timeout}, cancels only that step's
 * context and leaves the runner serving other steps. Deep recursion fails with {@code script_failed}
 * ("RangeError: Maximum call stack size exceeded"); its depth is bounded by the calling thread's stack.
 * Heap use is not bounded per script (GraalJS community has no per-context heap limit); the statement and
 * time limits bound how much a script can allocate in practice.
 *
 * <p><b>Performance and isolation.</b> One shared {@code Engine}; one cached {@code Source} per
 * (flow, step, script text); a pool of at most {@code maxContexts} contexts. A fresh context per step
 * would cost about 1 ms, so contexts are reused; before first use each context is locked down (globals
 * and built-ins frozen, legacy RegExp statics removed), so nothing one process's script writes is visible
 * to the next. A consequence: assigning to the global object or to built-ins is silently ignored in sloppy
 * code and a TypeError in strict code.
 *
 * <p><b>Errors.</b> {@link #run} returns {@link ScriptResult.Failure} for every script problem and never
 * throws for one. Messages name the error and the script line but carry no state values; an Error that
 * the script throws keeps its (shortened) message, a thrown non-Error value does not.
 *
 * <p>Thread-safe; meant to be called from many (virtual) threads at once. {@link #close()} closes the
 * engine and cancels steps still running.
 */
public final class GraalScriptRunner implements ScriptRunner, AutoCloseable {

    private final ScriptLimits limits;
    private final Sandbox sandbox;
    private final ContextPool pool;
    private final Watchdog watchdog = new Watchdog();
    private final StepSources sources = new StepSources();
    private final ScriptFailures failures;
    private volatile boolean closed;

    /** A runner with the given limits and one context per core times four (at least four). */
    public GraalScriptRunner(ScriptLimits limits) {
        this(limits, Math.max(4, 4 * Runtime.getRuntime().availableProcessors()));
    }

    /**
     * @param limits      per-step limits
     * @param maxContexts how many steps may run at once; further steps wait up to the timeout for a free
     *                    context and fail with {@code script_timeout} if none frees up
     */
    public GraalScriptRunner(ScriptLimits limits, int maxContexts) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.failures = new ScriptFailures(limits);
        this.sandbox = new Sandbox(limits);
        this.pool = new ContextPool(sandbox::newContext, maxContexts);
    }

    /**
     * Runs one step in a pooled, locked-down context.
     *
     * @return {@link ScriptResult.Success} with the new state and the chosen edge (or null), or
     *         {@link ScriptResult.Failure} with {@code script_timeout} (statement limit, wall-clock limit,
     *         no context free in time) or {@code script_failed} (syntax error, thrown error, sandbox
     *         violation, bad {@code state} or {@code next}, runner closed); never throws for a script problem
     */
    @Override
    public ScriptResult run(ScriptCall call) {
        StepKey key = new StepKey(call.flowId(), call.step().id(), call.step().script());
        Source source = sources.sourceOf(key);
        String stateJson = Json.text(call.state());
        String inputJson = call.input() == null ? "null" : Json.text(call.input());

        SandboxContext context;
        try {
            context = pool.acquire(limits.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failures.interrupted();
        } catch (IllegalStateException | PolyglotException e) {
            return closed ? failures.closed() : failures.noContext(e);
        }
        if (context == null) {
            return failures.noContextFree();
        }

        Watchdog.Deadline deadline = watchdog.watch(context, limits.timeout());
        String output = null;
        ScriptResult.Failure failure = null;
        try {
            output = context.run(key, source, stateJson, inputJson);
        } catch (PolyglotException e) {
            if (!e.isCancelled()) {
                failure = failures.of(e, source, context);
            }
        } catch (IllegalStateException closedMeanwhile) {
            // The watchdog or close() closed the context while the step was starting or finishing.
        } finally {
            boolean inTime = deadline.finish();
            if (inTime && context.reusable()) {
                pool.release(context);
            } else {
                if (inTime) {
                    context.close();
                }
                pool.discard();
            }
        }

        if (output != null) {
            return success(output);
        }
        if (closed) {
            return failures.closed();
        }
        if (deadline.expired()) {
            return failures.wallClockExceeded();
        }
        // Without a failure, the context was cancelled by its own statement limit.
        return failure != null ? failure : failures.statementLimitExceeded();
    }

    /**
     * Runs host code in a pooled, locked-down context with this runner's limits: the same sandbox, statement limit
     * and wall-clock limit as script steps. Used by runtimes with their own script contract (nFlow's).
     *
     * @return the call's value, or a failure ({@code script_timeout} for a limit, {@code script_failed} otherwise);
     *         never throws for a script problem
     */
    public <T> GuestResult<T> call(GuestCall<T> call) {
        return call(guest -> "", call);
    }

    /**
     * {@link #call(GuestCall)} after {@code setup}, which evaluates trusted sources (a runtime the host wrote) before
     * the call's wall-clock limit starts: the first use of a fresh context pays for compiling them, and that must
     * not count against the script that happens to get the context. {@code setup} keeps the statement limit (it is
     * reset again for the call). What it evaluates is cached per context, so later calls pay nothing for it.
     */
    public <T> GuestResult<T> call(GuestCall<?> setup, GuestCall<T> call) {
        SandboxContext context;
        try {
            context = pool.acquire(limits.timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new GuestResult.Failed<>(failures.interrupted());
        } catch (IllegalStateException | PolyglotException e) {
            return new GuestResult.Failed<>(closed ? failures.closed() : failures.noContext(e));
        }
        if (context == null) {
            return new GuestResult.Failed<>(failures.noContextFree());
        }
        Source[] primary = {Source.newBuilder("js", "", "none").buildLiteral()};
        Guest guest = new Guest() {
            @Override
            public org.graalvm.polyglot.Value evaluate(String name, String source) {
                StepKey key = new StepKey("guest", name, source);
                return context.evaluate(key, sources.literal(key, source), null);
            }

            @Override
            public org.graalvm.polyglot.Value evaluateScript(String name, String prefix, String body, String suffix) {
                String text = prefix + body + suffix;
                StepKey key = new StepKey("guest", name, text);
                Source source = sources.literal(key, text);
                primary[0] = source;
                return context.evaluate(key, source, body);
            }
        };
        try {
            context.call(() -> setup.run(guest));
        } catch (PolyglotException | IllegalStateException e) {
            context.close();
            pool.discard();
            return new GuestResult.Failed<>(closed ? failures.closed() : failures.noContext(e));
        }
        Watchdog.Deadline deadline = watchdog.watch(context, limits.timeout());
        java.util.List<T> value = new java.util.ArrayList<>(1);
        boolean done = false;
        ScriptResult.Failure failure = null;
        try {
            value.add(context.call(() -> call.run(guest)));
            done = true;
        } catch (PolyglotException e) {
            if (!e.isCancelled()) {
                failure = failures.of(e, primary[0], context);
            }
        } catch (IllegalStateException closedMeanwhile) {
            // The watchdog or close() closed the context while the call was starting or finishing.
        } finally {
            boolean inTime = deadline.finish();
            if (inTime && context.reusable()) {
                pool.release(context);
            } else {
                if (inTime) {
                    context.close();
                }
                pool.discard();
            }
        }
        if (done && !deadline.expired()) {
            return new GuestResult.Done<>(value.get(0));
        }
        if (closed) {
            return new GuestResult.Failed<>(failures.closed());
        }
        if (deadline.expired()) {
            return new GuestResult.Failed<>(failures.wallClockExceeded());
        }
        return new GuestResult.Failed<>(failure != null ? failure : failures.statementLimitExceeded());
    }

    private ScriptResult success(String output) {
        JsonNode result;
        try {
            result = Json.parse(output);
        } catch (JsonProcessingException e) {
            return failures.badResult("The state after the script is not acceptable JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return failures.badResult("The state after the script is not acceptable JSON");
        }
        JsonNode state = result.get("state");
        if (!(state instanceof ObjectNode objectState)) {
            // Only reachable through a toJSON method that turns the state object into something else.
            return failures.badResult("'state' must serialise to a JSON object, but it serialised to "
                    + (state == null ? "nothing" : state.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        JsonNode next = result.get("next");
        if (next == null || next.isNull()) {
            return new ScriptResult.Success(objectState, null);
        }
        return new ScriptResult.Success(objectState, next.asText());
    }

    /**
     * Creates and locks down up to {@code contexts} contexts now, so the first steps do not pay for the
     * engine's cold start (about 2 s for the first context of a fresh engine in the interpreter).
     * Servers call it on a background thread at start-up.
     */
    public void warmUp(int contexts) {
        pool.prefill(contexts);
    }

    /** Closes the engine; steps still running fail, later calls fail with "closed". */
    @Override
    public void close() {
        closed = true;
        pool.close();
        watchdog.close();
        sandbox.close();
    }
}
