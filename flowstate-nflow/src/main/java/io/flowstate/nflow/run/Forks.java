package io.flowstate.nflow.run;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * When the forks a run's {@code gorutine} nodes start begin to run: at once, as in nFlow, or {@linkplain #held()
 * held} until the caller knows the run counts ({@link #release()}) — a run computed from a copy of its process that
 * may be stale must not start anything before its commit says the copy was current. Not thread-safe: one run's
 * thread adds, and the same request releases.
 */
public final class Forks {

    private final @Nullable List<Runnable> held;

    private Forks(@Nullable List<Runnable> held) {
        this.held = held;
    }

    /** Forks start when the run reaches them. */
    public static Forks immediate() {
        return new Forks(null);
    }

    /** Forks wait for {@link #release()}; dropped with this object when the run does not count. */
    public static Forks held() {
        return new Forks(new ArrayList<>());
    }

    /** Starts {@code fork} now, or once released. */
    void start(Runnable fork) {
        if (held == null) {
            fork.run();
        } else {
            held.add(fork);
        }
    }

    /** Starts the held forks, in the order the run reached them; nothing for {@link #immediate()}. */
    public void release() {
        if (held != null) {
            held.forEach(Runnable::run);
            held.clear();
        }
    }
}
