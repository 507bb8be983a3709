package io.flowstate.nflow.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.nflow.app.NflowNode;

/**
 * The box library's {@code _end} module (NFLOW.md §4.2) in Java: it answers what {@code modules/_end.js} answers
 * ({@code c.JSON(200, {})}, Go's encoding with its trailing newline) without starting the interpreter, when the
 * payload would come back from JavaScript unchanged ({@link JsRoundTrip}).
 */
final class EndBox {

    static final String NAME = "_end";

    private EndBox() {
    }

    static boolean handles(NflowNode node, BoxLibrary library, ObjectNode payload) {
        return library.runsBuiltIn(node, NAME) && JsRoundTrip.unchanged(payload);
    }

    static void run(RunContext run) {
        run.answer().write("json", 200, "{}\n");
    }
}
