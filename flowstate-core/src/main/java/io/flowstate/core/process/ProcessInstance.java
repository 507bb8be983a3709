package io.flowstate.core.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One run of a flow, as committed to a store. Immutable by convention: {@code state} and
 * {@code result} are never mutated after construction; the engine works on deep copies.
 *
 * @param processId   random UUIDv4, the process's identity and capability
 * @param flowId      the flow this process runs
 * @param flowVersion content hash of the flow definition the process started with
 * @param status      lifecycle status
 * @param version     grows by exactly 1 with every committed change; the ETag and event id
 * @param currentStep the form step the process waits at, or null unless {@code status} is waiting
 * @param state       the process's data, a JSON object
 * @param result      the final state when completed, otherwise null
 * @param error       why the process failed, otherwise null
 * @param createdAt   when the process started
 * @param updatedAt   when the last change was committed
 * @param expiresAt   when the store forgets the process: idle TTL / max age while live, retention once ended
 * @param owner       the subject ({@code sub}) of the authenticated caller that started the process, or null
 *                    when it was started anonymously; never changes
 */
public record ProcessInstance(
        UUID processId,
        String flowId,
        @Nullable String flowVersion,
        ProcessStatus status,
        long version,
        @Nullable String currentStep,
        ObjectNode state,
        @Nullable JsonNode result,
        @Nullable Problem error,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt,
        @Nullable String owner) {

    /** A process without an owner (started anonymously). */
    public ProcessInstance(UUID processId, String flowId, @Nullable String flowVersion, ProcessStatus status,
                           long version, @Nullable String currentStep, ObjectNode state, @Nullable JsonNode result,
                           @Nullable Problem error, Instant createdAt, Instant updatedAt, Instant expiresAt) {
        this(processId, flowId, flowVersion, status, version, currentStep, state, result, error, createdAt,
                updatedAt, expiresAt, null);
    }

    public ProcessInstance {
        Objects.requireNonNull(processId, "processId");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
    }

    /** True when the process is past its expiry at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

}
