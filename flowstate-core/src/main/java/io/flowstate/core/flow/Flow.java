package io.flowstate.core.flow;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A named, versioned graph of steps, loaded from a file.
 *
 * @param id        the flow's id, used in {@code POST /workflow/start}
 * @param title     human title
 * @param version   content hash of the definition (changes whenever the file changes)
 * @param mode      where state lives; null means the server's default mode
 * @param ttl       idle time-to-live, refreshed on every change
 * @param maxAge    absolute limit from start
 * @param retention how long a completed, failed or cancelled process stays readable
 * @param start     the first step
 * @param steps     every step by id, in file order
 * @param authRequired {@code "auth": "required"}: only an authenticated caller may start the flow, so every
 *                     process of it has an owner (docs/auth.md)
 */
public record Flow(String id, String title, String version, @Nullable Mode mode, Duration ttl, Duration maxAge,
                   Duration retention, String start, Map<String, Step> steps, boolean authRequired) {

    /** A flow that anyone may start ({@code "auth"} absent or {@code "optional"}). */
    public Flow(String id, String title, String version, @Nullable Mode mode, Duration ttl, Duration maxAge,
                Duration retention, String start, Map<String, Step> steps) {
        this(id, title, version, mode, ttl, maxAge, retention, start, steps, false);
    }

    /** Defaults when a flow file names none; see docs/flows.md. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(7);
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);

    public Flow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(start, "start");
        steps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(steps));
        if (!steps.containsKey(start)) {
            throw new IllegalArgumentException("start step '" + start + "' is not defined");
        }
    }

    public Optional<Step> step(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    /** The mode this flow runs in, given the server's default. */
    public Mode effectiveMode(Mode serverDefault) {
        return mode == null ? serverDefault : mode;
    }
}
