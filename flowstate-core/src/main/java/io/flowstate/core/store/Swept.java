package io.flowstate.core.store;

import io.flowstate.core.process.ProcessInstance;
import java.util.List;

/**
 * What one {@link ProcessStore#sweepExpired} pass did.
 *
 * @param removed    processes it removed, ended or not: a pass that removed its whole limit may have left more
 * @param unfinished the removed processes that had not ended (they expired; callers emit {@code process.expired})
 */
public record Swept(int removed, List<ProcessInstance> unfinished) {

    public static final Swept NOTHING = new Swept(0, List.of());

    public Swept {
        unfinished = List.copyOf(unfinished);
        if (removed < unfinished.size()) {
            throw new IllegalArgumentException("removed " + removed + " but " + unfinished.size() + " unfinished");
        }
    }
}
