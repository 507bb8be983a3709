package io.flowstate.core.store;

import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One page request of a listing ({@link ProcessStore#list}). Every filter is optional; those given must all match.
 *
 * @param flow          only processes of this flow
 * @param status        only processes in this status
 * @param waitingFor    only processes waiting at the form step with this id (status {@code waiting})
 * @param owner         only processes whose {@link ProcessInstance#owner()} is this subject
 * @param updatedBefore only processes last changed before this instant (compared in milliseconds)
 * @param limit         at most this many processes, 1 to {@link #MAX_LIMIT}
 * @param cursor        the {@link ProcessPage#next()} of the previous page; null for the first page
 */
public record ProcessQuery(
        @Nullable String flow,
        @Nullable ProcessStatus status,
        @Nullable String waitingFor,
        @Nullable String owner,
        @Nullable Instant updatedBefore,
        int limit,
        @Nullable ListingCursor cursor) {

    /** The largest page a store is asked for. */
    public static final int MAX_LIMIT = 1000;

    /** The page size when a caller names none. */
    public static final int DEFAULT_LIMIT = 50;

    public ProcessQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** Every process, first page. */
    public static ProcessQuery all(int limit) {
        return new ProcessQuery(null, null, null, null, null, limit, null);
    }

    /** The same filters, for the page after {@code next}. */
    public ProcessQuery after(ListingCursor next) {
        return new ProcessQuery(flow, status, waitingFor, owner, updatedBefore, limit, next);
    }

    /**
     * The exclusive upper key of this page: the cursor, or {@code updatedBefore}, whichever is lower; null when
     * neither is given (the page starts at the newest process).
     */
    public @Nullable ListingCursor upperBound() {
        ListingCursor before = updatedBefore == null ? null : new ListingCursor(updatedBefore.toEpochMilli(), "");
        if (cursor == null) {
            return before;
        }
        return before != null && before.isBelow(cursor) ? before : cursor;
    }

    /** True when {@code process} passes every filter and sorts below {@link #upperBound()}. */
    public boolean matches(ProcessInstance process) {
        ListingCursor bound = upperBound();
        return (bound == null || ListingCursor.of(process).isBelow(bound))
                && (flow == null || flow.equals(process.flowId()))
                && (status == null || status == process.status())
                && (waitingFor == null || process.status() == ProcessStatus.WAITING
                        && waitingFor.equals(process.currentStep()))
                && (owner == null || owner.equals(process.owner()));
    }
}
