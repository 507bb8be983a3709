package io.flowstate.server.session;

import io.flowstate.server.testkit.Http;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A browser's cookie jar over the kit's HTTP client: sends its cookies and keeps what {@code Set-Cookie} sets. */
final class Browser {

    private final Http http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    Browser(Http http) {
        this.http = http;
    }

    /** Another tab of this browser: the same cookies, its own requests. */
    Browser on(Http other) {
        Browser browser = new Browser(other);
        browser.cookies.putAll(cookies);
        return browser;
    }

    Http.Response start(String flow, String input) {
        return keep(http.post("/workflow/start", "{\"flow\": \"" + flow + "\", \"input\": " + input + "}", headers()));
    }

    Http.Response get(String path) {
        return keep(http.get(path, headers()));
    }

    Http.Response post(String path, String json, String... extra) {
        return keep(http.post(path, json, headers(extra)));
    }

    Http.Response delete(String path) {
        return keep(http.delete(path, headers()));
    }

    @Nullable String cookie(String name) {
        return cookies.get(name);
    }

    void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private String[] headers(String... extra) {
        List<String> headers = new ArrayList<>(List.of(extra));
        if (!cookies.isEmpty()) {
            headers.add("Cookie");
            headers.add(String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .toList()));
        }
        return headers.toArray(String[]::new);
    }

    private Http.Response keep(Http.Response response) {
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return response;
    }
}
