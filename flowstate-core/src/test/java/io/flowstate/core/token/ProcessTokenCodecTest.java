package io.flowstate.core.token;

import io.flowstate.core.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jwt.JWTClaimsSet;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProcessStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.List;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProcessTokenCodecTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.750Z");
    private static final String SECRET = TokenKeys.newSecret();

    private final SettableClock clock = new SettableClock(NOW);

    private ProcessTokenCodec codec(TokenFormat format) {
        return new ProcessTokenCodec(TokenConfig.defaults(TokenKeys.fromBase64("k1", SECRET)).withFormat(format), clock);
    }

    private static EncodeResult.Issued issued(EncodeResult result) {
        assertThat(result).isInstanceOf(EncodeResult.Issued.class);
        return (EncodeResult.Issued) result;
    }

    private static TokenClaims verified(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Verified.class);
        return ((DecodeResult.Verified) result).claims();
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void roundTripsAProcessToAnEqualInstance(TokenFormat format) {
        // given
        ProcessInstance process = Processes.waiting("signup",
                "{\"name\":\"Zoë\",\"age\":41,\"tags\":[\"a\",null,true],\"address\":{\"city\":\"Graz\"}}");

        // when
        EncodeResult.Issued issued = issued(codec(format).encode(process));
        TokenClaims claims = verified(codec(format).decode(issued.token(), "signup"));

        // then
        assertThat(claims.process()).isEqualTo(process);
        assertThat(claims).isEqualTo(issued.claims());
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void roundTripsEndedProcessesWithResultAndError(TokenFormat format) {
        // given
        ProcessInstance waiting = Processes.waiting("signup", "{\"n\":1}");
        ProcessInstance completed = new ProcessInstance(waiting.processId(), "signup", null, ProcessStatus.COMPLETED,
                7, null, waiting.state(), Processes.state("{\"approved\":true}"), null, waiting.createdAt(),
                waiting.updatedAt(), waiting.expiresAt());
        ProcessInstance failed = new ProcessInstance(waiting.processId(), "signup", "v2", ProcessStatus.FAILED, 8,
                null, waiting.state(), TextNode.valueOf("partial"),
                new Problem("script_timeout", "Script timed out", "step 'score' ran longer than 2 s", "score"),
                waiting.createdAt(), waiting.updatedAt(), waiting.expiresAt());

        // when / then
        for (ProcessInstance process : List.of(completed, failed)) {
            String token = issued(codec(format).encode(process)).token();
            assertThat(verified(codec(format).decode(token, null)).process()).isEqualTo(process);
        }
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void keepsNumbersThatADoubleWouldChange(TokenFormat format) {
        // given: values a Long/Double-based JSON mapping (such as Nimbus's) would alter
        ProcessInstance process = Processes.waiting("loan", "{\"id\":9007199254740993,"
                + "\"amount\":123456789012345678901234567890,\"pi\":3.14159265358979323846264338327950288,"
                + "\"tiny\":1E-30}");

        // when
        String token = issued(codec(format).encode(process)).token();

        // then
        TokenClaims claims = verified(codec(format).decode(token, "loan"));
        assertThat(claims.process().state()).isEqualTo(process.state());
        assertThat(claims.process().state().toString()).isEqualTo(process.state().toString());
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void roundTripsAStateNestedAsDeepAsTheParserAllows(TokenFormat format) {
        // given: 64 levels, the most a request body may have
        String deep = "{\"a\":".repeat(63) + "{}" + "}".repeat(63);
        ProcessInstance process = Processes.waiting("deep", deep);

        // when
        String token = issued(codec(format).encode(process)).token();

        // then
        assertThat(verified(codec(format).decode(token, "deep")).process()).isEqualTo(process);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void issuesTokensForTheConfiguredTtlFromTheInjectedClock(TokenFormat format) {
        // given
        ProcessInstance process = Processes.waiting("signup", "{}");

        // when
        TokenClaims claims = issued(codec(format).encode(process)).claims();

        // then: NumericDate granularity, so whole seconds
        assertThat(claims.issuedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(claims.expiresAt()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(claims.notBefore()).isNull();
        assertThat(claims.tokenId()).matches("[A-Za-z0-9_-]{22}");
    }

    @Test
    void capsTheTokenExpiryAtTheProcessExpiry() {
        // given: a process that expires in one hour, under a 24 h token TTL
        ProcessInstance base = Processes.waiting("signup", "{}");
        ProcessInstance process = new ProcessInstance(base.processId(), "signup", null, ProcessStatus.WAITING, 1,
                "address", base.state(), null, null, base.createdAt(), base.updatedAt(),
                NOW.plus(Duration.ofHours(1)));
        ProcessTokenCodec codec = codec(TokenFormat.JWE);

        // when
        EncodeResult.Issued issued = issued(codec.encode(process));

        // then
        assertThat(issued.claims().expiresAt()).isEqualTo(Instant.parse("2026-03-01T11:00:00Z"));
        clock.advance(Duration.ofMinutes(61));
        assertThat(codec.decode(issued.token(), null)).isInstanceOf(DecodeResult.Rejected.class);
    }

    @Test
    void givesEveryTokenItsOwnIdAndIv() {
        // given
        ProcessTokenCodec codec = codec(TokenFormat.JWE);
        ProcessInstance process = Processes.waiting("signup", "{\"a\":1}");

        // when
        Set<String> tokens = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            EncodeResult.Issued issued = issued(codec.encode(process));
            tokens.add(issued.token());
            ids.add(issued.claims().tokenId());
        }

        // then
        assertThat(tokens).hasSize(50);
        assertThat(ids).hasSize(50);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void writesTheTokenHeaderItDocuments(TokenFormat format) {
        // when
        String token = issued(codec(format).encode(Processes.waiting("signup", "{}"))).token();

        // then
        String header = TokenForge.headerJson(token);
        if (format == TokenFormat.JWE) {
            assertThat(header).contains("\"alg\":\"dir\"", "\"enc\":\"A256GCM\"", "\"zip\":\"DEF\"",
                    "\"kid\":\"k1\"", "\"typ\":\"fsp+jwt\"");
        } else {
            assertThat(header).contains("\"alg\":\"HS256\"", "\"kid\":\"k1\"", "\"typ\":\"fsp+jwt\"");
        }
    }

    @Test
    void jweTokenOpensWithAnyJoseLibraryGivenTheConfiguredSecret() throws Exception {
        // given
        ProcessInstance process = Processes.waiting("signup", "{\"email\":\"a@example.com\"}");
        String token = issued(codec(TokenFormat.JWE).encode(process)).token();

        // when: plain Nimbus, the configured 256-bit secret used as the key as it is
        JWEObject jwe = JWEObject.parse(token);
        jwe.decrypt(new DirectDecrypter(Base64.getDecoder().decode(SECRET)));
        JWTClaimsSet claims = JWTClaimsSet.parse(jwe.getPayload().toString());

        // then: a standard JWT claims set
        assertThat(claims.getSubject()).isEqualTo(process.processId().toString());
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(Instant.parse("2026-03-02T10:00:00Z")));
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("flow")).isEqualTo("signup");
    }

    @Test
    void jwsTokenShowsItsClaimsToTheClient() throws Exception {
        // given
        ProcessInstance process = Processes.waiting("signup", "{\"email\":\"a@example.com\"}");

        // when
        String token = issued(codec(TokenFormat.JWS).encode(process)).token();

        // then: signed, not encrypted: the state is readable (documented)
        assertThat(JWSObject.parse(token).getPayload().toString()).contains("a@example.com");
    }

    @Test
    void derivesTheEncryptionKeyFromSecretsLongerThan256Bits() {
        // given: a 512-bit secret
        byte[] secret = new byte[64];
        new java.security.SecureRandom().nextBytes(secret);
        TokenKeys keys = TokenKeys.fromBase64("long", Base64.getEncoder().encodeToString(secret));
        ProcessTokenCodec codec = new ProcessTokenCodec(TokenConfig.defaults(keys), clock);
        ProcessInstance process = Processes.waiting("signup", "{\"x\":1}");

        // when
        String token = issued(codec.encode(process)).token();

        // then
        assertThat(verified(codec.decode(token, "signup")).process()).isEqualTo(process);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void acceptsATokenUntilTheSecondOfItsExpiry(TokenFormat format) {
        // given
        ProcessTokenCodec codec = codec(format);
        String token = issued(codec.encode(Processes.waiting("signup", "{}"))).token();

        // when / then: exp is 2026-03-02T10:00:00Z, no leeway
        clock.set(Instant.parse("2026-03-02T09:59:59.999Z"));
        assertThat(codec.decode(token, "signup")).isInstanceOf(DecodeResult.Verified.class);
        clock.set(Instant.parse("2026-03-02T10:00:00Z"));
        assertThat(codec.decode(token, "signup")).isInstanceOf(DecodeResult.Rejected.class);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void honoursNotBeforeWhenACallerAsksForIt(TokenFormat format) {
        // given
        ProcessTokenCodec codec = codec(format);
        Instant notBefore = NOW.plus(Duration.ofMinutes(5));

        // when
        EncodeResult.Issued issued = issued(codec.encode(Processes.waiting("signup", "{}"), notBefore));

        // then
        assertThat(issued.claims().notBefore()).isEqualTo(Instant.parse("2026-03-01T10:05:00Z"));
        assertThat(codec.decode(issued.token(), "signup")).isInstanceOf(DecodeResult.Rejected.class);
        clock.advance(Duration.ofMinutes(5));
        assertThat(verified(codec.decode(issued.token(), "signup")).notBefore()).isEqualTo(issued.claims().notBefore());
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void encodesAndDecodesConcurrentlyWithOneSharedCodec(TokenFormat format) throws Exception {
        // given
        ProcessTokenCodec codec = codec(format);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // when
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ProcessInstance process = Processes.waiting("signup", "{\"i\":" + i + "}");
                results.add(pool.submit(() -> {
                    String token = ((EncodeResult.Issued) codec.encode(process)).token();
                    return codec.decode(token, "signup") instanceof DecodeResult.Verified v
                            && v.claims().process().equals(process);
                }));
            }

            // then
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
