package io.flowstate.server.wire;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The mode the current request is served in when it is not its flow's declared mode — session mode, which the
 * migration switch chooses per browser — so that what is recorded on this thread (the {@code mode} label of the
 * metrics) says which mode really served it.
 */
public final class ServedMode {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private ServedMode() {
    }

    /** Runs {@code work} on this thread as served in {@code mode}. */
    public static <T> T as(String mode, Supplier<T> work) {
        String outer = CURRENT.get();
        CURRENT.set(mode);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** The mode set by {@link #as} around the current work, if any. */
    public static Optional<String> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
