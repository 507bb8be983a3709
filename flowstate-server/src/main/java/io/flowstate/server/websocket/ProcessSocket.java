package io.flowstate.server.websocket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.PatchState;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.SubmitStep;
import io.flowstate.core.json.Json;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.events.Envelopes;
import io.flowstate.server.events.FeedItem;
import io.flowstate.server.events.ProcessFeed;
import io.flowstate.server.events.ProcessFeeds;
import io.flowstate.server.events.Subscriber;
import io.flowstate.server.wire.ProblemException;
import io.flowstate.server.wire.Problems;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on {@code /process/{id}/ws}: the process's event envelopes out (snapshot first), and
 * {@code step}, {@code patch} and {@code resume} messages in, each answered by an {@code ack} with the new
 * representation or an {@code error} with the same problem object and {@code code} as HTTP.
 *
 * <p>Threads: Helidon reads messages on the connection's virtual thread; events are pumped on a second virtual
 * thread. Every send happens under one lock, which also orders "the terminal event was sent" against replies
 * still being computed: the connection closes (1000) after the terminal event and the last pending reply.
 */
final class ProcessSocket implements WsListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSocket.class);
    private static final long REFUSALS_FORGOTTEN_AFTER = Duration.ofSeconds(1).toNanos();

    private final ProcessEngine engine;
    private final ProcessFeeds feeds;
    private final Envelopes envelopes;
    private final Frames frames;
    private final SocketLimits limits;
    private final Duration heartbeat;
    private final TokenBucket bucket;
    private final Object lock = new Object();
    private final StringBuilder partial = new StringBuilder();

    private UUID processId;
    private SocketPath.Parameters parameters;
    private int partialBytes;
    private int refusals;
    private long lastRefusal;
    private volatile ProcessFeed feed;
    private volatile Thread pump;

    // guarded by lock
    private WsSession session;
    private long sentVersion;
    private int inFlight;
    private boolean terminalSent;
    private boolean closed;

    // processId and parameters are set by onHttpUpgrade, which Helidon calls before any other callback.
    @SuppressWarnings("NullAway.Init")
    ProcessSocket(ProcessEngine engine, ProcessFeeds feeds, Envelopes envelopes, SocketLimits limits,
                  Duration heartbeat) {
        this.engine = engine;
        this.feeds = feeds;
        this.envelopes = envelopes;
        this.frames = new Frames(envelopes.representations());
        this.limits = limits;
        this.heartbeat = heartbeat;
        this.bucket = new TokenBucket(limits.messagesPerSecond(), limits.burst(), System::nanoTime);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        try {
            parameters = SocketPath.parse(prologue);
        } catch (ProblemException e) {
            throw new WsUpgradeException(e.getMessage());
        }
        processId = parameters.processId();
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        synchronized (lock) {
            this.session = session;
        }
        pump = Thread.ofVirtual().name("flowstate-ws-" + processId).start(this::pump);
    }

    private void pump() {
        try {
            Optional<ProcessFeeds.Opened> opened = feeds.open(processId, parameters.lastEventId(),
                    parameters.minVersion());
            if (opened.isEmpty()) {
                synchronized (lock) {
                    send(Frames.error(null, Problems.problem(ProblemType.PROCESS_NOT_FOUND, "No live process with id '" + processId + "'")));
                    close(WsCloseCodes.VIOLATED_POLICY, "process not found");
                }
                return;
            }
            feed = opened.get().feed();
            boolean open = deliver(opened.get().first());
            while (open) {
                List<FeedItem> items = feed.next(heartbeat);
                open = items.isEmpty() ? ping() : deliver(items);
            }
        } catch (Subscriber.Dropped e) {
            LOG.info("closing the WebSocket of process {}: the client fell behind", processId);
            synchronized (lock) {
                close(WsCloseCodes.TRY_AGAIN_LATER, "fell behind; resume with lastEventId");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("WebSocket event pump of process {} failed", processId, e);
            synchronized (lock) {
                close(WsCloseCodes.UNEXPECTED_CONDITION, "internal error");
            }
        } finally {
            ProcessFeed opened = feed;
            if (opened != null) {
                opened.close();
            }
        }
    }

    /** Sends items not sent yet; false once the stream is over (terminal event sent, or connection closed). */
    private boolean deliver(List<FeedItem> items) {
        synchronized (lock) {
            for (FeedItem item : items) {
                if (closed || terminalSent) {
                    return false;
                }
                if (item.version() <= sentVersion) {
                    continue;
                }
                sendItem(item);
            }
            return !closed && !terminalSent;
        }
    }

    private boolean ping() {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            try {
                session.ping(BufferData.empty());
            } catch (RuntimeException e) {
                closed = true;
            }
            return !closed;
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        partialBytes += text.getBytes(StandardCharsets.UTF_8).length;
        if (partialBytes > limits.maxMessageBytes()) {
            partial.setLength(0);
            partialBytes = 0;
            synchronized (lock) {
                close(WsCloseCodes.TOO_BIG, "message larger than " + limits.maxMessageBytes() + " bytes");
            }
            return;
        }
        partial.append(text);
        if (!last) {
            return;
        }
        String message = partial.toString();
        partial.setLength(0);
        partialBytes = 0;
        if (!bucket.tryTake()) {
            refused();
            return;
        }
        if (refusals > 0 && System.nanoTime() - lastRefusal > REFUSALS_FORGOTTEN_AFTER) {
            refusals = 0;
        }
        handle(message);
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        synchronized (lock) {
            send(Frames.error(null, Problems.problem(ProblemType.INVALID_MESSAGE, "Binary messages are not accepted; send JSON text")));
        }
    }

    /**
     * Counts refusals until the client has kept to the rate for a second; a flood interleaved with the odd
     * accepted message (the bucket refills while the server works) is still a flood.
     */
    private void refused() {
        refusals++;
        lastRefusal = System.nanoTime();
        synchronized (lock) {
            send(Frames.error(null, Problems.problem(ProblemType.RATE_LIMITED, "At most "
                    + limits.messagesPerSecond() + " messages per second (bursts of " + limits.burst()
                    + "); this message was not processed")));
            if (refusals >= limits.burst()) {
                close(WsCloseCodes.VIOLATED_POLICY, "rate limit exceeded");
            }
        }
    }

    private void handle(String message) {
        Inbound inbound;
        try {
            inbound = Inbound.parse(message);
        } catch (Inbound.Invalid e) {
            synchronized (lock) {
                send(Frames.error(e.requestId(), Frames.problem(e.problem())));
            }
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            inFlight++;
        }
        ObjectNode reply = null;
        try {
            reply = answer(inbound);
        } catch (RuntimeException e) {
            reply = Frames.error(inbound.requestId(),
                    Problems.problem(Problems.failure(e, "WebSocket message for process " + processId)));
        } finally {
            synchronized (lock) {
                inFlight--;
                if (reply != null) {
                    send(reply);
                }
                if (terminalSent && inFlight == 0) {
                    close(WsCloseCodes.NORMAL_CLOSE, "process ended");
                }
            }
        }
    }

    private ObjectNode answer(Inbound inbound) {
        return switch (inbound) {
            case Inbound.Step step -> frames.reply(step.requestId(),
                    engine.submit(new SubmitStep(processId, step.step(), step.input(), step.ifVersion())));
            case Inbound.Patch patch -> frames.reply(patch.requestId(),
                    engine.patchState(new PatchState(processId, patch.patch(), patch.ifVersion())));
            case Inbound.Resume resume -> resume(resume);
        };
    }

    private ObjectNode resume(Inbound.Resume resume) {
        ProcessFeed opened = feed;
        if (opened == null) {
            return Frames.error(resume.requestId(), Problems.problem(ProblemType.STREAM_NOT_OPEN, "The stream has not sent its first event yet; resume after it"));
        }
        synchronized (lock) {
            for (FeedItem item : opened.catchUp(resume.afterVersion())) {
                if (closed || terminalSent) {
                    break;
                }
                sendItem(item);
            }
        }
        return frames.reply(resume.requestId(), engine.get(processId));
    }

    // --- sending, always under lock

    private void sendItem(FeedItem item) {
        send(envelopes.envelope(item));
        sentVersion = Math.max(sentVersion, item.version());
        if (item.terminal()) {
            terminalSent = true;
            if (inFlight == 0) {
                close(WsCloseCodes.NORMAL_CLOSE, "process ended");
            }
        }
    }

    private void send(ObjectNode frame) {
        if (closed) {
            return;
        }
        try {
            session.send(Json.text(frame), true);
        } catch (RuntimeException e) {
            LOG.debug("WebSocket of process {} is gone: {}", processId, e.toString());
            closed = true;
        }
    }

    private void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            session.close(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("closing the WebSocket of process {} failed: {}", processId, e.toString());
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        stop();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        LOG.debug("WebSocket of process {} failed: {}", processId, t.toString());
        stop();
    }

    private void stop() {
        synchronized (lock) {
            closed = true;
        }
        Thread running = pump;
        if (running != null) {
            running.interrupt();
        }
    }
}
