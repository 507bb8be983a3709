package io.flowstate.core.engine;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Cancel a process and remove it ({@code DELETE /process/{id}}). */
public record CancelProcess(UUID processId, @Nullable Long ifMatch) {
}
