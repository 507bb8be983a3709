package io.flowstate.core.store;

import java.util.Map;

/**
 * An HTTP response kept for an idempotency key, replayed verbatim for a retry with the same key and body.
 *
 * @param status  HTTP status code
 * @param headers response headers worth replaying (Location, ETag, Content-Type)
 * @param body    the response body bytes
 */
public record StoredResponse(int status, Map<String, String> headers, byte[] body) {
    public StoredResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
