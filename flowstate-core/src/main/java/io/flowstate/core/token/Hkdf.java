package io.flowstate.core.token;

import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) with an empty salt, for outputs of at most one hash length. */
final class Hkdf {

    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    static byte[] sha256(byte[] inputKeyMaterial, byte[] info, int length) {
        if (length < 1 || length > HASH_LENGTH) {
            throw new IllegalArgumentException("length must be 1.." + HASH_LENGTH + ", was " + length);
        }
        try {
            Mac extract = Mac.getInstance("HmacSHA256");
            extract.init(new SecretKeySpec(new byte[HASH_LENGTH], "HmacSHA256")); // empty salt = HashLen zeros
            byte[] pseudoRandomKey = extract.doFinal(inputKeyMaterial);
            Mac expand = Mac.getInstance("HmacSHA256");
            expand.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            expand.update(info);
            expand.update((byte) 1);
            byte[] block = expand.doFinal();
            return length == HASH_LENGTH ? block : java.util.Arrays.copyOf(block, length);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
