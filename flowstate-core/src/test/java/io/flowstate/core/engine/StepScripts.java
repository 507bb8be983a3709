package io.flowstate.core.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A hand-written {@link ScriptRunner} for engine tests: each script step id is bound to a Java function of
 * the state, so engine behaviour is tested without the JavaScript sandbox (which has its own tests).
 */
final class StepScripts implements ScriptRunner {
    private final Map<String, Function<ObjectNode, ScriptResult>> byStep = new HashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    StepScripts on(String stepId, Function<ObjectNode, ScriptResult> behaviour) {
        byStep.put(stepId, behaviour);
        return this;
    }

    @Override
    public ScriptResult run(ScriptCall call) {
        calls.incrementAndGet();
        Function<ObjectNode, ScriptResult> behaviour = byStep.get(call.step().id());
        if (behaviour == null) {
            throw new IllegalStateException("no behaviour for step " + call.step().id());
        }
        return behaviour.apply(call.state());
    }
}
