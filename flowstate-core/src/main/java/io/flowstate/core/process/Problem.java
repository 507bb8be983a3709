package io.flowstate.core.process;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a process failed: a stable machine {@code code} (for example {@code script_failed},
 * {@code script_timeout}) and a human {@code detail}. Stored with the process and rendered as an
 * RFC 9457 problem object.
 *
 * @param code   stable, snake_case machine code
 * @param title  short summary that does not change between occurrences
 * @param detail explanation of this occurrence; never contains state values
 * @param step   the step that failed, or null
 */
public record Problem(String code, String title, @Nullable String detail, @Nullable String step) {
    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
    }

    /** A failure of the catalogue's {@code type}, with its code and title. */
    public static Problem of(ProblemType type, String detail, String step) {
        return new Problem(type.code(), type.title(), detail, step);
    }
}
