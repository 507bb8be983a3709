/**
 * Rate limits: the {@link io.flowstate.core.limit.RateLimiter} SPI, implemented on one instance by the server and
 * across instances by the Redis module.
 */
@NullMarked
package io.flowstate.core.limit;

import org.jspecify.annotations.NullMarked;
