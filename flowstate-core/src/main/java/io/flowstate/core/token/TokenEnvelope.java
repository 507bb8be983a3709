package io.flowstate.core.token;

import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEObjectType;
import java.util.HashSet;
import java.util.Set;

/**
 * The cryptographic wrapping of a claims payload: {@link JweEnvelope} or {@link JwsEnvelope}. Both pin their one
 * algorithm, take keys only from {@link TokenKeys} by {@code kid}, and accept only the header parameters they
 * write themselves (so {@code jku}, {@code jwk}, {@code x5u}, {@code x5c}, {@code crit}, {@code b64}, … are
 * refused without being interpreted).
 */
sealed interface TokenEnvelope permits JweEnvelope, JwsEnvelope {

    /** Explicit type (RFC 8725 §3.11): another JWT sealed with the same secret is still not a process token. */
    JOSEObjectType TYPE = new JOSEObjectType("fsp+jwt");

    /** Seals {@code payload} with the signing key. */
    String seal(byte[] payload);

    /** Verifies and opens a token; returns the payload bytes. */
    byte[] open(String token) throws TokenRejectedException;

    /** Refuses headers with parameters outside {@code allowed}, of another type, or without a listed kid. */
    static void checkCommonHeader(Header header, String kid, Set<String> allowed, TokenKeys keys)
            throws TokenRejectedException {
        Set<String> unexpected = new HashSet<>(header.getIncludedParams());
        unexpected.removeAll(allowed);
        if (!unexpected.isEmpty()) {
            throw new TokenRejectedException("header carries parameters that are not accepted: "
                    + Printable.names(unexpected));
        }
        if (!TYPE.equals(header.getType())) {
            throw new TokenRejectedException("header typ is not " + TYPE);
        }
        if (kid == null) {
            throw new TokenRejectedException("header has no kid");
        }
        if (!keys.contains(kid)) {
            throw new TokenRejectedException("unknown kid " + Printable.value(kid));
        }
    }
}
