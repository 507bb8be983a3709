package io.flowstate.server.ratelimit;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The writes a rate limit counts, told apart by method and path; the label of {@code flowstate_rate_limited_total}. */
enum WriteAction {
    START, STEP, STATE;

    private static final Pattern STEP_PATH = Pattern.compile("/process/[^/]+/step|/session/[^/]+/(step|migrate)");
    private static final Pattern STATE_PATH = Pattern.compile("/process/[^/]+/state");

    /** The write {@code method path} is, if it is one. */
    static Optional<WriteAction> of(String method, String path) {
        if (method.equals("POST") && path.equals("/workflow/start")) {
            return Optional.of(START);
        }
        if (method.equals("POST") && (path.equals("/workflow/continue") || STEP_PATH.matcher(path).matches())) {
            return Optional.of(STEP);
        }
        if ((method.equals("PUT") || method.equals("PATCH")) && STATE_PATH.matcher(path).matches()) {
            return Optional.of(STATE);
        }
        return Optional.empty();
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
