package io.flowstate.server.http;

import io.helidon.webserver.http.ServerRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * The process id of a start that carries an {@code Idempotency-Key}: derived from the flow, the key and the body,
 * so that a retry whose first attempt created the process but lost its answer (the instance or the store died
 * before the key's answer was recorded, and the claim has since lapsed) finds that process instead of creating
 * an orphan. Only a client that knows the key can compute the id.
 */
final class KeyedStartId {

    private KeyedStartId() {
    }

    /** The id for this start, or empty when the request has no key (a random id is then used). */
    static Optional<UUID> of(ServerRequest request, String scope, byte[] body) {
        return request.headers().first(Idempotency.KEY).map(key -> derive(scope, key.trim(), body));
    }

    static UUID derive(String scope, String key, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update("flowstate-start\n".getBytes(StandardCharsets.UTF_8));
            digest.update(scope.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) '\n');
            digest.update(body);
            ByteBuffer bytes = ByteBuffer.wrap(digest.digest());
            long high = (bytes.getLong() & ~0xF000L) | 0x8000L; // version 8: custom, name-based
            long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
            return new UUID(high, low);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
