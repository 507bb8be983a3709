package io.flowstate.server.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Reads request bodies within the configured size limit and parses them with the limits of {@link Json}.
 * Every failure is a {@link ProblemException}: 413 over the limit, 415 wrong content type, 400 malformed.
 */
public final class RequestBody {

    private final int maxBytes;

    public RequestBody(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The raw body, at most {@code maxBytes} long; empty when there is none. */
    public byte[] bytes(ServerRequest request) {
        OptionalLong declared = request.headers().contentLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            throw tooLarge();
        }
        if (!request.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = request.content().inputStream()) {
            // a body with a Content-Length is read into an array of about its size: asking for maxBytes + 1 bytes
            // zeroes a 16 KiB buffer per request and copies it, 7 % of a form step's handler samples on the memory
            // store (JFR, docs/benchmarks.md "Step cost"); the one byte more still finds the end of the body
            int limit = declared.isPresent() && declared.getAsLong() >= 0 ? (int) declared.getAsLong() : maxBytes;
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ProblemException | CloseConnectionException e) {
            // a connection that ended, or that was silent for longer than server.readTimeout, gets no answer
            throw e;
        } catch (RuntimeException e) {
            // the HTTP layer failed to read the body: a malformed chunk size or extension, a chunk without its CRLF
            throw new ProblemException(ProblemType.BAD_REQUEST, "The request body could not be read: it is not "
                    + "well-formed (a chunked body, or Content-Length bytes, is expected)");
        }
    }

    /** Checks the content type against {@code accepted} subtypes (for example {@code json}). */
    public void requireContentType(ServerRequest request, String... accepted) {
        // the usual header is the bare media type: matched as text, without Helidon's parse of the media type
        Optional<String> raw = request.headers().first(HeaderNames.CONTENT_TYPE);
        if (raw.isPresent()) {
            for (String candidate : accepted) {
                if (candidate.equalsIgnoreCase(raw.get())) {
                    return;
                }
            }
        }
        Optional<HttpMediaType> type;
        try {
            type = request.headers().contentType();
        } catch (RuntimeException e) { // Helidon parses the header lazily and throws on a malformed one
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Expected Content-Type "
                    + String.join(" or ", accepted) + "; the Content-Type header could not be parsed");
        }
        if (type.isPresent()) {
            String mediaType = type.get().mediaType().type() + "/" + type.get().mediaType().subtype();
            for (String candidate : accepted) {
                if (candidate.equalsIgnoreCase(mediaType)) {
                    return;
                }
            }
        }
        throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Expected Content-Type "
                + String.join(" or ", accepted) + ", was " + type.map(HttpMediaType::text).orElse("none"));
    }

    /** Parses a JSON document, or returns null for an empty body (where the body is optional). */
    public @Nullable JsonNode optionalJson(byte[] bytes) {
        return bytes.length == 0 ? null : json(bytes);
    }

    /** Parses a JSON document; an empty body is malformed. */
    public JsonNode json(byte[] bytes) {
        if (bytes.length == 0) {
            throw malformed("the request body is empty");
        }
        JsonNode document;
        try {
            document = Json.parse(bytes);
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed("a number is outside the range that can be represented");
        } catch (StreamConstraintsException e) {
            throw malformed("the document exceeds a parsing limit: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw malformed(e.getOriginalMessage());
        } catch (IOException e) {
            throw malformed(e.getMessage());
        }
        if (mayHoldSurrogates(bytes) && Json.loneSurrogate(document) != null) {
            throw malformed("a string holds a lone UTF-16 surrogate (\\ud800-\\udfff without its pair)");
        }
        return document;
    }

    /** Parses a process id path segment; anything but a canonical UUID is 400. */
    public static UUID processId(String text) {
        if (text == null || !isUuidText(text)) {
            throw new ProblemException(ProblemType.INVALID_PROCESS_ID, "A process id is a UUID such as 3f2b8c1e-7d4a-4e8b-9c1f-2a6d5e4b3c21");
        }
        return UUID.fromString(text);
    }

    /**
     * False when the document is plain ASCII without a backslash or a zero byte: the parser then reads it as UTF-8 (a
     * UTF-16 or UTF-32 document has a zero byte or a byte-order mark) and no string in it can hold a surrogate, so
     * walking its tree for a lone one can be skipped.
     */
    private static boolean mayHoldSurrogates(byte[] bytes) {
        for (byte b : bytes) {
            if (b <= 0 || b == '\\') { // a byte of 0x80 or more is negative
                return true;
            }
        }
        return false;
    }

    /** The canonical form 8-4-4-4-12 of hexadecimal digits, as {@code [0-9a-fA-F]{8}-…-[0-9a-fA-F]{12}} matches. */
    private static boolean isUuidText(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
            if (dash ? c != '-' : !hex) {
                return false;
            }
        }
        return true;
    }

    private ProblemException tooLarge() {
        return new ProblemException(ProblemType.PAYLOAD_TOO_LARGE, "The request body exceeds the limit of " + maxBytes + " bytes");
    }

    private static ProblemException malformed(@Nullable String detail) {
        return new ProblemException(ProblemType.MALFORMED_JSON, "The request body is not valid JSON: "
                + detail);
    }
}
