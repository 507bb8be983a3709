package io.flowstate.script;

import static io.flowstate.script.GraalScriptRunnerTest.assertFailure;
import static io.flowstate.script.GraalScriptRunnerTest.success;
import static io.flowstate.script.Steps.call;
import static io.flowstate.script.Steps.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptResult.Failure;
import io.flowstate.core.process.ProblemType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A script cannot reach the host, and cannot pass anything to a later script through a pooled context. */
class ScriptSandboxTest {

    private static GraalScriptRunner runner;

    @BeforeAll
    static void startRunner() {
        // One context, so every call below reuses the context the previous call used.
        runner = new GraalScriptRunner(ScriptLimits.DEFAULTS, 1);
    }

    @AfterAll
    static void closeRunner() {
        runner.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "java.lang.System.exit(1);",
            "Java.type('java.lang.System').exit(1);",
            "Packages.java.lang.Runtime.getRuntime().exec('true');",
            "Polyglot.eval('js', '1');",
            "Polyglot.import('x');",
            "load('/etc/passwd');",
            "require('fs');",
            "print('hello');",
            "console.log('hello');",
            "Graal.versionJS;",
            "quit();",
            "new SharedArrayBuffer(8);",
            "Atomics.wait(new Int32Array(4), 0, 0, 1000);",
            "Function('return this')().Java.type('java.lang.System');",
    })
    void failsWhenTheScriptReachesForTheHost(String script) {
        ScriptResult result = runner.run(call(script));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "Error");
        // The JVM is still here, and the runner still works.
        assertThat(success(runner.run(call("next = 'approve';"))).next()).isEqualTo("approve");
    }

    @Test
    void hidesNonStandardGlobals() {
        ScriptResult result = runner.run(call("""
                state.hidden = ['Java', 'Packages', 'java', 'javax', 'Polyglot', 'Graal', 'print', 'load',
                    'console', 'require', 'arguments', 'quit', 'SharedArrayBuffer', 'Atomics', 'WeakRef',
                    'FinalizationRegistry'].filter(name => typeof globalThis[name] !== 'undefined');
                state.regexpStatics = Object.getOwnPropertyNames(RegExp).filter(name => name.startsWith('$'));
                """));

        assertThat(success(result).state()).isEqualTo(json("{\"hidden\": [], \"regexpStatics\": []}"));
    }

    @Test
    void doesNotLeakGlobalsBetweenCalls() {
        runner.run(call("globalThis.leak = 1; leakToo = 2; (0, eval)('var leakThree = 3');"));

        ScriptResult second = runner.run(call(
                "state.seen = [typeof leak, typeof leakToo, typeof leakThree, typeof globalThis.leak];"));

        assertThat(success(second).state()).isEqualTo(json(
                "{\"seen\": [\"undefined\", \"undefined\", \"undefined\", \"undefined\"]}"));
    }

    @Test
    void doesNotLeakThroughBuiltInsBetweenCalls() {
        runner.run(call("""
                try { Object.prototype.polluted = 1; } catch (e) {}
                try { Array.prototype.polluted = 1; } catch (e) {}
                try { JSON.stringify = function () { return '{}'; }; } catch (e) {}
                try { Object.getPrototypeOf([].values()).next = null; } catch (e) {}
                try { Math.secret = state.secret; } catch (e) {}
                /secret-(\\d+)/.exec('secret-' + state.secret);
                """, "{\"secret\": 1234}", null));

        ScriptResult second = runner.run(call("""
                state.seen = [typeof ({}).polluted, typeof [].polluted, typeof Math.secret, typeof RegExp.$1,
                    [...[1, 2].values()].length];
                """));

        assertThat(success(second).state()).isEqualTo(json(
                "{\"seen\": [\"undefined\", \"undefined\", \"undefined\", \"undefined\", 2]}"));
    }

    @Test
    void reportsAssignmentsToBuiltInsInStrictCode() {
        ScriptResult result = runner.run(call("'use strict'; Array.prototype.polluted = 1;"));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "TypeError");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "}); (function () {",
            "})(); return [{hacked: true}, 'approve']; (function () {",
            "state.a = 1; /*",
            "state.a = 1; `",
            "state.a = 1; '",
            "}})(); (function () {{",
            "\n})(); return [state, 'approve']; })\n//",
    })
    void failsWhenTheScriptTriesToBreakOutOfItsWrapper(String script) {
        ScriptResult result = runner.run(call(script));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "SyntaxError");
    }
}
