package io.flowstate.nflow.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The HTTP answer a run writes through {@code c}: the first write wins; headers always apply (NFLOW.md §3).
 */
public final class NflowAnswer {

    private int status = 200;
    private String contentType = "";
    private String body = "";
    private boolean written;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    /** Records a write unless one happened already. {@code kind}: json, html, string, redirect, none. */
    public void write(String kind, int code, String content) {
        if (written) {
            return;
        }
        written = true;
        status = code;
        switch (kind) {
            case "json" -> {
                contentType = "application/json";
                body = content;
            }
            case "html" -> {
                contentType = "text/html; charset=UTF-8";
                body = content;
            }
            case "string" -> {
                contentType = "text/plain; charset=UTF-8";
                body = content;
            }
            case "redirect" -> headers.add(Map.entry("Location", content));
            default -> {
            }
        }
    }

    public void header(String name, String value) {
        headers.add(Map.entry(name, value));
    }

    public boolean written() {
        return written;
    }

    public int status() {
        return status;
    }

    /** Empty when nothing was written or the write has no body. */
    public String contentType() {
        return contentType;
    }

    public String body() {
        return body;
    }

    public List<Map.Entry<String, String>> headers() {
        return List.copyOf(headers);
    }

    /** Replaces the body (the router adds the hidden process field to a paused page). */
    public void rewriteBody(String newBody) {
        body = newBody;
    }
}
