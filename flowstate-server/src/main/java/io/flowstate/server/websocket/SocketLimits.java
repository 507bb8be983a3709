package io.flowstate.server.websocket;

/**
 * Bounds of one WebSocket connection.
 *
 * @param maxMessageBytes   largest inbound message (all its frames together); a larger one closes the connection
 *                          with 1009 (message too big)
 * @param messagesPerSecond sustained inbound rate; a message over it gets an {@code error} frame with
 *                          {@code rate_limited} and is not processed
 * @param burst             messages accepted at once before the rate applies; a client refused this many times
 *                          without a second of keeping to the rate is disconnected with 1008 (policy violation)
 */
public record SocketLimits(int maxMessageBytes, int messagesPerSecond, int burst) {

    public static final SocketLimits DEFAULTS = new SocketLimits(64 * 1024, 20, 40);

    public SocketLimits {
        if (maxMessageBytes < 1024 || messagesPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("maxMessageBytes >= 1024, messagesPerSecond >= 1 and burst >= 1");
        }
    }
}
