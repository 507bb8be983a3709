package io.flowstate.core.token;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The ordered key list of token mode ({@code token.keys}): {@code kid} → secret. New tokens are sealed
 * with the first key; tokens sealed with any listed key are accepted. Rotation is therefore: prepend a new
 * key, wait at least {@code token.ttl}, then remove the old one.
 *
 * <p>Secrets are given in base64 (standard or URL-safe alphabet, padding optional) and must decode to at
 * least 256 bits. For {@link TokenFormat#JWS} the secret is the HS256 key. For {@link TokenFormat#JWE}
 * a secret of exactly 256 bits is the A256GCM key itself (so any JOSE library can open a token with the
 * configured value); a longer secret is reduced to 256 bits with HKDF-SHA256 (RFC 5869, empty salt, info
 * {@value #JWE_KEY_INFO}).
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the kids, never a secret.
 */
public final class TokenKeys {

    /** Shortest accepted secret: 256 bits. */
    public static final int MIN_SECRET_BYTES = 32;
    /** HKDF info string that derives the A256GCM key from a secret longer than 256 bits. */
    public static final String JWE_KEY_INFO = "flowstate token A256GCM";

    /** Kids travel in a token header: keep them short and free of characters that need escaping. */
    private static final Pattern KID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, byte[]> secrets;
    private final Map<String, SecretKey> encryptionKeys;
    private final Map<String, SecretKey> macKeys;

    private TokenKeys(Map<String, byte[]> secrets) {
        this.secrets = secrets;
        this.encryptionKeys = new LinkedHashMap<>();
        this.macKeys = new LinkedHashMap<>();
        secrets.forEach((kid, secret) -> {
            byte[] aesKey = secret.length == MIN_SECRET_BYTES ? secret
                    : Hkdf.sha256(secret, JWE_KEY_INFO.getBytes(StandardCharsets.UTF_8), MIN_SECRET_BYTES);
            encryptionKeys.put(kid, new SecretKeySpec(aesKey, "AES"));
            macKeys.put(kid, new SecretKeySpec(secret, "HmacSHA256"));
        });
    }

    /**
     * Reads keys in configuration order; the first one signs/encrypts.
     *
     * @param kidsAndSecrets {@code kid} → base64 secret, in order
     * @throws IllegalArgumentException naming the entry ({@code token.keys[1] (kid 'k1'): …}) when the list is
     *                                  empty, a kid is malformed or repeated, or a secret is missing, not
     *                                  base64 or shorter than 256 bits; the message never contains a secret
     */
    public static TokenKeys fromBase64(List<Map.Entry<String, String>> kidsAndSecrets) {
        if (kidsAndSecrets == null || kidsAndSecrets.isEmpty()) {
            throw new IllegalArgumentException("token.keys must list at least one key");
        }
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        for (int i = 0; i < kidsAndSecrets.size(); i++) {
            String kid = kidsAndSecrets.get(i).getKey();
            String where = "token.keys[" + i + "]";
            if (kid == null || !KID.matcher(kid).matches()) {
                throw new IllegalArgumentException(where + ": kid must be 1 to 64 characters of A-Z a-z 0-9 . _ -, was "
                        + (kid == null ? "missing" : "'" + kid + "'"));
            }
            where += " (kid '" + kid + "')";
            if (secrets.containsKey(kid)) {
                throw new IllegalArgumentException(where + ": kid is listed twice");
            }
            secrets.put(kid, decodeSecret(where, kidsAndSecrets.get(i).getValue()));
        }
        return new TokenKeys(secrets);
    }

    /** One key; see {@link #fromBase64(List)}. */
    public static TokenKeys fromBase64(String kid, String base64Secret) {
        return fromBase64(List.of(Map.entry(kid, base64Secret)));
    }

    /** A fresh random 256-bit secret in base64, for configuration files and tests. */
    public static String newSecret() {
        byte[] secret = new byte[MIN_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return Base64.getEncoder().encodeToString(secret);
    }

    /** The kid that seals new tokens. */
    public String signingKid() {
        return secrets.keySet().iterator().next();
    }

    /** All accepted kids, signing kid first. */
    public List<String> kids() {
        return List.copyOf(secrets.keySet());
    }

    public boolean contains(@Nullable String kid) {
        return kid != null && secrets.containsKey(kid);
    }

    /** The A256GCM key of {@code kid}, or null when the kid is not listed. */
    @Nullable SecretKey encryptionKey(String kid) {
        return encryptionKeys.get(kid);
    }

    /** The HS256 key of {@code kid}, or null when the kid is not listed. */
    @Nullable SecretKey macKey(String kid) {
        return macKeys.get(kid);
    }

    private static byte[] decodeSecret(String where, String base64) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(where + ": secret is missing");
        }
        byte[] secret;
        try {
            boolean urlSafe = base64.indexOf('-') >= 0 || base64.indexOf('_') >= 0;
            secret = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": secret is not valid base64");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(where + ": secret must be at least 256 bits (32 bytes) once decoded, was "
                    + secret.length * 8 + " bits");
        }
        return secret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TokenKeys that && kids().equals(that.kids())
                && secrets.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), that.secrets.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return kids().hashCode();
    }

    @Override
    public String toString() {
        return "TokenKeys" + kids() + " (signing: " + signingKid() + ")";
    }
}
