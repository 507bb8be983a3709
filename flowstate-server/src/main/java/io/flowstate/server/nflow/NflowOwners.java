package io.flowstate.server.nflow;

import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.ProcessEngine;
import io.flowstate.core.engine.Rejection;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.process.ProblemType;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.nflow.app.NflowApps;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.server.auth.Caller;
import io.flowstate.server.wire.CheckedRead;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Representations;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Owner binding of nFlow processes on every route under {@code /process/{id}} — REST, history, the SSE stream and
 * the WebSocket handshake alike (NFLOW.md §2.6, §2.8): a run started by a logged-in user is that user's; any other
 * browser gets exactly the 404 {@code process_not_found} of an unknown id, and a browser without a login gets 401
 * {@code login_required} for a flow with {@code nflow_auth}. Runs started without a login stay open to whoever holds
 * the id, as native processes without an owner. Admins see every process. The check uses the copy of the process
 * this instance holds at hand when there is one (flow and owner never change), else a read, which a read route then
 * answers from ({@link CheckedRead}).
 */
final class NflowOwners implements Filter {

    private static final Pattern PROCESS_PATH = Pattern.compile("^/process/([^/]+)(/.*)?$");

    private final NflowApps apps;
    private final ProcessEngine engine;
    private final LoginStore logins;
    private final Representations representations;

    NflowOwners(NflowApps apps, ProcessEngine engine, LoginStore logins, Representations representations) {
        this.apps = apps;
        this.engine = engine;
        this.logins = logins;
        this.representations = representations;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        Matcher path = PROCESS_PATH.matcher(request.path().path());
        Optional<UUID> id = path.matches() ? uuid(path.group(1)) : Optional.empty();
        if (id.isEmpty() || Caller.of(request).admin()) {
            chain.proceed();
            return;
        }
        // a process never changes its flow or its owner, so the copy at hand checks them as well as a read does
        Optional<ProcessInstance> atHand = engine.recent(id.get());
        Outcome checked = atHand.<Outcome>map(copy -> new Outcome.Accepted(copy, null))
                .orElseGet(() -> CheckedRead.orRead(request, id.get(), engine));
        if (!(checked instanceof Outcome.Accepted found)) {
            chain.proceed();
            return;
        }
        Optional<NflowFlow> flow = apps.find(found.process().flowId());
        if (flow.isEmpty()) {
            chain.proceed();
            return;
        }
        BrowserLogin login = new BrowserLogin(logins, HttpRequests.cookie(request, LoginStore.COOKIE));
        if (flow.get().auth() && login.profile() == null) {
            Problems.of(ProblemType.LOGIN_REQUIRED, "Flow '" + flow.get().id() + "' needs a login").send(response);
            return;
        }
        if (!ProcessRunStore.ownedBy(found.process(), NflowRoutes.owner(login))) {
            Problems.rejection(Rejection.of(RejectionType.PROCESS_NOT_FOUND, "No live process with id '" + id.get()
                    + "'"), representations).send(response);
            return;
        }
        if (atHand.isEmpty()) { // only a read answers a read route: the copy may lag behind the store
            CheckedRead.remember(request, id.get(), found);
        }
        chain.proceed();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
