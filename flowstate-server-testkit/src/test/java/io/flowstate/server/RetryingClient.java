package io.flowstate.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowstate.server.testkit.Http;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A client of several Flowstate instances behind no load balancer: each request goes to a random instance, and a
 * request whose connection fails (refused, reset: the instance died) goes again to another instance with the same
 * {@code Idempotency-Key}. Steps also carry {@code If-Match}, so no retry can apply a step twice.
 *
 * <p>One case needs more than a retry: an instance that died after claiming a key but before answering leaves
 * the key "in flight" (409 {@code request_in_flight}) until the claim times out. The client then reads the
 * process: if the step committed, that is its answer; if not, it retries with a fresh key, still under
 * {@code If-Match}. A start in that state cannot be read back (its id was never answered), so it is started
 * again and the first, if it committed, is an orphan that expires with its TTL.
 *
 * <p>Every 5xx answer is recorded in {@link #serverErrors()}; thread-safe.
 */
final class RetryingClient {

    private static final int MAX_ATTEMPTS = 20;

    /** A write the server acknowledged: the instance that answered and the process it returned. */
    record Written(int instance, JsonNode process) {
        long version() {
            return process.get("version").asLong();
        }
    }

    private final List<Http> instances;
    private final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
    private final AtomicInteger connectionFailures = new AtomicInteger();
    private final AtomicInteger inFlightKeys = new AtomicInteger();
    private final AtomicInteger abandonedStarts = new AtomicInteger();
    private final AtomicInteger answeredBy412 = new AtomicInteger();

    RetryingClient(List<Http> instances) {
        this.instances = instances;
    }

    /** Starts a process of {@code flow}. */
    Written start(String flow) {
        String body = "{\"flow\": \"" + flow + "\"}";
        String key = UUID.randomUUID().toString();
        int failed = -1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int target = pick(failed);
            Http.Response response = send(target, () -> instances.get(target).post("/workflow/start", body,
                    "Idempotency-Key", key));
            if (response == null || response.status() >= 500) {
                failed = target;
                continue;
            }
            if (response.status() == 201) {
                return new Written(target, response.json());
            }
            if (isInFlight(response)) {
                inFlightKeys.incrementAndGet();
                abandonedStarts.incrementAndGet();
                return start(flow);
            }
            throw new AssertionError("start of " + flow + " answered " + response.status() + ": " + response.body());
        }
        throw new AssertionError("start of " + flow + " failed " + MAX_ATTEMPTS + " times");
    }

    /** Submits {@code input} to step {@code step} of a process the client last saw at {@code version}. */
    Written submit(String id, long version, String step, String input) {
        String path = "/process/" + id + "/step";
        String body = "{\"step\": \"" + step + "\", \"input\": " + input + "}";
        String key = UUID.randomUUID().toString();
        int failed = -1;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int target = pick(failed);
            String currentKey = key;
            Http.Response response = send(target, () -> instances.get(target).post(path, body,
                    "Idempotency-Key", currentKey, "If-Match", "\"" + version + "\""));
            if (response == null || response.status() >= 500) {
                failed = target;
                continue;
            }
            if (response.status() == 200) {
                return new Written(target, response.json());
            }
            if (isInFlight(response)) {
                // the instance holding the key died before answering: did its step commit?
                inFlightKeys.incrementAndGet();
                Written current = read(id, target);
                if (current.version() > version) {
                    return current;
                }
                key = UUID.randomUUID().toString();
                failed = target;
                continue;
            }
            if (response.status() == 412) {
                // an earlier attempt committed and its answer was lost with its connection
                answeredBy412.incrementAndGet();
                return new Written(target, response.json().get("current"));
            }
            throw new AssertionError("step " + step + " of " + id + " answered " + response.status() + ": "
                    + response.body());
        }
        throw new AssertionError("step " + step + " of " + id + " failed " + MAX_ATTEMPTS + " times");
    }

    /** Reads the process from an instance other than {@code not}, trying each such instance once. */
    Written read(String id, int not) {
        int first = ThreadLocalRandom.current().nextInt(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            int target = (first + i) % instances.size();
            if (target == not) {
                continue;
            }
            Http.Response response = send(target, () -> instances.get(target).get("/process/" + id));
            if (response == null || response.status() >= 500) {
                continue;
            }
            if (response.status() != 200) {
                throw new AssertionError("GET " + id + " answered " + response.status() + ": " + response.body());
            }
            return new Written(target, response.json());
        }
        throw new AssertionError("no instance other than " + not + " answered GET " + id);
    }

    List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    int connectionFailures() {
        return connectionFailures.get();
    }

    int inFlightKeys() {
        return inFlightKeys.get();
    }

    int abandonedStarts() {
        return abandonedStarts.get();
    }

    int answeredBy412() {
        return answeredBy412.get();
    }

    /** The answer, or null when the connection failed. */
    private Http.Response send(int target, Supplier<Http.Response> request) {
        try {
            Http.Response response = request.get();
            if (response.status() >= 500) {
                serverErrors.add("instance " + target + ": " + response.status() + " " + response.body());
            }
            return response;
        } catch (UncheckedIOException e) {
            connectionFailures.incrementAndGet();
            return null;
        }
    }

    private int pick(int not) {
        int size = instances.size();
        if (not < 0) {
            return ThreadLocalRandom.current().nextInt(size);
        }
        return (not + 1 + ThreadLocalRandom.current().nextInt(size - 1)) % size;
    }

    private static boolean isInFlight(Http.Response response) {
        return response.status() == 409 && "request_in_flight".equals(response.json().path("code").asText());
    }
}
