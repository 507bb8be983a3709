package io.flowstate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One browser tab running the 3-form flow over and over, one request per {@link #next()}: a start, then the three
 * steps. In process and hybrid mode it follows its process id; in session mode it sends its browser's session cookie
 * and steps through {@code /session/{flow}}. Each request goes to one of {@code ports}, picked at random (random
 * routing when there are two instances).
 */
final class SessionTab implements ClosedLoopLoad.Operation {

    private static final String[] STEPS = {
        "{\"step\": \"profile\", \"input\": {\"name\": \"Ada Lovelace\", \"email\": \"ada@example.org\"}}",
        "{\"step\": \"address\", \"input\": {\"city\": \"London\", \"zip\": \"NW1\"}}",
        "{\"step\": \"confirm\", \"input\": {\"ok\": true}}"};

    private final HttpClient http;
    private final List<Integer> ports;
    private final String flow;
    private final boolean session;
    private final String cookie;
    private int position;
    private String processId = "";

    /** @param cookie the browser's {@code Cookie} header value in session mode, else empty */
    SessionTab(HttpClient http, List<Integer> ports, String flow, boolean session, String cookie) {
        this.http = http;
        this.ports = ports;
        this.flow = flow;
        this.session = session;
        this.cookie = cookie;
    }

    @Override
    public void run() throws Exception {
        next();
    }

    /** Whether the next request is a start (else a step). */
    boolean startsNext() {
        return position == 0;
    }

    void next() throws Exception {
        if (position == 0) {
            HttpResponse<String> started = send("/workflow/start", "{\"flow\": \"" + flow + "\"}", 201);
            if (!session) {
                String body = started.body();
                int at = body.indexOf("\"processId\":\"") + 13;
                processId = body.substring(at, body.indexOf('"', at));
            }
        } else {
            String path = session ? "/session/" + flow + "/step" : "/process/" + processId + "/step";
            send(path, STEPS[position - 1], 200);
        }
        position = (position + 1) % (STEPS.length + 1);
    }

    private HttpResponse<String> send(String path, String body, int expected) throws Exception {
        int port = ports.get(ThreadLocalRandom.current().nextInt(ports.size()));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    /** A new browser's session cookie, from a start of {@code flow} in session mode. */
    static String newSession(HttpClient http, int port, String flow) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/workflow/start"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"flow\": \"" + flow + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String setCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("flowstate_session=")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no session cookie from a session-mode start"));
        return setCookie.split(";", 2)[0];
    }
}
