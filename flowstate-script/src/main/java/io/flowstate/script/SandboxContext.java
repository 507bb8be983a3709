package io.flowstate.script;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * One locked-down GraalJS context and the step functions compiled in it.
 *
 * <p>Not thread-safe: a context is used by one step at a time ({@link ContextPool} hands it out
 * exclusively). Reuse across processes is safe because {@code sandbox.js} froze every object a script
 * could reach that outlives a call, and each call gets fresh {@code state}, {@code input} and
 * {@code next} bindings.
 */
final class SandboxContext implements AutoCloseable {

    /** Compiled steps kept per context; beyond that the least recently used is compiled again. */
    private static final int MAX_COMPILED_STEPS = 256;

    private final Context context;
    private final Value check;
    private final Value run;
    private final Value isError;
    private boolean broken;
    private final Map<StepKey, Value> compiled = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<StepKey, Value> eldest) {
            return size() > MAX_COMPILED_STEPS;
        }
    };

    SandboxContext(Context context, Value api) {
        this.context = context;
        this.check = api.getMember("check");
        this.run = api.getMember("run");
        this.isError = api.getMember("isError");
    }

    /**
     * Runs one step and returns {@code {"state": ..., "next": ...}} as JSON text.
     *
     * @throws PolyglotException     for a syntax error, a thrown error, a bad result or a limit hit
     * @throws IllegalStateException when the context was closed meanwhile
     */
    String run(StepKey key, Source source, String stateJson, String inputJson) {
        return guarded(() -> {
            context.resetLimits();
            Value step = compiled.get(key);
            if (step == null) {
                // Parse the script alone first: inside the wrapper, text such as "}); (function(){" would
                // otherwise parse as a different program.
                check.executeVoid(key.script());
                step = context.eval(source);
                compiled.put(key, step);
            }
            return run.execute(step, stateJson, inputJson).asString();
        });
    }

    /**
     * Runs a host action in this context under its limits (statement count reset first); the action evaluates
     * sources through {@link #evaluate} and calls what they return.
     *
     * @throws PolyglotException for a syntax error, a thrown error or a limit hit
     */
    <T> T call(Supplier<T> action) {
        return guarded(() -> {
            context.resetLimits();
            return action.get();
        });
    }

    /** Evaluates {@code source} once per context (cached by {@code key}); {@code body}, when given, must parse alone. */
    Value evaluate(StepKey key, Source source, @org.jspecify.annotations.Nullable String body) {
        Value value = compiled.get(key);
        if (value == null) {
            if (body != null) {
                check.executeVoid(body);
            }
            value = context.eval(source);
            compiled.put(key, value);
        }
        return value;
    }

    /** True when a value the script threw is an Error object. Only while this context is lent out. */
    boolean isError(Value thrown) {
        return guarded(() -> isError.execute(thrown).asBoolean());
    }

    /**
     * True unless something other than an ordinary JavaScript error happened in this context (a limit
     * hit, a cancellation, an engine failure), after which it must not serve another step.
     */
    boolean reusable() {
        return !broken;
    }

    private <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (PolyglotException e) {
            if (!e.isGuestException() || e.isCancelled() || e.isExit() || e.isInterrupted() || e.isResourceExhausted()) {
                broken = true;
            }
            throw e;
        } catch (RuntimeException e) {
            broken = true;
            throw e;
        }
    }

    /** Stops a running step from another thread and closes the context. Never throws. */
    void cancel() {
        try {
            context.close(true);
        } catch (RuntimeException alreadyClosingOrClosed) {
            // Cancelling a context that a limit already cancelled reports that again; it is closed either way.
        }
    }

    /** Closes an idle context. Never throws. */
    @Override
    public void close() {
        cancel();
    }
}
