package io.flowstate.server.session;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.server.wire.Preconditions;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.Representations;

/**
 * Session answers: the process representation with {@code mode: "session"} and without a process id (a run is
 * reached through the cookie only), and rejections whose {@code current} process is shown the same way.
 */
final class SessionViews {

    private SessionViews() {
    }

    static Reply process(int status, ProcessInstance process, Representations representations) {
        return Reply.json(status, representation(process, representations))
                .withHeader("ETag", Preconditions.etag(process.version()))
                .withHeader(Representations.MODE_HEADER, "session")
                .withHeader("Cache-Control", "no-store");
    }

    static ObjectNode representation(ProcessInstance process, Representations representations) {
        ObjectNode node = representations.process(process);
        node.putNull("processId");
        node.put("mode", "session");
        return node;
    }

    static Reply rejection(Outcome.Rejected rejected, Representations representations) {
        ObjectNode body = Problems.rejectionBody(rejected.rejection(), representations);
        ProcessInstance current = rejected.rejection().current();
        if (current != null) {
            body.set("current", representation(current, representations));
        }
        Reply reply = Problems.of(rejected.rejection().type().problem(), body)
                .withHeader(Representations.MODE_HEADER, "session");
        return current == null ? reply : reply.withHeader("ETag", Preconditions.etag(current.version()));
    }
}
