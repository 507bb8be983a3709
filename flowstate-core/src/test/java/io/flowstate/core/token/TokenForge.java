package io.flowstate.core.token;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.Base64URL;
import io.flowstate.core.process.ProcessInstance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.function.UnaryOperator;

/**
 * Mints tokens the way an attacker (or a careless other service) would: arbitrary headers, arbitrary keys,
 * arbitrary claims. Built on Nimbus directly so the codec under test is not involved in forging.
 */
final class TokenForge {

    private TokenForge() {
    }

    /** The claims payload the codec itself would write for {@code process}. */
    static byte[] payload(ProcessInstance process, Instant issuedAt, Instant expiresAt, Instant notBefore) {
        return TokenPayload.write(new TokenClaims(process, "forged-jti", issuedAt, expiresAt, notBefore));
    }

    /** The JWE header the codec writes, for {@code kid}, for the caller to alter. */
    static JWEHeader.Builder jweHeader(String kid) {
        return new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .compressionAlgorithm(CompressionAlgorithm.DEF)
                .type(TokenEnvelope.TYPE)
                .keyID(kid);
    }

    static JWSHeader.Builder jwsHeader(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).type(TokenEnvelope.TYPE).keyID(kid);
    }

    static String jwe(JWEHeader header, byte[] payload, String base64Secret) {
        try {
            JWEObject jwe = new JWEObject(header, new Payload(payload));
            jwe.encrypt(new DirectEncrypter(Base64.getDecoder().decode(base64Secret)));
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jws(JWSHeader header, byte[] payload, String base64Secret) {
        try {
            JWSObject jws = new JWSObject(header, new Payload(payload));
            jws.sign(new MACSigner(Base64.getDecoder().decode(base64Secret)));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured JWS ({@code alg: none}, empty signature): RFC 7519 §6. */
    static String unsecured(String headerJson, byte[] payload) {
        return b64(headerJson.getBytes(StandardCharsets.UTF_8)) + "." + b64(payload) + ".";
    }

    /** Replaces the header segment of a compact token with {@code headerJson}, leaving the rest as it was. */
    static String withHeader(String token, String headerJson) {
        return b64(headerJson.getBytes(StandardCharsets.UTF_8)) + token.substring(token.indexOf('.'));
    }

    /** Decodes the header segment as JSON text. */
    static String headerJson(String token) {
        return new String(Base64URL.from(token.substring(0, token.indexOf('.'))).decode(), StandardCharsets.UTF_8);
    }

    /** Applies {@code change} to part {@code index} of a compact token. */
    static String withPart(String token, int index, UnaryOperator<String> change) {
        String[] parts = token.split("\\.", -1);
        parts[index] = change.apply(parts[index]);
        return String.join(".", parts);
    }

    /** Changes the character at {@code position} to another base64url character. */
    static String flipCharacter(String part, int position) {
        char[] chars = part.toCharArray();
        chars[position] = chars[position] == 'A' ? 'B' : 'A';
        return new String(chars);
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
