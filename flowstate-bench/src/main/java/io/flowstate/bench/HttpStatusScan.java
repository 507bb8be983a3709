package io.flowstate.bench;

/** Reads {@code status} from a process representation without a JSON parser, so clients stay cheap. */
final class HttpStatusScan {

    private static final String STATUS_FIELD = "\"status\":\"";

    private HttpStatusScan() {
    }

    /** The value of the first {@code "status":"…"} in {@code body}; throws if there is none. */
    static String status(String body) {
        int at = body.indexOf(STATUS_FIELD);
        if (at < 0) {
            throw new IllegalStateException("no status in " + body);
        }
        int from = at + STATUS_FIELD.length();
        return body.substring(from, body.indexOf('"', from));
    }
}
