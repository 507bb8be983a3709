package io.flowstate.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowstate.server.testkit.ServerSetup;
import io.flowstate.server.testkit.ServerUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Keep-alive POSTs through one JDK {@link HttpClient} (a pool of reused HTTP/1.1 connections): 16 clients send
 * bursts of starts, then fall idle for a spread of pauses around the server's idle read timeout (60 s: the
 * floor of {@code FlowstateServer}'s read timeout with the default 15 s heartbeat), then send again. Every POST
 * must be answered: a connection the server closes for idleness must never swallow a request it accepted.
 * The client keeps idle connections for 120 s, so the pauses reuse connections the server is about to close.
 */
class KeepAliveIT {

    static {
        // the JDK client drops connections idle for 30 s by default, before the server's 60 s; keep them longer
        // so that the pauses below really reuse connections the server is about to close (read when the JDK's
        // connection pool is first loaded in this JVM: run this class on its own, as docs/testing.md shows)
        System.setProperty("jdk.httpclient.keepalive.timeout", "120");
    }

    private static final int CLIENTS = 16;
    private static final int BURST = 100;
    private static final Duration SERVER_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Client i pauses the idle timeout minus 0.8 s plus i × 0.1 s: from 59.2 s to 60.7 s. */
    private static final Duration PAUSE_BEFORE_TIMEOUT = Duration.ofMillis(800);
    private static final Duration PAUSE_STEP = Duration.ofMillis(100);

    @Test
    void everyKeepAlivePostIsAnsweredThroughReuseAndAcrossTheIdleTimeout() throws Exception {
        try (ServerUnderTest server = ServerSetup.of("src/test/resources/flows").start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            URI start = server.uri().resolve("/workflow/start");
            AtomicInteger answered = new AtomicInteger();
            Queue<String> failures = new ConcurrentLinkedQueue<>();
            long began = System.nanoTime();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> clients = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    Duration pause = SERVER_IDLE_TIMEOUT.minus(PAUSE_BEFORE_TIMEOUT).plus(PAUSE_STEP.multipliedBy(c));
                    clients.add(pool.submit(() -> {
                        burst(client, start, answered, failures);
                        Thread.sleep(pause);
                        burst(client, start, answered, failures);
                        return null;
                    }));
                }
                for (Future<?> future : clients) {
                    future.get(3, TimeUnit.MINUTES);
                }
            }
            System.out.printf("KeepAliveIT: %d of %d keep-alive POSTs answered in %d ms, %d failed%n",
                    answered.get(), 2 * CLIENTS * BURST, (System.nanoTime() - began) / 1_000_000, failures.size());
            assertThat(failures).isEmpty();
            assertThat(answered.get()).isEqualTo(2 * CLIENTS * BURST);
        }
    }

    private static void burst(HttpClient client, URI start, AtomicInteger answered, Queue<String> failures) {
        for (int i = 0; i < BURST; i++) {
            HttpRequest request = HttpRequest.newBuilder(start).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"flow\": \"signup\"}")).build();
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201) {
                    answered.incrementAndGet();
                } else {
                    failures.add(response.statusCode() + " " + response.body());
                }
            } catch (java.io.IOException e) {
                failures.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add("interrupted");
                return;
            }
        }
    }
}
