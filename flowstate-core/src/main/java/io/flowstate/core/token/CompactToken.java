package io.flowstate.core.token;

/**
 * Cheap syntactic checks of a compact serialization, done before any base64 decoding, JSON parsing or
 * cryptography so that junk costs a scan of at most {@link TokenConfig#maxAcceptedLength()} characters.
 */
final class CompactToken {

    private CompactToken() {
    }

    /**
     * Checks length, alphabet, the number of parts and that every part is canonical base64url (no padding, no
     * set bits past the last byte: otherwise two strings would decode to the same bytes and a changed character
     * could pass unnoticed).
     *
     * @param kind what the configured format calls itself in reasons ({@code JWE}, {@code JWS})
     */
    static void check(String token, int maxLength, int expectedParts, String kind) throws TokenRejectedException {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException("empty token");
        }
        if (token.length() > maxLength) {
            throw new TokenRejectedException("token of " + token.length() + " characters is longer than the "
                    + maxLength + " accepted");
        }
        int parts = 1;
        int partStart = 0;
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '.') {
                checkCanonical(token, partStart, i);
                parts++;
                partStart = i + 1;
            } else if (sextet(c) < 0) {
                throw new TokenRejectedException("token contains a character outside base64url at index " + i);
            }
        }
        checkCanonical(token, partStart, token.length());
        if (parts != expectedParts) {
            throw new TokenRejectedException("expected a compact " + kind + " of " + expectedParts + " parts, got "
                    + parts);
        }
    }

    private static void checkCanonical(String token, int start, int end) throws TokenRejectedException {
        int length = end - start;
        int unusedBits = switch (length % 4) {
            case 0 -> 0;
            case 2 -> 4;
            case 3 -> 2;
            default -> -1;
        };
        if (unusedBits < 0) {
            throw new TokenRejectedException("a token part has an impossible base64url length");
        }
        if (unusedBits > 0 && (sextet(token.charAt(end - 1)) & ((1 << unusedBits) - 1)) != 0) {
            throw new TokenRejectedException("a token part is not canonical base64url");
        }
    }

    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }
}
