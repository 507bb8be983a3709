package io.flowstate.server.http;

import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessStatus;
import io.flowstate.core.store.ListingCursor;
import io.flowstate.core.store.ProcessQuery;
import io.flowstate.server.wire.ProblemException;
import io.helidon.common.parameters.Parameters;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reads the query of {@code GET /processes}; any unusable parameter is 400 {@code invalid_parameter}. */
final class ListingQuery {

    private static final Set<String> NAMES = Set.of("flow", "status", "waitingFor", "owner", "updatedBefore", "limit",
            "cursor");

    private ListingQuery() {
    }

    static ProcessQuery parse(Parameters query) {
        for (String name : query.names()) {
            if (!NAMES.contains(name)) {
                throw invalid("Unknown query parameter '" + name + "'; known are " + String.join(", ",
                        List.of("flow", "status", "waitingFor", "owner", "updatedBefore", "limit", "cursor")));
            }
            if (query.all(name).size() > 1) {
                throw invalid("Query parameter '" + name + "' is given more than once");
            }
        }
        String status = text(query, "status");
        String updatedBefore = text(query, "updatedBefore");
        String limit = text(query, "limit");
        String cursor = text(query, "cursor");
        return new ProcessQuery(text(query, "flow"), status == null ? null : status(status),
                text(query, "waitingFor"), text(query, "owner"),
                updatedBefore == null ? null : instant(updatedBefore),
                limit == null ? ProcessQuery.DEFAULT_LIMIT : limit(limit),
                cursor == null ? null : cursor(cursor));
    }

    private static @Nullable String text(Parameters query, String name) {
        Optional<String> value = query.first(name).asOptional();
        if (value.isEmpty()) {
            return null;
        }
        if (value.get().isBlank()) {
            throw invalid("Query parameter '" + name + "' is empty; leave it out to not filter by it");
        }
        return value.get();
    }

    private static ProcessStatus status(String text) {
        for (ProcessStatus status : ProcessStatus.values()) {
            if (status.wireName().equals(text)) {
                return status;
            }
        }
        throw invalid("status must be one of running, waiting, completed, failed, cancelled, expired; was '"
                + text + "'");
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("updatedBefore must be an instant such as 2030-01-01T00:00:00Z; was '" + text + "'");
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= ProcessQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("limit must be an integer from 1 to " + ProcessQuery.MAX_LIMIT + "; was '" + text + "'");
    }

    private static ListingCursor cursor(String text) {
        try {
            return ListingCursor.decode(text);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor is not one this server issued; pass the 'next' of the previous page unchanged");
        }
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_PARAMETER, detail);
    }
}
