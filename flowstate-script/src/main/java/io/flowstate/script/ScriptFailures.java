package io.flowstate.script;

import io.flowstate.core.engine.ScriptResult.Failure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * Turns what went wrong in a step into a {@link Failure} whose message says what happened and where, but
 * carries no state values: only error names, engine messages and the script author's own error message.
 */
final class ScriptFailures {

    /** Keeps a message readable in a problem document and bounds what an author's message can carry. */
    private static final int MAX_MESSAGE_LENGTH = 300;

    /** GraalJS reports a syntax error in a function body as "{@code <function>:line:column message}". */
    private static final Pattern BODY_SYNTAX_ERROR = Pattern.compile("^SyntaxError: <function>:(\\d+):\\d+ (.*)$");

    private final ScriptLimits limits;

    ScriptFailures(ScriptLimits limits) {
        this.limits = limits;
    }

    Failure wallClockExceeded() {
        return Failure.timedOut(
                "Script exceeded its wall-clock limit of " + limits.timeout().toMillis() + " ms");
    }

    Failure noContextFree() {
        return Failure.timedOut("No script context became free within "
                + limits.timeout().toMillis() + " ms; all are busy with other steps");
    }

    Failure noContext(RuntimeException cause) {
        return Failure.failed("Could not create a script context: " + firstLine(cause.getMessage()));
    }

    Failure closed() {
        return Failure.failed("The script runner is closed");
    }

    Failure interrupted() {
        return Failure.failed("Interrupted while waiting for a script context");
    }

    Failure badResult(String what) {
        return Failure.failed(what);
    }

    Failure statementLimitExceeded() {
        return Failure.timedOut(
                "Script exceeded its statement limit of " + limits.statementLimit() + " statements");
    }

    /**
     * Maps an exception that did not come from cancelling the context. Must be called while the step's
     * context is still lent out: inspecting a thrown value runs in that context.
     */
    Failure of(PolyglotException e, Source stepSource, SandboxContext context) {
        if (e.isInterrupted()) {
            return Failure.failed("Script was interrupted");
        }
        if (e.isExit()) {
            return Failure.failed("Script tried to exit");
        }
        if (e.isHostException() || e.isInternalError()) {
            return Failure.failed("Script failed inside the script engine");
        }
        if (e.isResourceExhausted()) {
            return Failure.failed("Script exhausted a resource: " + firstLine(e.getMessage()));
        }
        if (e.isGuestException()) {
            return Failure.failed(describeGuestError(e, stepSource, context));
        }
        return Failure.failed("Script failed: " + firstLine(e.getMessage()));
    }

    private static String describeGuestError(PolyglotException e, Source stepSource, SandboxContext context) {
        String message = firstLine(e.getMessage());
        Matcher bodySyntaxError = BODY_SYNTAX_ERROR.matcher(message);
        if (bodySyntaxError.matches()) {
            return bounded("SyntaxError: " + bodySyntaxError.group(2)) + " at line " + bodySyntaxError.group(1);
        }
        Value thrown = e.isSyntaxError() ? null : e.getGuestObject();
        if (thrown != null) {
            try {
                if (!context.isError(thrown)) {
                    // `throw state.secret` would otherwise put the value itself into the message.
                    return "Script threw a " + kindOf(thrown) + " instead of an Error" + lineOf(e, stepSource);
                }
            } catch (PolyglotException | IllegalStateException inspectionFailed) {
                return "Script threw a value that could not be inspected" + lineOf(e, stepSource);
            }
        }
        return bounded(message) + lineOf(e, stepSource);
    }

    private static String kindOf(Value value) {
        if (value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return "string";
        }
        if (value.isNumber()) {
            return "number";
        }
        if (value.isBoolean()) {
            return "boolean";
        }
        return value.hasArrayElements() ? "array" : "non-Error object";
    }

    /** The line in the step's own script where the error arose, when it arose there. */
    private static String lineOf(PolyglotException e, Source stepSource) {
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection location = frame.getSourceLocation();
            if (frame.isGuestFrame() && location != null && location.getSource().equals(stepSource)) {
                return " at line " + location.getStartLine();
            }
        }
        return "";
    }

    private static String firstLine(@Nullable String message) {
        if (message == null || message.isBlank()) {
            return "(no message)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static String bounded(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }
}
