package io.flowstate.server.fuzz;

import java.util.UUID;

/**
 * One generated request.
 *
 * @param description what was generated, for the failure message (with the seed, enough to replay it)
 * @param bytes       the request exactly as sent
 * @param head        a HEAD request: the answer has no body
 * @param target      the live process the request names, or null; it must not change when the request is refused
 * @param method      the method exactly as sent: one with a lower-case letter is no method this server serves
 * @param framing     how the body is framed: well-formed (Content-Length, or chunks with or without extensions),
 *                    or broken; a well-formed body is never refused as unreadable, a broken one always is
 * @param http10      sent as HTTP/1.0, which is served like HTTP/1.1 except on the streams
 */
record FuzzCase(String description, byte[] bytes, boolean head, UUID target, String method, Framing framing,
                boolean http10) {

    enum Framing { WELL_FORMED, BROKEN }
}
