package io.flowstate.core.engine;

import java.util.UUID;

/** Cancel a process and remove it ({@code DELETE /process/{id}}). */
public record CancelProcess(UUID processId, Long ifMatch) {
}
