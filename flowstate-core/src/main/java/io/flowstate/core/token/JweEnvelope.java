package io.flowstate.core.token;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AESGCM;
import com.nimbusds.jose.crypto.impl.AuthenticatedCipherText;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.Container;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKey;

/**
 * Compact JWE, {@code alg=dir}, {@code enc=A256GCM}, {@code zip=DEF}: confidential and tamper-evident.
 *
 * <p>The header is built and, when it is not one this codec writes, parsed and checked by the JOSE library, and
 * the AES-GCM step is its {@link AESGCM}; the compact serialization around them is assembled here, because the
 * library's generic path cost more than the cryptography (profiled: its base64 codec, a level-8 compressor per
 * token, and a header re-serialized and re-parsed per token). What changes nothing on the wire:
 * <ul>
 *   <li>the sealing header is serialized once; the header of a token is compared with the headers this codec
 *       writes (one per kid) as text, and only a header that differs is parsed and checked field by field (the
 *       header text is the GCM additional data, so a token that passes the tag has exactly that header);</li>
 *   <li>base64url with the JDK's codec;</li>
 *   <li>DEFLATE at level 1 with pooled compressors ({@link RawDeflate}).</li>
 * </ul>
 */
final class JweEnvelope implements TokenEnvelope {

    private static final Set<String> ALLOWED_HEADER = Set.of("alg", "enc", "zip", "kid", "typ");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int IV_BYTES = AESGCM.IV_BIT_LENGTH / 8;
    private static final int TAG_BYTES = AESGCM.AUTH_TAG_BIT_LENGTH / 8;

    private final TokenKeys keys;
    private final int maxLength;
    private final SecretKey sealingKey;
    private final byte[] sealingHeader;
    /** The base64url header this codec writes for each kid, and that kid. */
    private final Map<String, String> knownHeaders = new HashMap<>();
    private final Map<String, SecretKey> keysByKid = new HashMap<>();

    JweEnvelope(TokenKeys keys, int maxLength) {
        this.keys = keys;
        this.maxLength = maxLength;
        for (String kid : keys.kids()) {
            knownHeaders.put(header(kid).toBase64URL().toString(), kid);
            keysByKid.put(kid, key(keys, kid));
        }
        this.sealingKey = key(keys, keys.signingKid());
        this.sealingHeader = header(keys.signingKid()).toBase64URL().toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static JWEHeader header(String kid) {
        return new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .compressionAlgorithm(CompressionAlgorithm.DEF)
                .type(TYPE)
                .keyID(kid)
                .build();
    }

    private static SecretKey key(TokenKeys keys, String kid) {
        SecretKey key = keys.encryptionKey(kid);
        if (key == null || key.getEncoded().length != 32) {
            throw new IllegalStateException("TokenKeys hands out 256-bit AES keys only");
        }
        return key;
    }

    @Override
    public String seal(byte[] payload) {
        byte[] iv = AESGCM.generateIV(RANDOM);
        AuthenticatedCipherText sealed;
        try {
            sealed = AESGCM.encrypt(sealingKey, new Container<>(iv), RawDeflate.compress(payload), sealingHeader,
                    null);
        } catch (JOSEException e) {
            throw new IllegalStateException("A256GCM encryption failed", e);
        }
        byte[] cipherText = sealed.getCipherText();
        byte[] tag = sealed.getAuthenticationTag();
        byte[] token = new byte[sealingHeader.length + 4 + encodedLength(iv.length)
                + encodedLength(cipherText.length) + encodedLength(tag.length)];
        System.arraycopy(sealingHeader, 0, token, 0, sealingHeader.length);
        int at = sealingHeader.length;
        token[at++] = '.';
        token[at++] = '.'; // dir: no encrypted key
        at = encodeInto(iv, token, at);
        token[at++] = '.';
        at = encodeInto(cipherText, token, at);
        token[at++] = '.';
        encodeInto(tag, token, at);
        return new String(token, StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] open(String token) throws TokenRejectedException {
        CompactToken.check(token, maxLength, 5, "JWE");
        int first = token.indexOf('.');
        int second = token.indexOf('.', first + 1);
        int third = token.indexOf('.', second + 1);
        int fourth = token.indexOf('.', third + 1);
        String headerPart = token.substring(0, first);
        String kid = knownHeaders.get(headerPart);
        if (kid == null) {
            kid = checkedKid(headerPart);
        }
        if (second != first + 1) {
            throw new TokenRejectedException("a dir JWE carries no encrypted key");
        }
        byte[] iv = DECODER.decode(token.substring(second + 1, third));
        byte[] cipherText = DECODER.decode(token.substring(third + 1, fourth));
        byte[] tag = DECODER.decode(token.substring(fourth + 1));
        if (iv.length != IV_BYTES || tag.length != TAG_BYTES) {
            throw new TokenRejectedException("IV or authentication tag of the wrong length");
        }
        byte[] compressed;
        try {
            compressed = AESGCM.decrypt(keysByKid.getOrDefault(kid, sealingKey), iv, cipherText,
                    headerPart.getBytes(StandardCharsets.US_ASCII), tag, null);
        } catch (JOSEException | RuntimeException e) {
            throw new TokenRejectedException("decryption failed (altered token or wrong key): "
                    + e.getClass().getSimpleName());
        }
        return RawDeflate.decompress(compressed);
    }

    /** A header this codec did not write byte for byte: parsed by the JOSE library and checked like before. */
    private String checkedKid(String headerPart) throws TokenRejectedException {
        JWEHeader header;
        try {
            header = JWEHeader.parse(new Base64URL(headerPart));
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejectedException("not a parsable JWE: " + Printable.value(String.valueOf(e.getMessage())));
        }
        TokenEnvelope.checkCommonHeader(header, header.getKeyID(), ALLOWED_HEADER, keys);
        if (!JWEAlgorithm.DIR.equals(header.getAlgorithm())) {
            throw new TokenRejectedException("alg " + Printable.value(header.getAlgorithm().getName()) + " is not dir");
        }
        if (!EncryptionMethod.A256GCM.equals(header.getEncryptionMethod())) {
            throw new TokenRejectedException("enc is not A256GCM");
        }
        if (!CompressionAlgorithm.DEF.equals(header.getCompressionAlgorithm())) {
            throw new TokenRejectedException("zip is not DEF");
        }
        return header.getKeyID();
    }

    private static int encodedLength(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    private static int encodeInto(byte[] source, byte[] token, int at) {
        byte[] encoded = ENCODER.encode(source);
        System.arraycopy(encoded, 0, token, at, encoded.length);
        return at + encoded.length;
    }
}
