package io.flowstate.server.websocket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.json.Json;
import io.flowstate.server.events.FeedItem;
import io.helidon.websocket.WsCloseCodes;
import java.util.List;
import java.util.function.Function;

/**
 * What one WebSocket has sent, and whether it may still send: the send/close state machine of a connection. Event
 * envelopes (from the pump) and replies (from message handling) leave through here, one at a time: an event is
 * sent once even when a resume and the pump both offer it; after the terminal event the connection closes (1000)
 * as soon as no reply is pending; after close nothing is sent.
 */
final class SocketOutbox {

    /** Where frames go: the Helidon session, or a recording double in tests. */
    interface Sink {
        void send(String text);

        void ping();

        void close(int code, String reason);
    }

    private final Sink sink;
    private final Function<FeedItem, ObjectNode> envelope;
    private long sentVersion;
    private int inFlight;
    private boolean terminalSent;
    private boolean closed;

    SocketOutbox(Sink sink, Function<FeedItem, ObjectNode> envelope) {
        this.sink = sink;
        this.envelope = envelope;
    }

    /** Sends the items not sent yet; false once the stream is over (terminal event sent, or closed). */
    synchronized boolean deliver(List<FeedItem> items) {
        for (FeedItem item : items) {
            if (closed || terminalSent) {
                return false;
            }
            if (item.version() > sentVersion) {
                sendItem(item);
            }
        }
        return !closed && !terminalSent;
    }

    /** Sends {@code items} again from a resume, the already-sent ones included, until the stream ends. */
    synchronized void replay(List<FeedItem> items) {
        for (FeedItem item : items) {
            if (closed || terminalSent) {
                return;
            }
            sendItem(item);
        }
    }

    /** Pings an idle connection; false once it is closed (or the ping found it gone). */
    synchronized boolean ping() {
        if (closed) {
            return false;
        }
        try {
            sink.ping();
        } catch (RuntimeException e) {
            closed = true;
        }
        return !closed;
    }

    /** A message starts being handled; false when the connection is closed (the message is dropped). */
    synchronized boolean begin() {
        if (closed) {
            return false;
        }
        inFlight++;
        return true;
    }

    /** A message was handled: sends its reply, and closes when it was the last pending one after the end. */
    synchronized void end(ObjectNode reply) {
        inFlight--;
        send(reply);
        if (terminalSent && inFlight == 0) {
            close(WsCloseCodes.NORMAL_CLOSE, "process ended");
        }
    }

    /** Sends a frame unless the connection is closed. */
    synchronized void send(ObjectNode frame) {
        if (closed) {
            return;
        }
        try {
            sink.send(Json.text(frame));
        } catch (RuntimeException e) {
            closed = true;
        }
    }

    synchronized void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        try {
            sink.close(code, reason);
        } catch (RuntimeException e) {
            // the peer is gone already
        }
    }

    /** The peer closed, or the connection failed: nothing more is sent. */
    synchronized void closed() {
        closed = true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    private void sendItem(FeedItem item) {
        send(envelope.apply(item));
        sentVersion = Math.max(sentVersion, item.version());
        if (item.terminal()) {
            terminalSent = true;
            if (inFlight == 0) {
                close(WsCloseCodes.NORMAL_CLOSE, "process ended");
            }
        }
    }
}
