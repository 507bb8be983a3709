package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.core.json.Json;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.server.wire.RequestBody;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.webserver.http.ServerRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads what a run sees of a Helidon request: query, urlencoded body fields, headers, a JSON body. */
final class HttpRequests {

    private HttpRequests() {
    }

    static NflowRequest read(ServerRequest request, RequestBody bodies, String endpoint, Map<String, String> vars) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        String rawQuery = request.query().rawValue();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            parseForm(rawQuery, query);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Header header : request.headers()) {
            headers.computeIfAbsent(header.name(), n -> new ArrayList<>()).addAll(header.allValues());
        }
        Map<String, List<String>> body = new LinkedHashMap<>();
        JsonNode json = null;
        byte[] bytes = bodies.bytes(request);
        if (bytes.length > 0) {
            String type = request.headers().contentType().map(t -> t.mediaType().text().toLowerCase(Locale.ROOT))
                    .orElse("");
            if (type.equals("application/x-www-form-urlencoded")) {
                parseForm(new String(bytes, StandardCharsets.UTF_8), body);
            } else if (type.endsWith("json")) {
                json = parseJson(bytes);
            }
        }
        return new NflowRequest(request.prologue().method().text(), endpoint, vars, query, body, headers, json);
    }

    static void parseForm(String text, Map<String, List<String>> into) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static @Nullable JsonNode parseJson(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            return null;
        }
    }

    /** The request's cookies, name to first value. */
    static Map<String, String> cookies(ServerRequest request) {
        Map<String, String> cookies = new LinkedHashMap<>();
        var parameters = request.headers().cookies();
        for (String name : parameters.names()) {
            parameters.first(name).ifPresent(value -> cookies.put(name, value));
        }
        return cookies;
    }

    /** The first value of cookie {@code name} in {@code Cookie} headers (a WebSocket handshake's, say), or null. */
    static @Nullable String cookie(Headers headers, String name) {
        for (String header : headers.all(HeaderNames.COOKIE, List::of)) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
                    return pair.substring(eq + 1).strip();
                }
            }
        }
        return null;
    }

    /** The first value of cookie {@code name}, or null. */
    static @Nullable String cookie(ServerRequest request, String name) {
        return request.headers().cookies().first(name).orElse(null);
    }
}
