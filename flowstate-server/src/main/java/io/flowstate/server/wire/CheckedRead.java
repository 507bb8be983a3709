package io.flowstate.server.wire;

import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.UUID;

/**
 * A process that a filter read to check who may see it, kept in the request's context so that a read route answers
 * from that same read instead of reading again: the owner's own {@code GET} costs the store one read, as it would
 * without owners.
 */
public record CheckedRead(UUID processId, Outcome.Accepted found) {

    /** Keeps {@code found}, the process {@code processId} as read for this request. */
    public static void remember(RoutingRequest request, UUID processId, Outcome.Accepted found) {
        request.context().register(CheckedRead.class, new CheckedRead(processId, found));
    }

    /** The process {@code processId} as a filter read it for this request, or as {@code engine} reads it now. */
    public static Outcome orRead(ServerRequest request, UUID processId, ProcessEngine engine) {
        Optional<CheckedRead> checked = request.context().get(CheckedRead.class, CheckedRead.class)
                .filter(read -> read.processId().equals(processId));
        return checked.isPresent() ? checked.get().found() : engine.get(processId);
    }
}
