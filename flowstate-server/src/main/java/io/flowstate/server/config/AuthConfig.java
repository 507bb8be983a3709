package io.flowstate.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Who a caller is (docs/auth.md).
 *
 * @param mode        {@code auth.mode}: {@code none} (process ids are capabilities) or {@code jwt} (bearer tokens)
 * @param jwks        {@code auth.jwks}: the JSON Web Key Set that verifies tokens, a file path or an http(s) URL
 * @param issuer      {@code auth.issuer}: the {@code iss} every token must carry
 * @param audience    {@code auth.audience}: a value the token's {@code aud} must contain
 * @param adminScope  {@code auth.adminScope}: the scope (in {@code scope} or {@code scp}) that makes a caller an admin
 * @param adminToken  {@code auth.adminToken}: with {@code auth.mode = none}, the bearer token of admin routes;
 *                    empty: admin routes answer no one
 * @param jwksRefresh {@code auth.jwksRefresh}: how long a fetched key set is used before it is fetched again
 * @param clockSkew   {@code auth.clockSkew}: tolerance on {@code exp} and {@code nbf}
 */
public record AuthConfig(Mode mode, String jwks, String issuer, String audience, String adminScope,
                         String adminToken, Duration jwksRefresh, Duration clockSkew) {

    /** How callers are authenticated. */
    public enum Mode {
        NONE, JWT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final AuthConfig DEFAULTS = new AuthConfig(Mode.NONE, "", "", "", "flowstate:admin", "",
            Duration.ofMinutes(5), Duration.ofSeconds(30));

    public AuthConfig {
        if (mode == null || jwks == null || issuer == null || audience == null || adminScope == null
                || adminToken == null || jwksRefresh == null || clockSkew == null) {
            throw new ConfigException("auth: every key needs a value");
        }
        if (adminScope.isBlank()) {
            throw new ConfigException("auth.adminScope must not be empty");
        }
        if (jwksRefresh.isNegative() || jwksRefresh.isZero()) {
            throw new ConfigException("auth.jwksRefresh must be a positive duration");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new ConfigException("auth.clockSkew must be between 0 and 5 minutes, was " + clockSkew);
        }
        if (mode == Mode.JWT) {
            requireSet("auth.jwks", jwks);
            requireSet("auth.issuer", issuer);
            requireSet("auth.audience", audience);
        }
        if (!adminToken.isEmpty() && adminToken.length() < 16) {
            throw new ConfigException("auth.adminToken must be at least 16 characters (it guards admin routes)");
        }
    }

    /** True when {@link #jwks()} names an http(s) URL rather than a file. */
    public boolean jwksIsUrl() {
        String scheme = jwks.contains("://") ? URI.create(jwks).getScheme() : null;
        return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
    }

    /** This configuration in JWT mode with the given key set, issuer and audience. */
    public static AuthConfig jwt(String jwks, String issuer, String audience) {
        return new AuthConfig(Mode.JWT, jwks, issuer, audience, DEFAULTS.adminScope(), "", DEFAULTS.jwksRefresh(),
                DEFAULTS.clockSkew());
    }

    private static void requireSet(String key, String value) {
        if (value.isBlank()) {
            throw new ConfigException(key + " is required when auth.mode is jwt");
        }
    }
}
