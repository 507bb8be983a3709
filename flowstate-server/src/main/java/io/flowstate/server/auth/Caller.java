package io.flowstate.server.auth;

import io.flowstate.core.process.ProcessInstance;
import io.helidon.webserver.http.ServerRequest;
import org.jspecify.annotations.Nullable;

/**
 * The caller of one request, as the {@link AuthFilter} established it.
 *
 * @param subject     the {@code sub} of a verified bearer token; null for an anonymous caller or the admin token
 * @param admin       true when the caller holds the admin scope (or presented {@code auth.adminToken})
 * @param presentedCredentials true when the request carried a bearer that did not make it an admin or a subject
 *                    (auth off and not the admin token): admin routes then answer {@code invalid_credentials}
 */
public record Caller(@Nullable String subject, boolean admin, boolean presentedCredentials) {

    /** No credentials. */
    public static final Caller ANONYMOUS = new Caller(null, false, false);

    /** The caller the filter registered on {@code request}; anonymous when none was (auth filter not installed). */
    public static Caller of(ServerRequest request) {
        return request.context().get(Caller.class, Caller.class).orElse(ANONYMOUS);
    }

    /**
     * True when this caller may see {@code process}: it has no owner (started anonymously: its id is the
     * capability), or the caller owns it, or the caller is an admin.
     */
    public boolean maySee(ProcessInstance process) {
        String owner = process.owner();
        return owner == null || admin || owner.equals(subject);
    }

    /** True when the request carried a subject or admin rights. */
    public boolean authenticated() {
        return subject != null || admin;
    }
}
