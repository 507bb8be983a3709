package io.flowstate.core.token;

import java.util.Locale;

/** How a process token is protected ({@code token.format}). */
public enum TokenFormat {
    /**
     * Compact JWE, {@code alg=dir}, {@code enc=A256GCM}, {@code zip=DEF}: the client can neither read nor
     * change the state. The default, because form data is usually personal data.
     */
    JWE,
    /** Compact JWS, {@code HS256}: the client can read the state (base64url JSON) but not change it. */
    JWS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code jwe} or {@code jws}; anything else is a configuration error naming {@code token.format}. */
    public static TokenFormat fromWire(String name) {
        for (TokenFormat format : values()) {
            if (format.wireName().equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException("token.format must be jwe or jws, was '" + name + "'");
    }
}
