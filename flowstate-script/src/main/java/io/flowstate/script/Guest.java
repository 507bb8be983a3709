package io.flowstate.script;

import org.graalvm.polyglot.Value;

/**
 * What a {@link GuestCall} may do in the sandboxed context it was lent: evaluate sources (each compiled once per
 * context and cached) and call the values they evaluate to. Valid only during the call.
 */
public interface Guest {

    /** Evaluates a trusted source (a runtime the host wrote) and returns its value. */
    Value evaluate(String name, String source);

    /**
     * Evaluates {@code prefix + body + suffix} where {@code body} is untrusted script text: the body must parse on
     * its own as a function body first, so it cannot close the wrapper. Errors and line numbers refer to this source.
     */
    Value evaluateScript(String name, String prefix, String body, String suffix);
}
