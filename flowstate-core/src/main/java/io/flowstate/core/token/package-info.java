/**
 * Token mode's codec: a process carried in a JWE or JWS token, with rotating keys, size limits and tamper checks.
 *
 * <p>Every type here is {@code @NullMarked}: a parameter, field or return value is never null unless it says
 * {@code @Nullable}.
 */
@NullMarked
package io.flowstate.core.token;

import org.jspecify.annotations.NullMarked;
