package io.flowstate.testkit.redis;

/** Redis answered a command with an error reply (for example {@code LOADING …} or {@code ERR …}). */
public final class RespErrorReply extends RuntimeException {
    public RespErrorReply(String message) {
        super(message);
    }
}
