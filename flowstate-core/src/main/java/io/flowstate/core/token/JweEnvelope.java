package io.flowstate.core.token;

import com.nimbusds.jose.CompressionAlgorithm;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectDecrypter;
import com.nimbusds.jose.crypto.DirectEncrypter;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Compact JWE, {@code alg=dir}, {@code enc=A256GCM}, {@code zip=DEF}: confidential and tamper-evident. */
final class JweEnvelope implements TokenEnvelope {

    private static final Set<String> ALLOWED_HEADER = Set.of("alg", "enc", "zip", "kid", "typ");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TokenKeys keys;
    private final int maxLength;
    private final JWEHeader sealingHeader;
    private final DirectEncrypter encrypter;
    private final Map<String, DirectDecrypter> decrypters = new HashMap<>();

    JweEnvelope(TokenKeys keys, int maxLength) {
        this.keys = keys;
        this.maxLength = maxLength;
        this.sealingHeader = new JWEHeader.Builder(JWEAlgorithm.DIR, EncryptionMethod.A256GCM)
                .compressionAlgorithm(CompressionAlgorithm.DEF)
                .type(TYPE)
                .keyID(keys.signingKid())
                .build();
        try {
            this.encrypter = new DirectEncrypter(keys.encryptionKey(keys.signingKid()));
            // One shared generator for the IVs instead of a new SecureRandom per token.
            this.encrypter.getJCAContext().setSecureRandom(RANDOM);
            for (String kid : keys.kids()) {
                decrypters.put(kid, new DirectDecrypter(keys.encryptionKey(kid)));
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("TokenKeys hands out 256-bit AES keys only", e);
        }
    }

    @Override
    public String seal(byte[] payload) {
        JWEObject jwe = new JWEObject(sealingHeader, new Payload(payload));
        try {
            jwe.encrypt(encrypter);
        } catch (JOSEException e) {
            throw new IllegalStateException("A256GCM encryption failed", e);
        }
        return jwe.serialize();
    }

    @Override
    public byte[] open(String token) throws TokenRejectedException {
        CompactToken.check(token, maxLength, 5, "JWE");
        JWEObject jwe;
        try {
            jwe = JWEObject.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejectedException("not a parsable JWE: " + Printable.value(String.valueOf(e.getMessage())));
        }
        JWEHeader header = jwe.getHeader();
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
        try {
            jwe.decrypt(decrypters.get(header.getKeyID()));
        } catch (JOSEException | RuntimeException e) {
            throw new TokenRejectedException("decryption failed (altered token or wrong key): "
                    + e.getClass().getSimpleName());
        }
        return jwe.getPayload().toBytes();
    }
}
