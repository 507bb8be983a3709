package io.flowstate.script;

import static io.flowstate.script.Steps.call;
import static io.flowstate.script.Steps.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.core.engine.ScriptResult;
import io.flowstate.core.engine.ScriptResult.Failure;
import io.flowstate.core.engine.ScriptResult.Success;
import io.flowstate.core.process.ProblemType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GraalScriptRunnerTest {

    private static GraalScriptRunner runner;

    @BeforeAll
    static void startRunner() {
        runner = new GraalScriptRunner(ScriptLimits.DEFAULTS);
    }

    @AfterAll
    static void closeRunner() {
        runner.close();
    }

    @Test
    void mutatesStateInPlace() {
        ScriptResult result = runner.run(call("state.total = state.price * state.qty; delete state.qty;",
                "{\"price\": 3, \"qty\": 4, \"nested\": {\"keep\": [1, 2]}}", null));

        assertThat(success(result).state()).isEqualTo(json("{\"price\": 3, \"total\": 12, \"nested\": {\"keep\": [1, 2]}}"));
    }

    @Test
    void replacesStateWhenTheScriptReassignsIt() {
        ScriptResult result = runner.run(call("state = { fresh: true, was: state.old };", "{\"old\": 1}", null));

        assertThat(success(result).state()).isEqualTo(json("{\"fresh\": true, \"was\": 1}"));
    }

    @Test
    void seesTheLastSubmittedInput() {
        ScriptResult result = runner.run(call("state.echo = input.name + '/' + input.items.length;",
                "{}", "{\"name\": \"Ada\", \"items\": [1, 2, 3]}"));

        assertThat(success(result).state()).isEqualTo(json("{\"echo\": \"Ada/3\"}"));
    }

    @Test
    void seesNullInputWhenNothingWasSubmitted() {
        ScriptResult result = runner.run(call("state.none = input === null;"));

        assertThat(success(result).state()).isEqualTo(json("{\"none\": true}"));
    }

    @Test
    void returnsTheEdgeTheScriptChose() {
        ScriptResult result = runner.run(call("next = state.amount > 100 ? 'reject' : 'approve';", "{\"amount\": 500}", null));

        assertThat(success(result).next()).isEqualTo("reject");
    }

    @Test
    void returnsNoEdgeWhenTheScriptSetsNone() {
        assertThat(success(runner.run(call("state.x = 1;"))).next()).isNull();
        assertThat(success(runner.run(call("next = null;"))).next()).isNull();
    }

    @Test
    void keepsStateAndEdgeWhenTheScriptReturnsEarly() {
        ScriptResult result = runner.run(call("state.a = 1; next = 'approve'; if (state.a) return; state.b = 2;"));

        assertThat(success(result).state()).isEqualTo(json("{\"a\": 1}"));
        assertThat(success(result).next()).isEqualTo("approve");
    }

    @Test
    void dropsValuesThatJsonCannotRepresent() {
        ScriptResult result = runner.run(call("state.f = function () {}; state.u = undefined; state.n = NaN; state.d = new Date(0);"));

        assertThat(success(result).state()).isEqualTo(json("{\"n\": null, \"d\": \"1970-01-01T00:00:00.000Z\"}"));
    }

    @Test
    void runsOrdinaryJavaScript() {
        String script = """
                class Line { constructor(p, q) { this.p = p; this.q = q; } get total() { return this.p * this.q; } }
                const lines = state.lines.map(l => new Line(l.p, l.q));
                state.sum = lines.reduce((s, l) => s + l.total, 0);
                state.keys = Object.keys({ b: 1, a: 2 }).sort();
                state.formatted = new Intl.NumberFormat('en-US').format(1234.5);
                const e = new Error('x'); e.name = 'ValidationError'; state.errorName = e.name;
                const o = {}; o.toString = () => 'custom'; state.custom = '' + o;
                state.matched = /n(\\d+)/.exec('n42')[1];
                next = 'approve';
                """;

        ScriptResult result = runner.run(call(script, "{\"lines\": [{\"p\": 2, \"q\": 3}, {\"p\": 1, \"q\": 4}]}", null));

        assertThat(success(result).state()).isEqualTo(json("""
                {"lines": [{"p": 2, "q": 3}, {"p": 1, "q": 4}], "sum": 10, "keys": ["a", "b"],
                 "formatted": "1,234.5", "errorName": "ValidationError", "custom": "custom", "matched": "42"}"""));
    }

    @Test
    void failsWhenStateIsNoLongerAnObject() {
        assertFailure(runner.run(call("state = null;")), ProblemType.SCRIPT_FAILED, "'state' must be an object after the script, but it is null");
        assertFailure(runner.run(call("state = [1];")), ProblemType.SCRIPT_FAILED, "'state' must be an object after the script, but it is an array");
        assertFailure(runner.run(call("state = 'x';")), ProblemType.SCRIPT_FAILED, "'state' must be an object after the script, but it is of type string");
    }

    @Test
    void failsWhenNextIsNotAString() {
        assertFailure(runner.run(call("next = 1;")), ProblemType.SCRIPT_FAILED, "'next' must be a string naming an edge, but it is of type number");
        assertFailure(runner.run(call("next = function () {};")), ProblemType.SCRIPT_FAILED, "but it is of type function");
    }

    @Test
    void failsWithTheSyntaxErrorAndItsLine() {
        ScriptResult result = runner.run(call("state.a = 1;\nstate.b = ;"));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "SyntaxError");
        assertThat(((Failure) result).message()).endsWith("at line 2");
    }

    @Test
    void failsWithTheThrownErrorAndItsLine() {
        ScriptResult result = runner.run(call("state.a = 1;\nstate.missing.x = 2;"));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "TypeError");
        assertThat(((Failure) result).message()).endsWith("at line 2");
    }

    @Test
    void keepsTheMessageOfAnErrorTheScriptThrows() {
        ScriptResult result = runner.run(call("throw new RangeError('amount must be positive');"));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "RangeError: amount must be positive at line 1");
    }

    @Test
    void neverPutsAThrownNonErrorValueIntoTheMessage() {
        ScriptResult result = runner.run(call("throw state.secret;", "{\"secret\": \"4111-1111\"}", null));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "Script threw a string instead of an Error at line 1");
        assertThat(((Failure) result).message()).doesNotContain("4111");
    }

    @Test
    void failsWhenTheStateCannotBeSerialised() {
        assertFailure(runner.run(call("state.self = state;")), ProblemType.SCRIPT_FAILED, "TypeError");
        assertFailure(runner.run(call("state.big = 1n;")), ProblemType.SCRIPT_FAILED, "TypeError");
    }

    @Test
    void failsWhenTheStateExceedsTheJsonLimits() {
        ScriptResult result = runner.run(call("let o = state; for (let i = 0; i < 100; i++) { o.c = {}; o = o.c; }"));

        assertFailure(result, ProblemType.SCRIPT_FAILED, "The state after the script is not acceptable JSON");
    }

    @Test
    void runsTheSameStepRepeatedlyWithFreshBindings() {
        for (int i = 0; i < 50; i++) {
            ScriptResult result = runner.run(call("if (next !== undefined) throw new Error('stale next'); state.n = (state.n || 0) + 1; next = 'approve';",
                    "{\"n\": " + i + "}", null));

            assertThat(success(result).state()).isEqualTo(json("{\"n\": " + (i + 1) + "}"));
        }
    }

    @Test
    void failsCallsAfterClose() {
        GraalScriptRunner closing = new GraalScriptRunner(ScriptLimits.DEFAULTS);
        assertThat(closing.run(call("next = 'approve';"))).isInstanceOf(Success.class);

        closing.close();

        assertFailure(closing.run(call("next = 'approve';")), ProblemType.SCRIPT_FAILED, "closed");
    }

    static Success success(ScriptResult result) {
        assertThat(result).isInstanceOf(Success.class);
        return (Success) result;
    }

    static void assertFailure(ScriptResult result, ProblemType code, String messagePart) {
        assertThat(result).isInstanceOf(Failure.class);
        Failure failure = (Failure) result;
        assertThat(failure.type()).as(failure.message()).isEqualTo(code);
        assertThat(failure.message()).contains(messagePart);
    }
}
