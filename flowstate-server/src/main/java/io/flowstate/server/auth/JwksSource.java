package io.flowstate.server.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.flowstate.server.config.ConfigException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON Web Key Set of {@code auth.jwks}, read from a file or fetched from an http(s) URL, kept for
 * {@code auth.jwksRefresh} and then read again. A token whose {@code kid} is not in the set makes it read again at
 * once (keys rotate), at most once per {@link #MIN_RELOAD_INTERVAL}, so unknown kids cannot make us hammer the
 * key server. When a reload fails, the keys already held stay in use and the failure is logged.
 */
final class JwksSource {
    private static final Logger LOG = LoggerFactory.getLogger(JwksSource.class);
    static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(10);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final String location;
    private final Duration refresh;
    private final Clock clock;
    private final @Nullable HttpClient http;
    private JWKSet keys = new JWKSet();
    private Instant loadedAt = Instant.MIN;
    private Instant triedAt = Instant.MIN;

    /**
     * Reads the set once.
     *
     * @throws ConfigException when the set cannot be read or parsed at start
     */
    JwksSource(String location, boolean url, Duration refresh, Clock clock) {
        this.location = location;
        this.refresh = refresh;
        this.clock = clock;
        this.http = url ? HttpClient.newBuilder().connectTimeout(FETCH_TIMEOUT).build() : null;
        try {
            reload();
        } catch (IOException | ParseException e) {
            throw new ConfigException("auth.jwks: cannot read the key set at '" + location + "': " + e.getMessage(), e);
        }
    }

    /** The key with {@code kid}, reading the set again when it is stale or lacks the kid. */
    synchronized @Nullable JWK key(String kid) {
        Instant now = clock.instant();
        boolean mayTry = now.isAfter(triedAt.plus(MIN_RELOAD_INTERVAL)); // also after a failed read
        if (now.isAfter(loadedAt.plus(refresh)) && mayTry) {
            tryReload(now);
        }
        JWK key = keys.getKeyByKeyId(kid);
        if (key == null && now.isAfter(triedAt.plus(MIN_RELOAD_INTERVAL))) { // triedAt may have moved just now
            tryReload(now);
            key = keys.getKeyByKeyId(kid);
        }
        return key;
    }

    private void tryReload(Instant now) {
        triedAt = now;
        try {
            reload();
        } catch (IOException | ParseException | RuntimeException e) {
            LOG.warn("auth.jwks: reading the key set at {} failed; keeping the {} key(s) held", location,
                    keys.size(), e);
        }
    }

    private void reload() throws IOException, ParseException {
        String text;
        if (http == null) {
            text = Files.readString(Path.of(location));
        } else {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(location))
                        .timeout(FETCH_TIMEOUT).header("Accept", "application/json").GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("HTTP " + response.statusCode());
                }
                text = response.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        JWKSet parsed = JWKSet.parse(text);
        keys = parsed.toPublicJWKSet();
        loadedAt = clock.instant();
        triedAt = loadedAt;
    }
}
