package io.flowstate.bench;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The one cycle every round-trip benchmark runs, so the HTTP and the in-process figures come from the same
 * requests: start the {@code signup} flow of {@code examples/flows}, submit {@code profile} with a name long
 * enough for the script step to branch to {@code address}, submit {@code address}, and expect
 * {@code completed}. Three requests, three commits, one script step.
 *
 * <p>The bodies are the exact bytes the HTTP client sends; the in-process client parses the same bytes, as
 * the server does, so the difference between the two is transport, routing and the response representation.
 */
public final class SignupCycle {

    public static final String FLOW = "signup";

    static final byte[] START = bytes("{\"flow\":\"signup\"}");
    static final byte[] PROFILE = bytes(
            "{\"step\":\"profile\",\"input\":{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.org\"}}");
    static final byte[] ADDRESS = bytes("{\"step\":\"address\",\"input\":{\"city\":\"London\"}}");

    /** Where a process stands after one request, as the client learnt it. */
    public record Position(UUID processId, long version, String status) {
    }

    /**
     * One way of talking to Flowstate (over HTTP, or straight to the engine). Both methods throw
     * {@link IllegalStateException} when the request is not accepted, so a broken benchmark fails instead of
     * measuring error paths.
     */
    public interface Client {

        /** Sends a {@code POST /workflow/start} body; answers the created process. */
        Position start(byte[] body);

        /** Sends a {@code POST /process/{id}/step} body with {@code If-Match: version}; answers the process. */
        Position submit(UUID processId, long version, byte[] body);
    }

    private SignupCycle() {
    }

    /** Runs one full cycle through {@code client}; throws if any request lands somewhere unexpected. */
    public static Position run(Client client) {
        Position started = expect(client.start(START), "waiting", 1);
        Position profiled = expect(client.submit(started.processId(), started.version(), PROFILE), "waiting", 2);
        return expect(client.submit(profiled.processId(), profiled.version(), ADDRESS), "completed", 3);
    }

    private static Position expect(Position position, String status, long version) {
        if (!status.equals(position.status()) || position.version() != version) {
            throw new IllegalStateException("expected " + status + " at version " + version + ", got " + position);
        }
        return position;
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
