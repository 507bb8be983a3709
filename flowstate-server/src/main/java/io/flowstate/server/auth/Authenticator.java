package io.flowstate.server.auth;

import io.flowstate.server.config.AuthConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import org.jspecify.annotations.Nullable;

/**
 * Turns the bearer credential of a request into a {@link Caller}. With {@code auth.mode = jwt} a bearer must be a
 * valid token (else 401 {@code invalid_credentials}); with {@code none} only {@code auth.adminToken} means anything
 * (an admin without a subject), and any other bearer is ignored except by admin routes. No bearer: anonymous.
 */
public final class Authenticator {

    private final AuthConfig config;
    private final @Nullable JwtVerifier jwt;

    private Authenticator(AuthConfig config, @Nullable JwtVerifier jwt) {
        this.config = config;
        this.jwt = jwt;
    }

    /**
     * The authenticator of {@code config}; in JWT mode it reads the key set once now.
     *
     * @throws io.flowstate.server.config.ConfigException when the key set cannot be read
     */
    public static Authenticator create(AuthConfig config, Clock clock) {
        JwtVerifier jwt = null;
        if (config.mode() == AuthConfig.Mode.JWT) {
            JwksSource keys = new JwksSource(config.jwks(), config.jwksIsUrl(), config.jwksRefresh(), clock);
            jwt = new JwtVerifier(keys, config.issuer(), config.audience(), config.adminScope(), config.clockSkew(),
                    clock);
        }
        return new Authenticator(config, jwt);
    }

    /** True in JWT mode, where processes can have owners and every process route checks them. */
    public boolean bindsOwners() {
        return jwt != null;
    }

    /**
     * The caller behind {@code bearer} (null when the request carried none).
     *
     * @throws io.flowstate.server.wire.ProblemException 401 {@code invalid_credentials} for a bad token
     */
    public Caller authenticate(@Nullable String bearer) {
        if (bearer == null) {
            return Caller.ANONYMOUS;
        }
        if (jwt != null) {
            return jwt.verify(bearer);
        }
        String adminToken = config.adminToken();
        if (!adminToken.isEmpty() && MessageDigest.isEqual(bytes(bearer), bytes(adminToken))) {
            return new Caller(null, true, false);
        }
        return new Caller(null, false, true);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
