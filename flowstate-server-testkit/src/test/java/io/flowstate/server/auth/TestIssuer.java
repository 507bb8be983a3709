package io.flowstate.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * An identity provider for tests: an RSA, a P-256 and an Ed25519 key generated on the spot, their public JWKS written
 * to a file, and tokens signed with any of them (or unsigned, or by a key the set does not hold).
 */
public final class TestIssuer {

    public static final String ISSUER = "https://issuer.test";
    public static final String AUDIENCE = "flowstate";

    private final RSAKey rsa;
    private final ECKey ec;
    private final RSAKey stranger;
    private final KeyPair ed25519;
    private final OctetKeyPair ed25519Public;
    private final Path jwks;

    public TestIssuer() {
        try {
            rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
            ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
            stranger = new RSAKeyGenerator(2048).keyID("not-in-the-set").generate();
            ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = ed25519.getPublic().getEncoded();
            ed25519Public = new OctetKeyPair.Builder(Curve.Ed25519,
                    Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length))).keyID("ed-1").build();
            jwks = Files.createTempFile("flowstate-jwks", ".json");
            jwks.toFile().deleteOnExit();
            Files.writeString(jwks, new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK(), ed25519Public))
                    .toString(true));
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path jwks() {
        return jwks;
    }

    /** Claims valid for five minutes from now, for {@code subject}, with {@code scope} (may be empty). */
    static JWTClaimsSet.Builder claims(String subject, String scope) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
        return scope.isEmpty() ? claims : claims.claim("scope", scope);
    }

    /** An RS256 token of {@code subject}. */
    public String token(String subject) {
        return rs256(claims(subject, "").build());
    }

    /** An RS256 token of an admin. */
    public String admin(String subject) {
        return rs256(claims(subject, "openid flowstate:admin").build());
    }

    String rs256(JWTClaimsSet claims) {
        return sign(rsa, claims);
    }

    String rs256(String subject, UnaryOperator<JWTClaimsSet.Builder> change) {
        return rs256(change.apply(claims(subject, "")).build());
    }

    String es256(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(ec.getKeyID()).build(),
                    claims);
            jwt.sign(new ECDSASigner(ec));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** EdDSA signed with the JDK's Ed25519 (the signing input and signature are plain JWS compact form). */
    String eddsa(JWTClaimsSet claims) {
        try {
            String header = Base64URL.encode("{\"alg\":\"EdDSA\",\"kid\":\"ed-1\",\"typ\":\"JWT\"}").toString();
            String payload = Base64URL.encode(claims.toString()).toString();
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(ed25519.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + Base64URL.encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A well-formed token signed by a key whose kid is not in the set. */
    String unknownKid(String subject) {
        return sign(stranger, claims(subject, "flowstate:admin").build());
    }

    /** {@code alg: none}: the claims of an admin, no signature. */
    static String unsigned(String subject) {
        return new PlainJWT(claims(subject, "flowstate:admin").build()).serialize();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
