package io.flowstate.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.wire.ProblemException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Verifies a bearer JWT: signed with RS256, ES256 (P-256) or EdDSA (Ed25519) by a key of the JWKS named by its
 * {@code kid}; {@code iss} equal to {@code auth.issuer}; {@code aud} containing {@code auth.audience}; {@code exp}
 * present and {@code nbf} (if any) respected, each with {@code auth.clockSkew}; a non-empty {@code sub}. Anything
 * else — unsigned ({@code alg: none}), encrypted, another algorithm, an unknown kid, a key of the wrong type — is
 * refused with 401 {@code invalid_credentials}.
 */
final class JwtVerifier {

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256,
            JWSAlgorithm.EdDSA);
    /** DER prefix of an X.509 SubjectPublicKeyInfo of an Ed25519 key; the 32 raw key bytes follow. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
            0x21, 0x00};

    private final JwksSource keys;
    private final String issuer;
    private final String audience;
    private final String adminScope;
    private final Duration skew;
    private final Clock clock;

    JwtVerifier(JwksSource keys, String issuer, String audience, String adminScope, Duration skew, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.adminScope = adminScope;
        this.skew = skew;
        this.clock = clock;
    }

    /** The caller the token names; throws 401 {@code invalid_credentials} when it is not valid. */
    Caller verify(String token) {
        JWT parsed;
        try {
            parsed = JWTParser.parse(token);
        } catch (ParseException e) {
            throw invalid("the bearer token is not a JWT");
        }
        if (!(parsed instanceof SignedJWT signed)) {
            throw invalid("the bearer token is not signed (alg none and encrypted tokens are not accepted)");
        }
        JWSAlgorithm algorithm = signed.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(algorithm)) {
            throw invalid("the bearer token is signed with " + algorithm + "; accepted are RS256, ES256 and EdDSA");
        }
        String kid = signed.getHeader().getKeyID();
        JWK key = kid == null ? null : keys.key(kid);
        if (key == null) {
            throw invalid("the bearer token's key (kid) is not in the key set");
        }
        if (!verifies(signed, algorithm, key)) {
            throw invalid("the bearer token's signature does not verify");
        }
        JWTClaimsSet claims;
        try {
            claims = signed.getJWTClaimsSet();
        } catch (ParseException e) {
            throw invalid("the bearer token's claims are not a JSON object");
        }
        checkClaims(claims);
        return new Caller(claims.getSubject(), scopes(claims).contains(adminScope), false);
    }

    private void checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        if (!issuer.equals(claims.getIssuer())) {
            throw invalid("the bearer token is of another issuer");
        }
        List<String> audiences = claims.getAudience();
        if (audiences == null || !audiences.contains(audience)) {
            throw invalid("the bearer token is for another audience");
        }
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            throw invalid("the bearer token has no expiry (exp)");
        }
        if (!now.isBefore(expires.toInstant().plus(skew))) {
            throw invalid("the bearer token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(skew))) {
            throw invalid("the bearer token is not valid yet (nbf)");
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw invalid("the bearer token names no subject (sub)");
        }
    }

    private static boolean verifies(SignedJWT signed, JWSAlgorithm algorithm, JWK key) {
        try {
            if (algorithm.equals(JWSAlgorithm.RS256) && key instanceof RSAKey rsa) {
                return signed.verify(new RSASSAVerifier(rsa));
            }
            if (algorithm.equals(JWSAlgorithm.ES256) && key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                return signed.verify(new ECDSAVerifier(ec));
            }
            if (algorithm.equals(JWSAlgorithm.EdDSA) && key instanceof OctetKeyPair okp
                    && Curve.Ed25519.equals(okp.getCurve())) {
                return ed25519(signed, okp);
            }
            return false; // the key is not of the token's algorithm
        } catch (JOSEException | GeneralSecurityException | IllegalStateException e) {
            return false;
        }
    }

    /** EdDSA with the JDK's own Ed25519 (no extra crypto library). */
    private static boolean ed25519(SignedJWT signed, OctetKeyPair okp) throws GeneralSecurityException {
        byte[] raw = okp.getX().decode();
        byte[] spki = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(signed.getSigningInput());
        return signature.verify(signed.getSignature().decode());
    }

    /** The scopes of {@code scope} (space-separated) and {@code scp} (a string or a list). */
    private static Set<String> scopes(JWTClaimsSet claims) {
        java.util.HashSet<String> scopes = new java.util.HashSet<>();
        for (String name : List.of("scope", "scp")) {
            Object value = claims.getClaim(name);
            if (value instanceof String text) {
                scopes.addAll(Arrays.asList(text.trim().split("\\s+")));
            } else if (value instanceof List<?> list) {
                list.forEach(item -> scopes.add(String.valueOf(item)));
            }
        }
        return scopes;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_CREDENTIALS, detail);
    }
}
