package io.flowstate.server.nflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** A browser as nFlow pages meet it: one cookie jar, no redirects followed, urlencoded form posts. */
final class Browser {

    private final HttpClient client;
    private final CookieManager cookies = new CookieManager();
    private int port;

    Browser(int port) {
        this.port = port;
        this.client = HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The jar's cookies as a {@code Cookie} header value, for clients that are not this browser (a WebSocket). */
    String cookieHeader() {
        return cookies.getCookieStore().getCookies().stream().map(c -> c.getName() + "=" + c.getValue())
                .collect(Collectors.joining("; "));
    }

    /** The value of cookie {@code name} in the jar, or "". */
    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse("");
    }

    /** Puts a cookie in the jar as if the server had set it (a forged one, say). */
    void setCookie(String name, String value) {
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create("http://127.0.0.1"), cookie);
    }

    /** Sends the next requests to another instance, keeping the cookies (they are per host, not per port). */
    Browser at(int otherPort) {
        this.port = otherPort;
        return this;
    }

    Page get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    Page send(String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Posts {@code fields} (in order) urlencoded to {@code path}. */
    Page post(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Posts a JSON document to {@code path}, as the SDK does. */
    Page postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Submits the page's first form as a browser does: its hidden fields, then {@code filled}, to its action. */
    Page submit(Page page, Map<String, String> filled) {
        Element form = page.document().selectFirst("form");
        if (form == null) {
            throw new AssertionError("the page has no form: " + page.body());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element hidden : form.select("input[type=hidden]")) {
            fields.put(hidden.attr("name"), hidden.attr("value"));
        }
        fields.putAll(filled);
        String action = form.attr("action");
        return post(action.isEmpty() ? page.path() : action, fields);
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(request.uri().getRawPath() + (request.uri().getRawQuery() == null ? ""
                    : "?" + request.uri().getRawQuery()), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** An answer and the path it answered. */
    record Page(String path, HttpResponse<String> response) {
        int status() {
            return response.statusCode();
        }

        String body() {
            return response.body();
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        Document document() {
            return Jsoup.parse(body());
        }

        String hidden(String name) {
            Element input = document().selectFirst("form input[type=hidden][name=" + name + "]");
            return input == null ? "" : input.attr("value");
        }

        String action() {
            Element form = document().selectFirst("form");
            return form == null ? "" : form.attr("action");
        }
    }
}
