/**
 * Write rate limits per client: which requests are writes, who the client is ({@code X-Forwarded-For} only from
 * trusted proxies), the buckets on this instance, and the filter that answers 429 {@code rate_limited}.
 */
@NullMarked
package io.flowstate.server.ratelimit;

import org.jspecify.annotations.NullMarked;
