package io.flowstate.server.events;

import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.ProblemException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The version parameters of streams and reads: {@code Last-Event-ID} / {@code lastEventId} /
 * {@code afterVersion} and {@code minVersion}. A value that is not a non-negative integer is a 400 problem.
 */
public final class StreamParameters {

    private static final Pattern VERSION = Pattern.compile("\\d{1,18}");

    private StreamParameters() {
    }

    /** The first present value parsed as a version; empty when none is present. */
    @SafeVarargs
    public static Optional<Long> version(String name, Optional<String>... candidates) {
        for (Optional<String> candidate : candidates) {
            if (candidate.isPresent() && !candidate.get().isBlank()) {
                String text = candidate.get().trim();
                if (!VERSION.matcher(text).matches()) {
                    throw new ProblemException(ProblemType.INVALID_VERSION, name + " must be a process version (a non-negative integer), was '"
                                    + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "'");
                }
                return Optional.of(Long.parseLong(text));
            }
        }
        return Optional.empty();
    }
}
