package io.flowstate.server.session;

import io.flowstate.core.engine.ProcessEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The secret behind session mode, shared by every instance on the store (the setting {@value #SETTING}, created
 * once by whichever instance starts first): it signs the session cookies and derives the id each run is kept under,
 * an HMAC of the session and the flow that nobody without both the cookie and the key can compute.
 */
final class SessionKeys {

    static final String SETTING = "session.key";

    private final ProcessEngine engine;
    private volatile byte @Nullable [] key;

    /**
     * Keys read from the store on first use — not at start, so that a server whose store is not up yet still starts
     * (and answers 503 until it is).
     */
    SessionKeys(ProcessEngine engine) {
        this.engine = engine;
    }

    /** The store's session key, created (256 random bits) when it has none. */
    byte[] key() {
        byte[] known = key;
        if (known == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            String stored = engine.putSettingIfAbsent(SETTING, Base64.getEncoder().encodeToString(fresh));
            known = Base64.getDecoder().decode(stored);
            key = known;
        }
        return known;
    }

    /** The id a session's run of a flow is stored under: a version-8 UUID made of an HMAC of both. */
    UUID runId(String session, String flowId) {
        return derive("run\n" + session + "\n" + flowId);
    }

    /** The name of a session's lock in the store, so that no session id is ever written there. */
    String lockId(String session) {
        return derive("lock\n" + session).toString();
    }

    private UUID derive(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            ByteBuffer bytes = ByteBuffer.wrap(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
            long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
            long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(high, low);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
