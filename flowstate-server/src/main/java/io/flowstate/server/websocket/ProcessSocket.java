package io.flowstate.server.websocket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.PatchState;
import io.flowstate.core.limit.RateDecision;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.SubmitStep;
import io.flowstate.core.process.ProblemType;
import io.flowstate.server.events.Envelopes;
import io.flowstate.server.events.FeedItem;
import io.flowstate.server.events.ProcessFeed;
import io.flowstate.server.events.ProcessFeeds;
import io.flowstate.server.events.Subscriber;
import io.flowstate.server.wire.ProblemException;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.websocket.WsCloseCodes;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import io.flowstate.server.logging.RequestContext;
import io.flowstate.server.logging.TraceParent;
import io.flowstate.server.metrics.FlowstateMetrics;
import io.flowstate.server.ratelimit.RateLimitFilter;
import io.flowstate.server.ratelimit.WriteLimit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection on {@code /process/{id}/ws}: the process's event envelopes out (snapshot first), and
 * {@code step}, {@code patch} and {@code resume} messages in, each answered by an {@code ack} with the new
 * representation or an {@code error} with the same problem object and {@code code} as HTTP.
 *
 * <p>Threads: Helidon reads messages on the connection's virtual thread; events are pumped on a second virtual
 * thread. Both send through the {@link SocketOutbox}, which orders them and closes the connection after the
 * terminal event and the last pending reply. Fragments are reassembled by a {@link MessageAssembler}, the rate is
 * kept by a {@link RateGuard}.
 */
