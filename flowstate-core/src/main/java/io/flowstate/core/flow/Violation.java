package io.flowstate.core.flow;

/**
 * One way an input fails a form step's schema.
 *
 * @param pointer JSON pointer (RFC 6901) of the offending value in the input ({@code ""} for the root);
 *                for a missing required property, the pointer of the property that is missing
 * @param keyword the schema keyword that failed ({@code required}, {@code minLength}, …)
 * @param message human explanation
 */
public record Violation(String pointer, String keyword, String message) {
}
