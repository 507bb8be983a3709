package io.flowstate.server.websocket;

import static io.flowstate.testkit.ProcessFixtures.advanced;
import static io.flowstate.testkit.ProcessFixtures.cancelled;
import static io.flowstate.testkit.ProcessFixtures.endedEvent;
import static io.flowstate.testkit.ProcessFixtures.started;
import static io.flowstate.testkit.ProcessFixtures.startedEvent;
import static io.flowstate.testkit.ProcessFixtures.updatedEvent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.server.events.FeedItem;
import io.flowstate.testkit.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SocketOutboxTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final RecordingSink sink = new RecordingSink();
    private final SocketOutbox outbox = new SocketOutbox(sink,
            item -> Json.object().put("version", item.version()).put("terminal", item.terminal()));

    private final ProcessInstance v1 = started(clock);
    private final ProcessInstance v2 = advanced(v1, clock);
    private final ProcessInstance v3 = advanced(v2, clock);
    private final FeedItem one = new FeedItem.Change(startedEvent(v1));
    private final FeedItem two = new FeedItem.Change(updatedEvent(v2));
    private final FeedItem three = new FeedItem.Change(updatedEvent(v3));
    private final FeedItem end = new FeedItem.Change(endedEvent(cancelled(v3, clock)));

    @Test
    void sendsEachVersionOnceAndInOrderWhateverIsOfferedAgain() {
        assertThat(outbox.deliver(List.of(one, two))).isTrue();
        assertThat(outbox.deliver(List.of(two, one, three))).isTrue();

        assertThat(sink.versions()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void closesNormallyAfterTheTerminalEventWhenNoReplyIsPending() {
        assertThat(outbox.deliver(List.of(one, end, three))).isFalse();

        assertThat(sink.versions()).containsExactly(1L, 4L);
        assertThat(sink.closes).containsExactly("1000 process ended");
    }

    @Test
    void aPendingReplyIsSentBeforeTheCloseThatTheTerminalEventCalledFor() {
        assertThat(outbox.begin()).isTrue();
        outbox.deliver(List.of(one, end));
        assertThat(sink.closes).as("still answering a message").isEmpty();

        outbox.end(Json.object().put("type", "ack"));

        assertThat(sink.frames.getLast()).contains("\"ack\"");
        assertThat(sink.closes).containsExactly("1000 process ended");
    }

    @Test
    void nothingLeavesAfterTheConnectionClosed() {
        outbox.deliver(List.of(one));
        outbox.closed();

        outbox.send(Json.object().put("type", "late"));
        assertThat(outbox.deliver(List.of(two))).isFalse();
        assertThat(outbox.begin()).isFalse();
        assertThat(outbox.ping()).isFalse();
        outbox.close(1000, "again");

        assertThat(sink.versions()).containsExactly(1L);
        assertThat(sink.closes).isEmpty();
    }

    @Test
    void aSinkThatFailsClosesTheOutbox() {
        sink.failing = true;

        outbox.send(Json.object());

        assertThat(outbox.isClosed()).isTrue();
        assertThat(outbox.deliver(List.of(one))).isFalse();
    }

    @Test
    void aReplayResendsWhatWasSentButNothingAfterTheEnd() {
        outbox.deliver(List.of(one, two));

        outbox.replay(List.of(two, end, three));

        assertThat(sink.versions()).containsExactly(1L, 2L, 2L, 4L);
    }

    @Test
    void concurrentPumpsAndRepliesNeverSendAVersionTwiceOrOutOfOrder() throws InterruptedException {
        List<FeedItem> items = new ArrayList<>();
        ProcessInstance current = v1;
        items.add(new FeedItem.Change(startedEvent(current)));
        for (int i = 0; i < 200; i++) {
            current = advanced(current, clock);
            items.add(new FeedItem.Change(updatedEvent(current)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            threads.submit(() -> {
                go.await();
                for (int i = 0; i < items.size(); i += 7) {
                    outbox.deliver(items.subList(i, Math.min(items.size(), i + 11)));
                    if (outbox.begin()) {
                        outbox.end(Json.object().put("type", "ack"));
                    }
                }
                return null;
            });
        }
        go.countDown();
        threads.shutdown();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sink.versions()).isSorted().doesNotHaveDuplicates().hasSize(items.size());
    }

    /** Records what the outbox sends. */
    private static final class RecordingSink implements SocketOutbox.Sink {
        final List<String> frames = Collections.synchronizedList(new ArrayList<>());
        final List<String> closes = Collections.synchronizedList(new ArrayList<>());
        volatile boolean failing;

        @Override
        public void send(String text) {
            if (failing) {
                throw new IllegalStateException("connection reset");
            }
            frames.add(text);
        }

        @Override
        public void ping() {
        }

        @Override
        public void close(int code, String reason) {
            closes.add(code + " " + reason);
        }

        List<Long> versions() {
            List<Long> versions = new ArrayList<>();
            synchronized (frames) {
                for (String frame : frames) {
                    ObjectNode node;
                    try {
                        node = (ObjectNode) Json.parse(frame);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (node.has("version")) {
                        versions.add(node.get("version").asLong());
                    }
                }
            }
            return versions;
        }
    }
}
