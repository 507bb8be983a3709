package io.flowstate.server.fuzz;

import java.util.UUID;

/**
 * One generated request.
 *
 * @param description what was generated, for the failure message (with the seed, enough to replay it)
 * @param bytes       the request exactly as sent
 * @param head        a HEAD request: the answer has no body
 * @param target      the live process the request names, or null; it must not change when the request is refused
 */
record FuzzCase(String description, byte[] bytes, boolean head, UUID target) {
}
