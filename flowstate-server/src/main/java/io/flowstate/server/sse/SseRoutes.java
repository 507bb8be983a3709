package io.flowstate.server.sse;

import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.events.Envelopes;
import io.flowstate.server.events.FeedItem;
import io.flowstate.server.events.ProcessFeed;
import io.flowstate.server.events.ProcessFeeds;
import io.flowstate.server.events.StreamParameters;
import io.flowstate.server.events.Subscriber;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.RequestBody;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /process/{id}/events}: Server-Sent Events. First the snapshot (or, with {@code Last-Event-ID} or
 * {@code ?lastEventId=}, the retained events after it), then live changes with {@code id:} = version and
 * {@code event:} = type, comment heartbeats while idle, and the end of the stream after a terminal event.
 *
 * <p>Each stream is its own request handler, which Helidon runs on a virtual thread: a stream that waits for
 * events holds no platform thread. A client whose process has ended and who has seen its last version gets
 * 204, which tells a browser's {@code EventSource} to stop reconnecting.
 */
public final class SseRoutes implements HttpService {
    private static final Logger LOG = LoggerFactory.getLogger(SseRoutes.class);

    private static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");

    private final ProcessFeeds feeds;
    private final Envelopes envelopes;
    private final Duration heartbeat;
    private final FlowstateMetrics metrics;

    public SseRoutes(ProcessFeeds feeds, Envelopes envelopes, Duration heartbeat, FlowstateMetrics metrics) {
        this.feeds = feeds;
        this.envelopes = envelopes;
        this.heartbeat = heartbeat;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/process/{id}/events", this::stream);
    }

    private void stream(ServerRequest request, ServerResponse response) throws InterruptedException {
        UUID id = RequestBody.processId(request.path().pathParameters().get("id"));
        if (!acceptsEventStream(request)) {
            Problems.of(ProblemType.NOT_ACCEPTABLE, "This is an event stream; accept text/event-stream").send(response);
            return;
        }
        Long lastEventId = StreamParameters.version("Last-Event-ID",
                request.headers().first(LAST_EVENT_ID),
                request.query().first("lastEventId").asOptional()).orElse(null);
        Long minVersion = StreamParameters.version("minVersion", request.query().first("minVersion").asOptional())
                .orElse(null);
        Optional<ProcessFeeds.Opened> opened = feeds.open(id, lastEventId, minVersion);
        if (opened.isEmpty()) {
            Problems.of(ProblemType.PROCESS_NOT_FOUND, "No live process with id '" + id + "'")
                    .send(response);
            return;
        }
        try (ProcessFeed feed = opened.get().feed()) {
            List<FeedItem> first = opened.get().first();
            if (first.isEmpty() && opened.get().current().status().isTerminal()) {
                response.status(204).send();
                return;
            }
            response.header(HeaderNames.CACHE_CONTROL, "no-cache");
            response.header("X-Accel-Buffering", "no");
            FrameSink sink = response.sink(FrameSink.TYPE);
            metrics.sseOpened();
            try {
                boolean open = emit(sink, first);
                while (open) {
                    List<FeedItem> items = feed.next(heartbeat);
                    if (items.isEmpty()) {
                        sink.emit(SseFrames.HEARTBEAT);
                    } else {
                        open = emit(sink, items);
                    }
                }
            } catch (Subscriber.Dropped e) {
                LOG.info("closing the event stream of process {}: the client fell behind", id);
            } catch (InterruptedException e) {
                // the server is stopping
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the usual end of a stream: the client went away and the write failed
                LOG.debug("event stream of process {} ended: {}", id, e.toString());
            } finally {
                metrics.sseClosed();
                closeQuietly(sink);
            }
        }
    }

    /**
     * Sends items in order, each as one write and flush; false once a terminal item was sent (the stream must
     * end). A live change is encoded once for all the streams of its process (its {@code Rendering}).
     */
    private boolean emit(FrameSink sink, List<FeedItem> items) {
        for (FeedItem item : items) {
            sink.emit(switch (item) {
                case FeedItem.Change change -> change.rendering().sseFrame(() -> message(item));
                case FeedItem.Snapshot snapshot -> message(snapshot);
            });
            if (item.terminal()) {
                return false;
            }
        }
        return true;
    }

    private byte[] message(FeedItem item) {
        return SseFrames.message(item.version(), item.type(), Json.text(envelopes.envelope(item)));
    }

    private static void closeQuietly(FrameSink sink) {
        try {
            sink.close();
        } catch (RuntimeException e) {
            LOG.debug("closing an event stream failed: {}", e.toString());
        }
    }

    /** False for clients that do not accept {@code text/event-stream}, and for an Accept header that does not parse. */
    private static boolean acceptsEventStream(ServerRequest request) {
        try {
            return request.headers().isAccepted(MediaTypes.TEXT_EVENT_STREAM);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
