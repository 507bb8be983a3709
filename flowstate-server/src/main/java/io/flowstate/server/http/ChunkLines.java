package io.flowstate.server.http;

import org.jspecify.annotations.Nullable;

/**
 * The chunk-size line of a chunked body (RFC 9112 §7.1): {@code chunk-size *( BWS ";" BWS ext-name [ BWS "=" BWS
 * ext-value ] )}, where a name is a token and a value a token or a quoted string. Extensions carry nothing this server
 * uses, so they are checked and dropped.
 */
final class ChunkLines {

    private static final String DELIMITERS = "\"(),/:;<=>?@[\\]{}";

    private ChunkLines() {
    }

    /**
     * The size part of {@code line} without its extensions; the line as it is when it has none (the size is then
     * parsed, and refused if need be, by the HTTP layer), null when the extensions do not parse.
     */
    static @Nullable String size(String line) {
        int semicolon = line.indexOf(';');
        if (semicolon < 0) {
            return line;
        }
        int end = semicolon;
        while (end > 0 && isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return extensionsParse(line, semicolon) ? line.substring(0, end) : null;
    }

    /** Whether {@code size} is a hexadecimal chunk size above zero: a chunk with data, hence followed by CRLF. */
    static boolean hasData(@Nullable String size) {
        if (size == null || size.isEmpty()) {
            return false;
        }
        boolean nonZero = false;
        for (int i = 0; i < size.length(); i++) {
            int digit = Character.digit(size.charAt(i), 16);
            if (digit < 0) {
                return false;
            }
            nonZero |= digit > 0;
        }
        return nonZero;
    }

    private static boolean extensionsParse(String line, int at) {
        int i = at;
        while (i < line.length()) {
            if (line.charAt(i) != ';') {
                return false;
            }
            i = skipWhitespace(line, i + 1);
            int nameEnd = tokenEnd(line, i);
            if (nameEnd == i) {
                return false;
            }
            i = skipWhitespace(line, nameEnd);
            if (i < line.length() && line.charAt(i) == '=') {
                i = skipWhitespace(line, i + 1);
                int valueEnd = i < line.length() && line.charAt(i) == '"' ? quotedEnd(line, i) : tokenEnd(line, i);
                if (valueEnd <= i) {
                    return false;
                }
                i = skipWhitespace(line, valueEnd);
            }
        }
        return true;
    }

    private static int tokenEnd(String line, int from) {
        int i = from;
        while (i < line.length() && isTokenChar(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The index after the quoted string that starts at {@code from}, or -1 when it does not end. */
    private static int quotedEnd(String line, int from) {
        for (int i = from + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i >= line.length() || !isQuotable(line.charAt(i))) {
                    return -1;
                }
            } else if (!isQuotable(c)) {
                return -1;
            }
        }
        return -1;
    }

    private static int skipWhitespace(String line, int from) {
        int i = from;
        while (i < line.length() && isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isTokenChar(char c) {
        return c > ' ' && c < 0x7f && DELIMITERS.indexOf(c) < 0;
    }

    private static boolean isQuotable(char c) {
        return c == '\t' || c >= ' ' && c != 0x7f && c <= 0xff;
    }
}
