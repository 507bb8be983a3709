package io.flowstate.core.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Compact JWS, {@code HS256}: tamper-evident, readable by the client. */
final class JwsEnvelope implements TokenEnvelope {

    private static final Set<String> ALLOWED_HEADER = Set.of("alg", "kid", "typ");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final TokenKeys keys;
    private final int maxLength;
    private final JWSHeader sealingHeader;
    private final MACSigner signer;
    private final Map<String, MACVerifier> verifiers = new HashMap<>();

    JwsEnvelope(TokenKeys keys, int maxLength) {
        this.keys = keys;
        this.maxLength = maxLength;
        this.sealingHeader = new JWSHeader.Builder(JWSAlgorithm.HS256).type(TYPE).keyID(keys.signingKid()).build();
        try {
            this.signer = new MACSigner(keys.macKey(keys.signingKid()));
            for (String kid : keys.kids()) {
                verifiers.put(kid, new MACVerifier(keys.macKey(kid)));
            }
        } catch (JOSEException e) {
            throw new IllegalStateException("TokenKeys hands out keys of at least 256 bits only", e);
        }
    }

    @Override
    public String seal(byte[] payload) {
        // The JDK's base64 is several times faster than Nimbus's on a payload of kilobytes; the bytes are the same.
        JWSObject jws = new JWSObject(sealingHeader, new Payload(new Base64URL(BASE64URL.encodeToString(payload))));
        try {
            jws.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jws.serialize();
    }

    @Override
    public byte[] open(String token) throws TokenRejectedException {
        CompactToken.check(token, maxLength, 3, "JWS");
        JWSObject jws;
        try {
            jws = JWSObject.parse(token);
        } catch (ParseException | RuntimeException e) {
            throw new TokenRejectedException("not a parsable JWS: " + Printable.value(String.valueOf(e.getMessage())));
        }
        JWSHeader header = jws.getHeader();
        TokenEnvelope.checkCommonHeader(header, header.getKeyID(), ALLOWED_HEADER, keys);
        if (!JWSAlgorithm.HS256.equals(header.getAlgorithm())) {
            throw new TokenRejectedException("alg " + Printable.value(header.getAlgorithm().getName()) + " is not HS256");
        }
        boolean valid;
        try {
            valid = jws.verify(verifiers.get(header.getKeyID()));
        } catch (JOSEException | RuntimeException e) {
            throw new TokenRejectedException("signature check failed: " + e.getClass().getSimpleName());
        }
        if (!valid) {
            throw new TokenRejectedException("signature mismatch (altered token or wrong key)");
        }
        return Base64.getUrlDecoder().decode(jws.getParsedParts()[1].toString()); // canonical: CompactToken checked
    }
}
