package io.flowstate.server.http;

/**
 * A request that cannot be served, detected while reading it (malformed id, wrong content type, body too
 * large, malformed JSON, bad precondition header). Thrown by request-reading helpers and rendered as
 * problem+json by {@link Problems}; never used for engine outcomes, which are values.
 */
public class ProblemException extends RuntimeException {
    private final int status;
    private final String code;
    private final String title;

    public ProblemException(int status, String code, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
