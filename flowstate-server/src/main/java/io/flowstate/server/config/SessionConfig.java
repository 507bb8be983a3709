package io.flowstate.server.config;

import java.time.Duration;

/**
 * Session mode, the legacy pattern kept as the migration's starting point.
 *
 * @param idleTtl      {@code session.idleTtl}: how long a session cookie stays valid without a request; each answer
 *                     renews it
 * @param secureCookie {@code session.secureCookie}: marks the cookies {@code Secure} (set it behind HTTPS)
 */
public record SessionConfig(Duration idleTtl, boolean secureCookie) {

    public static final SessionConfig DEFAULTS = new SessionConfig(Duration.ofMinutes(30), false);

    public SessionConfig {
        if (idleTtl == null || idleTtl.isNegative() || idleTtl.isZero()) {
            throw new ConfigException("session.idleTtl must be a positive duration");
        }
    }
}
