package io.flowstate.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.flowstate.server.config.AuthConfig;
import io.flowstate.server.testkit.FlowstateServerExtension;
import io.flowstate.server.testkit.Http;
import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.StoreKind;
import io.flowstate.testkit.MutableClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code auth.jwks} as a URL: the key set is fetched at start, kept for {@code auth.jwksRefresh}, fetched again at
 * once (but at most every 10 s) for a token of an unknown kid, and kept when the key server stops answering.
 */
class JwksUrlIT {

    static final AtomicReference<String> SERVED = new AtomicReference<>();
    static final AtomicInteger FETCHES = new AtomicInteger();
    static final RSAKey FIRST = key("rsa-1");
    static final RSAKey SECOND = key("rsa-2");
    static final HttpServer KEYS = keyServer();

    @RegisterExtension
    static final FlowstateServerExtension SERVER = new FlowstateServerExtension(
            ServerSetup.of("src/test/resources/auth-flows").withStore(StoreKind.MEMORY).withMutableClock()
                    .withConfig(config -> config.withAuth(AuthConfig.jwt("http://127.0.0.1:"
                            + KEYS.getAddress().getPort() + "/jwks.json", TestIssuer.ISSUER, TestIssuer.AUDIENCE))));

    @AfterAll
    static void stopKeyServer() {
        KEYS.stop(0);
    }

    @Test
    void keysAreFetchedOnceThenAgainForANewKidAndKeptWhenTheKeyServerFails() {
        Http http = SERVER.http();
        MutableClock clock = SERVER.instance().mutableClock();
        assertThat(FETCHES.get()).isEqualTo(1);
        assertThat(start(http, FIRST, clock)).isEqualTo(201);
        assertThat(FETCHES.get()).isEqualTo(1); // cached

        SERVED.set(new JWKSet(List.of(FIRST.toPublicJWK(), SECOND.toPublicJWK())).toString());
        assertThat(start(http, SECOND, clock)).isEqualTo(401); // within 10 s of the last fetch: not fetched again
        assertThat(FETCHES.get()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(11));
        assertThat(start(http, SECOND, clock)).isEqualTo(201); // an unknown kid fetches the rotated set
        assertThat(FETCHES.get()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(6)); // past auth.jwksRefresh (5 min)
        assertThat(start(http, FIRST, clock)).isEqualTo(201);
        assertThat(FETCHES.get()).isEqualTo(3);

        SERVED.set(null); // the key server fails (500)
        clock.advance(Duration.ofMinutes(6));
        assertThat(start(http, FIRST, clock)).isEqualTo(201); // the keys held stay in use
        assertThat(FETCHES.get()).isEqualTo(4);
    }

    private static int start(Http http, RSAKey key, MutableClock clock) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject("erin").issuer(TestIssuer.ISSUER)
                .audience(TestIssuer.AUDIENCE).expirationTime(Date.from(now.plusSeconds(60))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return http.post("/workflow/start", "{\"flow\": \"signup\"}", "Authorization", "Bearer "
                    + jwt.serialize()).status();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey key(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer keyServer() {
        SERVED.set(new JWKSet(FIRST.toPublicJWK()).toString());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks.json", exchange -> {
                FETCHES.incrementAndGet();
                String body = SERVED.get();
                byte[] bytes = (body == null ? "{}" : body).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(body == null ? 500 : 200, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
