package io.flowstate.core.token;

import io.flowstate.core.testing.SettableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import io.flowstate.core.process.ProcessInstance;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The tamper suite of token mode at codec level: every case is one {@link DecodeResult.Rejected}. */
class TokenTamperTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String K1 = TokenKeys.newSecret();
    private static final String OTHER = TokenKeys.newSecret();

    private final SettableClock clock = new SettableClock(NOW);
    private final ProcessInstance process = Processes.waiting("flow-a", "{\"iban\":\"DE02120300000000202051\"}");
    private final byte[] payload = TokenForge.payload(process, NOW, NOW.plus(Duration.ofHours(1)), null);

    private ProcessTokenCodec codec(TokenFormat format) {
        return new ProcessTokenCodec(TokenConfig.defaults(TokenKeys.fromBase64("k1", K1)).withFormat(format), clock);
    }

    private String validToken(TokenFormat format) {
        return ((EncodeResult.Issued) codec(format).encode(process)).token();
    }

    private static String rejected(DecodeResult result) {
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        return ((DecodeResult.Rejected) result).reason();
    }

    @Test
    void forgedTokensOfTheCodecsOwnShapeAreAcceptedSoTheCasesBelowTestOneChangeEach() {
        assertThat(codec(TokenFormat.JWE).decode(TokenForge.jwe(TokenForge.jweHeader("k1").build(), payload, K1),
                "flow-a")).isInstanceOf(DecodeResult.Verified.class);
        assertThat(codec(TokenFormat.JWS).decode(TokenForge.jws(TokenForge.jwsHeader("k1").build(), payload, K1),
                "flow-a")).isInstanceOf(DecodeResult.Verified.class);
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesEveryOneCharacterChangeInEveryPart(TokenFormat format) {
        // given
        ProcessTokenCodec codec = codec(format);
        String token = validToken(format);
        String[] parts = token.split("\\.", -1);

        // when / then: header, [encrypted key,] iv, ciphertext, tag for JWE; header, payload, signature for JWS
        int checked = 0;
        for (int part = 0; part < parts.length; part++) {
            for (int position = 0; position < parts[part].length(); position++) {
                int p = position;
                String changed = TokenForge.withPart(token, part, s -> TokenForge.flipCharacter(s, p));
                assertThat(codec.decode(changed, "flow-a"))
                        .as("part %d, character %d", part, position)
                        .isInstanceOf(DecodeResult.Rejected.class);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(token.length() - (parts.length - 1));
    }

    @Test
    void refusesAJweWithAnEncryptedKeyInsertedForDirectEncryption() {
        String token = validToken(TokenFormat.JWE);
        String changed = TokenForge.withPart(token, 1, empty -> "AAAAAAAAAAAAAAAAAAAAAA");
        rejected(codec(TokenFormat.JWE).decode(changed, "flow-a"));
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesAlgNone(TokenFormat format) {
        ProcessTokenCodec codec = codec(format);
        // a plain unsecured JWT
        rejected(codec.decode(TokenForge.unsecured("{\"alg\":\"none\",\"kid\":\"k1\",\"typ\":\"fsp+jwt\"}", payload),
                "flow-a"));
        // a valid token whose header now says none (signature / tag kept)
        String none = TokenForge.withHeader(validToken(format), "{\"alg\":\"none\",\"kid\":\"k1\",\"typ\":\"fsp+jwt\"}");
        rejected(codec.decode(none, "flow-a"));
        // the five-part shape with alg none
        rejected(codec.decode(TokenForge.withHeader(validToken(TokenFormat.JWE),
                "{\"alg\":\"none\",\"enc\":\"A256GCM\",\"kid\":\"k1\"}"), "flow-a"));
    }

    @Test
    void refusesAJwsWhereJweIsConfiguredAndTheReverse() {
        assertThat(rejected(codec(TokenFormat.JWE).decode(validToken(TokenFormat.JWS), "flow-a")))
                .contains("5 parts");
        assertThat(rejected(codec(TokenFormat.JWS).decode(validToken(TokenFormat.JWE), "flow-a")))
                .contains("3 parts");
    }

    @Test
    void refusesOtherJwsAlgorithms() {
        byte[] longKey = new byte[64];
        new java.security.SecureRandom().nextBytes(longKey);
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.HS384, JWSAlgorithm.HS512)) {
            String token = TokenForge.jws(new com.nimbusds.jose.JWSHeader.Builder(alg).type(TokenEnvelope.TYPE)
                    .keyID("k1").build(), payload, Base64.getEncoder().encodeToString(longKey));
            rejected(codec(TokenFormat.JWS).decode(token, "flow-a"));
        }
    }

    @Test
    void refusesOtherJweEncryptionSettingsEvenWithTheRightKey() {
        ProcessTokenCodec codec = codec(TokenFormat.JWE);
        // no compression
        rejected(codec.decode(TokenForge.jwe(TokenForge.jweHeader("k1").compressionAlgorithm(null).build(), payload, K1),
                "flow-a"));
        // another typ
        rejected(codec.decode(TokenForge.jwe(TokenForge.jweHeader("k1").type(com.nimbusds.jose.JOSEObjectType.JWT)
                .build(), payload, K1), "flow-a"));
        // A128GCM with half the key
        byte[] half = java.util.Arrays.copyOf(Base64.getDecoder().decode(K1), 16);
        rejected(codec.decode(TokenForge.jwe(new com.nimbusds.jose.JWEHeader.Builder(com.nimbusds.jose.JWEAlgorithm.DIR,
                com.nimbusds.jose.EncryptionMethod.A128GCM).type(TokenEnvelope.TYPE).keyID("k1").build(), payload,
                Base64.getEncoder().encodeToString(half)), "flow-a"));
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesAnUnknownOrMissingKid(TokenFormat format) {
        ProcessTokenCodec codec = codec(format);
        String unknown = format == TokenFormat.JWE
                ? TokenForge.jwe(TokenForge.jweHeader("k9").build(), payload, K1)
                : TokenForge.jws(TokenForge.jwsHeader("k9").build(), payload, K1);
        assertThat(rejected(codec.decode(unknown, "flow-a"))).contains("unknown kid 'k9'");
        String missing = format == TokenFormat.JWE
                ? TokenForge.jwe(TokenForge.jweHeader(null).build(), payload, K1)
                : TokenForge.jws(TokenForge.jwsHeader(null).build(), payload, K1);
        assertThat(rejected(codec.decode(missing, "flow-a"))).contains("no kid");
    }

    @Test
    void refusesTokensCarryingKeysOrKeyLocationsInTheirHeader() throws Exception {
        ProcessTokenCodec jws = codec(TokenFormat.JWS);
        ProcessTokenCodec jwe = codec(TokenFormat.JWE);
        RSAKey attackerKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        URI url = URI.create("https://attacker.invalid/keys");

        // the classic attack: sign with your own key and ship its public half in the header
        JWSObject embedded = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.RS256).type(TokenEnvelope.TYPE)
                .keyID("k1").jwk(attackerKey.toPublicJWK()).build(), new Payload(payload));
        embedded.sign(new RSASSASigner(attackerKey));
        assertThat(rejected(jws.decode(embedded.serialize(), "flow-a"))).contains("'jwk'");
        // the same header on an HS256 token signed with our key
        assertThat(rejected(jws.decode(TokenForge.jws(TokenForge.jwsHeader("k1").jwk(attackerKey.toPublicJWK())
                .build(), payload, K1), "flow-a"))).contains("'jwk'");
        // even correctly signed with our key, a token that points elsewhere is not ours
        assertThat(rejected(jws.decode(TokenForge.jws(TokenForge.jwsHeader("k1").jwkURL(url).build(), payload, K1),
                "flow-a"))).contains("'jku'");
        assertThat(rejected(jws.decode(TokenForge.jws(TokenForge.jwsHeader("k1").x509CertURL(url).build(), payload, K1),
                "flow-a"))).contains("'x5u'");
        assertThat(rejected(jwe.decode(TokenForge.jwe(TokenForge.jweHeader("k1").jwkURL(url).build(), payload, K1),
                "flow-a"))).contains("'jku'");
        assertThat(rejected(jwe.decode(TokenForge.jwe(TokenForge.jweHeader("k1").jwk(attackerKey.toPublicJWK())
                .build(), payload, K1), "flow-a"))).contains("'jwk'");
        assertThat(rejected(jwe.decode(TokenForge.jwe(TokenForge.jweHeader("k1").x509CertChain(
                List.of(com.nimbusds.jose.util.Base64.encode("cert"))).build(), payload, K1), "flow-a")))
                .contains("'x5c'");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesCriticalAndUnknownHeaderParameters(TokenFormat format) {
        ProcessTokenCodec codec = codec(format);
        String crit = format == TokenFormat.JWE
                ? TokenForge.jwe(TokenForge.jweHeader("k1").criticalParams(Set.of("exp")).customParam("exp", 1).build(),
                payload, K1)
                : TokenForge.jws(TokenForge.jwsHeader("k1").criticalParams(Set.of("x-must"))
                .customParam("x-must", 1).build(), payload, K1);
        assertThat(rejected(codec.decode(crit, "flow-a"))).contains("'crit'");
        String custom = format == TokenFormat.JWE
                ? TokenForge.jwe(TokenForge.jweHeader("k1").customParam("x-debug", true).build(), payload, K1)
                : TokenForge.jws(TokenForge.jwsHeader("k1").customParam("x-debug", true).build(), payload, K1);
        assertThat(rejected(codec.decode(custom, "flow-a"))).contains("'x-debug'");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesAnExpiredToken(TokenFormat format) {
        ProcessTokenCodec codec = codec(format);
        String token = validToken(format);
        clock.advance(Duration.ofHours(24));
        assertThat(rejected(codec.decode(token, "flow-a"))).startsWith("expired at");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesATokenWhoseNotBeforeIsInTheFuture(TokenFormat format) {
        byte[] later = TokenForge.payload(process, NOW, NOW.plus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(1)));
        String token = format == TokenFormat.JWE
                ? TokenForge.jwe(TokenForge.jweHeader("k1").build(), later, K1)
                : TokenForge.jws(TokenForge.jwsHeader("k1").build(), later, K1);
        assertThat(rejected(codec(format).decode(token, "flow-a"))).startsWith("not valid before");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesATokenMintedWithAKeyNotInTheList(TokenFormat format) {
        // same kid, another secret: the tag or signature fails
        String token = format == TokenFormat.JWE
                ? TokenForge.jwe(TokenForge.jweHeader("k1").build(), payload, OTHER)
                : TokenForge.jws(TokenForge.jwsHeader("k1").build(), payload, OTHER);
        rejected(codec(format).decode(token, "flow-a"));
        // a whole other deployment's codec
        ProcessTokenCodec stranger = new ProcessTokenCodec(
                TokenConfig.defaults(TokenKeys.fromBase64("k1", OTHER)).withFormat(format), clock);
        String theirs = ((EncodeResult.Issued) stranger.encode(process)).token();
        rejected(codec(format).decode(theirs, "flow-a"));
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesATokenOfFlowAPresentedForFlowB(TokenFormat format) {
        ProcessTokenCodec codec = codec(format);
        String token = validToken(format);
        assertThat(rejected(codec.decode(token, "flow-b"))).contains("'flow-a'", "'flow-b'");
        assertThat(codec.decode(token, "flow-a")).isInstanceOf(DecodeResult.Verified.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "Bearer x", "garbage", "....", "a.b.c.d.e", "a.b.c", "e30.e30.",
            "eyJhbGciOiJkaXIifQ....", "AAAA.AAAA.AAAA.AAAA.AAAA", "eyJ9.e30.e30.e30.e30", "=.=.=.=.=",
            "ey\nJ.a.b.c.d", "a.b.c.d.e.f", "A.A.A.A.A"})
    void refusesGarbageAndEmptyValues(String value) {
        for (TokenFormat format : TokenFormat.values()) {
            rejected(codec(format).decode(value, "flow-a"));
        }
    }

    @Test
    void refusesANullToken() {
        assertThat(rejected(codec(TokenFormat.JWE).decode(null, null))).isEqualTo("empty token");
    }

    @Test
    void refusesTokensWithTrailingBitsSoNoTwoStringsAreTheSameToken() {
        // "AB" and "AA" both decode to the byte 0x00 in a lenient decoder; only the canonical "AA" is accepted
        String token = validToken(TokenFormat.JWS);
        String signature = token.substring(token.lastIndexOf('.') + 1); // 43 characters: 2 unused bits at the end
        char last = signature.charAt(signature.length() - 1);
        String alias = token.substring(0, token.length() - 1) + (char) (last + 1);
        assertThat(Base64URL.from(alias.substring(alias.lastIndexOf('.') + 1)).decode())
                .isEqualTo(Base64URL.from(signature).decode());
        assertThat(rejected(codec(TokenFormat.JWS).decode(alias, "flow-a"))).contains("canonical");
    }

    @ParameterizedTest
    @EnumSource(TokenFormat.class)
    void refusesA100KilobyteHeaderBeforeDecodingIt(TokenFormat format) {
        // given: a valid token behind a 100 KB header
        String huge = TokenForge.b64(("{\"alg\":\"dir\",\"pad\":\"" + "x".repeat(100_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String token = huge + validToken(format).substring(validToken(format).indexOf('.'));

        // when / then: refused on length alone
        assertThat(rejected(codec(format).decode(token, "flow-a"))).contains("longer than the 12288 accepted");
    }

    @Test
    void refusesClaimsThatDoNotDescribeAProcessEvenWhenAuthentic() {
        ProcessTokenCodec codec = codec(TokenFormat.JWS);
        byte[] noState = "{\"sub\":\"x\",\"exp\":9999999999}".getBytes(StandardCharsets.UTF_8);
        byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
        byte[] badId = new String(payload, StandardCharsets.UTF_8).replace(process.processId().toString(), "nope")
                .getBytes(StandardCharsets.UTF_8);
        for (byte[] claims : List.of(noState, notJson, badId)) {
            rejected(codec.decode(TokenForge.jws(TokenForge.jwsHeader("k1").build(), claims, K1), "flow-a"));
        }
    }

    @Test
    void neverPutsStateValuesOrSecretsIntoTheReason() {
        ProcessTokenCodec codec = codec(TokenFormat.JWE);
        String token = validToken(TokenFormat.JWE);
        clock.advance(Duration.ofDays(2));
        String reason = rejected(codec.decode(token, "flow-b"));
        assertThat(reason).doesNotContain("DE02120300000000202051").doesNotContain(K1);
    }
}
