package io.flowstate.server.session;

import io.flowstate.server.config.SessionConfig;
import io.helidon.webserver.http.ServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two cookies of session mode and the switch. {@value #SESSION} is {@code <id>.<expiry>.<mac>}: a random 256-bit
 * id, the second at which it lapses (renewed by every answer, {@code session.idleTtl} ahead) and an HMAC-SHA-256 of
 * both under the key every instance reads from the store. A value the server did not sign, or one past its expiry,
 * is no session at all, so a forged or stale cookie starts a fresh session and never reaches another's runs.
 * {@value #BROWSER} is a random id that only picks this browser's side of the rollout; forging it chooses nothing but
 * one's own mode.
 */
final class SessionCookies {

    static final String SESSION = "flowstate_session";
    static final String BROWSER = "flowstate_browser";
    private static final Duration BROWSER_LIFETIME = Duration.ofDays(365);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final int MAC_BYTES = 16;

    private final SessionKeys keys;
    private final Clock clock;
    private final SessionConfig config;
    private final SecureRandom random = new SecureRandom();

    SessionCookies(SessionKeys keys, Clock clock, SessionConfig config) {
        this.keys = keys;
        this.clock = clock;
        this.config = config;
    }

    /** The id of the session the request's cookie names, when the server signed it and it has not lapsed. */
    Optional<String> session(ServerRequest request) {
        return cookie(request, SESSION).flatMap(this::verify);
    }

    /** The browser id of the request's cookie, when it has one that looks like ours. */
    static Optional<String> browser(ServerRequest request) {
        return cookie(request, BROWSER).filter(value -> value.matches("[A-Za-z0-9_-]{16,64}"));
    }

    /** A new random id: 256 bits for a session, 128 for a browser. */
    String newId(int bytes) {
        byte[] id = new byte[bytes];
        random.nextBytes(id);
        return BASE64.encodeToString(id);
    }

    /** The {@code Set-Cookie} value that (re)issues session {@code id} for another {@code session.idleTtl}. */
    String sessionCookie(String id) {
        long expiry = clock.instant().plus(config.idleTtl()).getEpochSecond();
        String value = id + "." + expiry + "." + mac(id + "." + expiry);
        return attributes(SESSION + "=" + value, config.idleTtl());
    }

    /** The {@code Set-Cookie} value of a browser id, kept for a year. */
    String browserCookie(String id) {
        return attributes(BROWSER + "=" + id, BROWSER_LIFETIME);
    }

    private String attributes(String pair, Duration maxAge) {
        return pair + "; Path=/; Max-Age=" + maxAge.toSeconds() + "; HttpOnly; SameSite=Lax"
                + (config.secureCookie() ? "; Secure" : "");
    }

    private Optional<String> verify(String value) {
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !parts[0].matches("[A-Za-z0-9_-]{43}") || !parts[1].matches("[0-9]{1,12}")) {
            return Optional.empty();
        }
        byte[] expected = mac(parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Long.parseLong(parts[1]) > clock.instant().getEpochSecond() ? Optional.of(parts[0]) : Optional.empty();
    }

    private String mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.key(), "HmacSHA256"));
            byte[] full = mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
            return BASE64.encodeToString(Arrays.copyOf(full, MAC_BYTES));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static Optional<String> cookie(ServerRequest request, String name) {
        return request.headers().cookies().first(name).asOptional();
    }
}
