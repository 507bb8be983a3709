package io.flowstate.server.websocket;

import io.flowstate.core.process.ProblemType;
import io.flowstate.server.events.StreamParameters;
import io.flowstate.server.wire.ProblemException;
import io.flowstate.server.wire.RequestBody;
import io.helidon.http.HttpPrologue;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Reads {@code /process/{id}/ws?lastEventId=N&minVersion=M} from a handshake's request line. */
final class SocketPath {

    private static final String PREFIX = "/process/";
    private static final String SUFFIX = "/ws";

    private SocketPath() {
    }

    /**
     * @param processId   the process to follow
     * @param lastEventId replay after this version instead of sending a snapshot, or null
     * @param minVersion  wait briefly for this version before the first message, or null
     */
    record Parameters(UUID processId, @Nullable Long lastEventId, @Nullable Long minVersion) {
    }

    /** @throws ProblemException (400) when the id or a version is malformed */
    static Parameters parse(HttpPrologue prologue) {
        String path = prologue.uriPath().path();
        if (!path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            throw new ProblemException(ProblemType.INVALID_PROCESS_ID, "Expected /process/{id}/ws");
        }
        UUID id = RequestBody.processId(path.substring(PREFIX.length(), path.length() - SUFFIX.length()));
        Long lastEventId = StreamParameters.version("lastEventId", prologue.query().first("lastEventId").asOptional())
                .orElse(null);
        Long minVersion = StreamParameters.version("minVersion", prologue.query().first("minVersion").asOptional())
                .orElse(null);
        return new Parameters(id, lastEventId, minVersion);
    }
}
