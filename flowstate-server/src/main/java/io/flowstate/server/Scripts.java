package io.flowstate.server;

import io.flowstate.core.engine.ScriptRunner;
import io.flowstate.script.GraalScriptRunner;
import io.flowstate.script.ScriptLimits;
import io.flowstate.server.config.ScriptConfig;

/** Opens the sandboxed JavaScript runner with the configured limits. */
final class Scripts {
    private Scripts() {
    }

    static ScriptRunner open(ScriptConfig config) {
        return new GraalScriptRunner(new ScriptLimits(config.statementLimit(), config.timeout()));
    }
}