final class ProcessSocket implements WsListener {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessSocket.class);

    private final ProcessEngine engine;
    private final ProcessFeeds feeds;
    private final Envelopes envelopes;
    private final Frames frames;
    private final Duration heartbeat;
    private final MessageAssembler assembler;
    private final RateGuard rate;
    private final SocketLimits limits;
    private final FlowstateMetrics metrics;
    private final WriteLimit writeLimit;
    private final StepRoute steps;

    private UUID processId;
    private Headers handshake;
    private SocketPath.Parameters parameters;
    private Optional<TraceParent> trace = Optional.empty();
    private List<String> forwardedFors = List.of();
    private String client;
    private volatile SocketOutbox outbox;
    private volatile @Nullable ProcessFeed feed;
    private volatile @Nullable Thread pump;

    // Helidon calls onHttpUpgrade (which sets processId and parameters) and then onOpen (outbox) before any
    // other callback, so these are set wherever they are read.
    @SuppressWarnings("NullAway.Init")
    ProcessSocket(ProcessEngine engine, ProcessFeeds feeds, Envelopes envelopes, SocketLimits limits,
                  Duration heartbeat, FlowstateMetrics metrics, WriteLimit writeLimit, StepRoute steps) {
        this.engine = engine;
        this.steps = steps;
        this.metrics = metrics;
        this.writeLimit = writeLimit;
        this.feeds = feeds;
        this.envelopes = envelopes;
        this.frames = new Frames(envelopes.representations());
        this.limits = limits;
        this.heartbeat = heartbeat;
        this.assembler = new MessageAssembler(limits.maxMessageBytes());
        this.rate = new RateGuard(limits, System::nanoTime);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        try {
            parameters = SocketPath.parse(prologue);
        } catch (ProblemException e) {
            throw new WsUpgradeException(e.getMessage());
        }
        processId = parameters.processId();
        handshake = headers;
        trace = RequestContext.traceOf(headers);
        forwardedFors = headers.contains(RateLimitFilter.FORWARDED_FOR)
                ? headers.get(RateLimitFilter.FORWARDED_FOR).allValues() : List.of();
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        outbox = new SocketOutbox(new SessionSink(session), envelopes::envelope);
        client = writeLimit.client(session.socketContext().remotePeer().address(), forwardedFors);
        pump = Thread.ofVirtual().name("flowstate-ws-" + processId).start(this::pump);
    }

    private void pump() {
        try {
            Optional<ProcessFeeds.Opened> opened = feeds.open(processId, parameters.lastEventId(),
                    parameters.minVersion());
            if (opened.isEmpty()) {
                outbox.send(Frames.error(null, Problems.problem(ProblemType.PROCESS_NOT_FOUND,
                        "No live process with id '" + processId + "'")));
                outbox.close(WsCloseCodes.VIOLATED_POLICY, "process not found");
                return;
            }
            feed = opened.get().feed();
            metrics.webSocketOpened();
            boolean open = outbox.deliver(opened.get().first());
            while (open) {
                List<FeedItem> items = feed.next(heartbeat);
                open = items.isEmpty() ? outbox.ping() : outbox.deliver(items);
            }
        } catch (Subscriber.Dropped e) {
            LOG.info("closing the WebSocket of process {}: the client fell behind", processId);
            outbox.close(WsCloseCodes.TRY_AGAIN_LATER, "fell behind; resume with lastEventId");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("WebSocket event pump of process {} failed", processId, e);
            outbox.close(WsCloseCodes.UNEXPECTED_CONDITION, "internal error");
        } finally {
            ProcessFeed opened = feed;
            if (opened != null) {
                metrics.webSocketClosed();
                opened.close();
            }
        }
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        Optional<String> message;
        try {
            message = assembler.add(text, last);
        } catch (MessageAssembler.TooLarge e) {
            outbox.close(WsCloseCodes.TOO_BIG, "message larger than " + limits.maxMessageBytes() + " bytes");
            return;
        }
        if (message.isEmpty()) {
            return;
        }
        RateGuard.Verdict verdict = rate.check();
        if (verdict != RateGuard.Verdict.ACCEPT) {
            outbox.send(Frames.error(null, Problems.problem(ProblemType.RATE_LIMITED, "At most "
                    + limits.messagesPerSecond() + " messages per second (bursts of " + limits.burst()
                    + "); this message was not processed")));
            if (verdict == RateGuard.Verdict.REFUSE_AND_CLOSE) {
                outbox.close(WsCloseCodes.VIOLATED_POLICY, "rate limit exceeded");
            }
            return;
        }
        handle(message.get());
    }

    @Override
    public void onMessage(WsSession session, BufferData buffer, boolean last) {
        outbox.send(Frames.error(null, Problems.problem(ProblemType.INVALID_MESSAGE,
                "Binary messages are not accepted; send JSON text")));
    }

    private void handle(String message) {
        Inbound inbound;
        try {
            inbound = Inbound.parse(message);
        } catch (Inbound.Invalid e) {
            outbox.send(Frames.error(e.requestId(), Frames.problem(e.problem())));
            return;
        }
        if (!outbox.begin()) {
            return;
        }
        ObjectNode reply;
        try (RequestContext.Scope context = RequestContext.forMessage(processId, inbound.requestId(), trace)) {
            reply = answer(inbound);
        } catch (RuntimeException e) {
            reply = Frames.error(inbound.requestId(),
                    Problems.problem(Problems.failure(e, "WebSocket message for process " + processId)));
        }
        outbox.end(reply);
    }

    private ObjectNode answer(Inbound inbound) {
        if (!(inbound instanceof Inbound.Resume)) {
            RateDecision decision = writeLimit.take(client, inbound instanceof Inbound.Step ? "step" : "state");
            if (!decision.allowed()) {
                long seconds = WriteLimit.retryAfterSeconds(decision);
                ObjectNode problem = Problems.problem(ProblemType.RATE_LIMITED,
                        "Too many writes from this client; retry after " + seconds + " s");
                problem.put("retryAfter", seconds);
                return Frames.error(inbound.requestId(), problem);
            }
        }
        return switch (inbound) {
            case Inbound.Step step -> step(step);
            case Inbound.Patch patch -> frames.reply(patch.requestId(),
                    engine.patchState(new PatchState(processId, patch.patch(), patch.ifVersion())));
            case Inbound.Resume resume -> resume(resume);
        };
    }

    private ObjectNode step(Inbound.Step step) {
        Optional<Reply> routed = steps.step(processId, step.step(), step.input(), step.ifVersion(), handshake);
        if (routed.isPresent()) {
            return Frames.reply(step.requestId(), routed.get());
        }
        return frames.reply(step.requestId(),
                engine.submit(new SubmitStep(processId, step.step(), step.input(), step.ifVersion())));
    }

    private ObjectNode resume(Inbound.Resume resume) {
        ProcessFeed opened = feed;
        if (opened == null) {
            return Frames.error(resume.requestId(), Problems.problem(ProblemType.STREAM_NOT_OPEN,
                    "The stream has not sent its first event yet; resume after it"));
        }
        outbox.replay(opened.catchUp(resume.afterVersion()));
        return frames.reply(resume.requestId(), engine.get(processId));
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
        SocketOutbox current = outbox;
        if (current != null) {
            current.closed();
        }
        Thread running = pump;
        if (running != null) {
            running.interrupt();
        }
    }

    /** The outbox's sink on a Helidon session. */
    private record SessionSink(WsSession session) implements SocketOutbox.Sink {
        @Override
        public void send(String text) {
            session.send(text, true);
        }

        @Override
        public void ping() {
            session.ping(BufferData.empty());
        }

        @Override
        public void close(int code, String reason) {
            session.close(code, reason);
        }
    }
}
