package io.flowstate.server;

import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import io.flowstate.server.config.ScriptConfig;
import org.slf4j.LoggerFactory;

/** Opens the sandboxed JavaScript runner with the configured limits. */
public final class Scripts {
    private Scripts() {
    }

    /** The runner; its first contexts are created on a background thread so start-up does not wait. */
    public static ScriptRunner open(ScriptConfig config) {
        GraalScriptRunner runner = new GraalScriptRunner(new ScriptLimits(config.statementLimit(), config.timeout()));
        Thread.ofVirtual().name("flowstate-script-warmup").start(() -> {
            try {
                runner.warmUp(2);
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Scripts.class).warn("script engine warm-up failed", e);
            }
        });
        return runner;
    }
}
