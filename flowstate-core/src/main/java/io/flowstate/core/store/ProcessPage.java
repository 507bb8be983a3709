package io.flowstate.core.store;

import io.flowstate.core.process.ProcessInstance;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, newest first by {@link ListingCursor} key.
 *
 * @param processes the processes of the page, as they were when read
 * @param next      where the next page starts, or null when this page is the last; a page that fills its limit
 *                  always has one, so the last page of a listing may be empty
 */
public record ProcessPage(List<ProcessInstance> processes, @Nullable ListingCursor next) {

    public ProcessPage {
        processes = List.copyOf(processes);
    }

    /**
     * The page a store returns after walking keys newest first: {@code next} is the key of the last entry it
     * looked at when the page is full, so that entries it skipped (filtered out) are not looked at again.
     */
    public static ProcessPage of(List<ProcessInstance> processes, int limit, @Nullable ListingCursor lastSeen) {
        return new ProcessPage(processes, processes.size() >= limit ? lastSeen : null);
    }
}
