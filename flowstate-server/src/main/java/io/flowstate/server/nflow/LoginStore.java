package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.CancelProcess;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.process.Event;
import io.flowstate.core.process.EventType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Login records (NFLOW.md §5) in the process store, so that every instance sees them: each is a record under a
 * random id whose state holds the SHA-256 of a 256-bit secret, the profile and the login values
 * ({@code redirect_url}). The browser's {@code flowstate_auth} cookie is {@code <id>.<secret>}; the secret's hash is
 * compared in constant time, so reading a record (admin listing, streams) does not give the cookie away.
 */
final class LoginStore {

    /** The flow id of login records; no nFlow flow id can contain ':'. */
    static final String FLOW = "nflow:login";
    static final String COOKIE = "flowstate_auth";

    private final ProcessEngine engine;
    private final Clock clock;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();

    LoginStore(ProcessEngine engine, Clock clock, Duration ttl) {
        this.engine = engine;
        this.clock = clock;
        this.ttl = ttl;
    }

    Duration ttl() {
        return ttl;
    }

    /** The record a cookie value names, when it exists and its secret matches. */
    Optional<ProcessInstance> find(@Nullable String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        int dot = cookie.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        UUID id;
        try {
            id = UUID.fromString(cookie.substring(0, dot));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!(engine.get(id) instanceof Outcome.Accepted found) || !found.process().flowId().equals(FLOW)) {
            return Optional.empty();
        }
        byte[] given = hash(cookie.substring(dot + 1)).getBytes(StandardCharsets.UTF_8);
        byte[] stored = found.process().state().path("secretHash").asText("").getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, stored) ? Optional.of(found.process()) : Optional.empty();
    }

    /** Creates a record with {@code state} (profile, values) and returns its cookie value. */
    String create(ObjectNode state) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = HexFormat.of().formatHex(bytes);
        ObjectNode stored = state.deepCopy().put("secretHash", hash(secret));
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        ProcessInstance record = new ProcessInstance(id, FLOW, null, ProcessStatus.WAITING, 1, "login", stored, null,
                null, now, now, now.plus(ttl));
        engine.adopt(new Outcome.Accepted(record, Event.of(EventType.PROCESS_STARTED, record, List.of())));
        return id + "." + secret;
    }

    /** Replaces the state of a record (refreshing its idle TTL); a lost race is ignored, the last login wins. */
    void update(ProcessInstance record, ObjectNode state) {
        Instant now = clock.instant();
        ObjectNode stored = state.deepCopy().put("secretHash", record.state().path("secretHash").asText(""));
        ProcessInstance next = new ProcessInstance(record.processId(), FLOW, null, ProcessStatus.WAITING,
                record.version() + 1, "login", stored, null, null, record.createdAt(), now, now.plus(ttl));
        engine.commit(new Outcome.Accepted(next, Event.of(EventType.STATE_UPDATED, next, List.of())), record.version());
    }

    void delete(ProcessInstance record) {
        engine.cancel(new CancelProcess(record.processId(), null));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
