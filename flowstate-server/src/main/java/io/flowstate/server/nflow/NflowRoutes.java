package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProblemType;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.app.NflowRouter;
import io.flowstate.nflow.app.Route;
import io.flowstate.nflow.run.NflowAnswer;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.RunContext;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.wire.Problems;
import io.flowstate.server.wire.Reply;
import io.flowstate.server.wire.RequestBody;
import io.flowstate.server.wire.Representations;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The starters of nFlow apps as routes (NFLOW.md §2): a fresh start runs from the starter; a continuation (a
 * claimed node or {@code nflow_process_id}) resumes only at the node the server stored, after the starter's login
 * check, which applies to every request. Registered after the API routes, which therefore win.
 */
final class NflowRoutes implements HttpService {

    static final String MODE = "process";

    private final NflowRouter router;
    private final NflowRuntime runtime;
    private final RunStore runs;
    private final LoginStore logins;
    private final RequestBody bodies;
    private final String loginPath;
    private final boolean secureCookies;

    NflowRoutes(NflowRouter router, NflowRuntime runtime, RunStore runs, LoginStore logins, RequestBody bodies,
                String loginPath, boolean secureCookies) {
        this.router = router;
        this.runtime = runtime;
        this.runs = runs;
        this.logins = logins;
        this.bodies = bodies;
        this.loginPath = loginPath;
        this.secureCookies = secureCookies;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.any(this::handle);
    }

    private void handle(ServerRequest request, ServerResponse response) {
        Route route = router.route(request.prologue().method().text(), request.path().rawPath());
        switch (route) {
            case Route.None ignored -> response.next();
            case Route.WrongMethod wrong -> {
                String allow = String.join(", ", wrong.allow());
                Problems.of(ProblemType.METHOD_NOT_ALLOWED, request.prologue().method().text() + " is not served on "
                        + request.path().rawPath() + "; it serves " + allow).withHeader("Allow", allow).send(response);
            }
            case Route.Matched matched -> serve(matched, request, response);
        }
    }

    private void serve(Route.Matched matched, ServerRequest http, ServerResponse response) {
        NflowFlow flow = matched.flow();
        NflowRequest request = HttpRequests.read(http, bodies, matched.endpoint(), matched.vars());
        BrowserLogin login = new BrowserLogin(logins, HttpRequests.cookie(http, LoginStore.COOKIE));
        List<String> cookies = new ArrayList<>();
        if (flow.auth() && login.profile() == null) {
            login.loginValues().put("redirect_url", matched.endpoint());
            addIfPresent(cookies, login.persist(secureCookies));
            cookies.forEach(c -> response.headers().add(HeaderNames.SET_COOKIE, c));
            response.header(HeaderNames.LOCATION, loginPath).header("Flowstate-Mode", MODE)
                    .status(Status.TEMPORARY_REDIRECT_307).send();
            return;
        }
        String claimed = matched.claimed() != null ? matched.claimed() : request.field("nflow_next_node_run");
        String named = request.field("nflow_process_id");
        RunRequest key = new RunRequest(flow, named, owner(login), HttpRequests.cookies(http), secureCookies);
        NflowAnswer answer = new NflowAnswer();
        if (claimed == null && named == null) {
            UUID wid = UUID.randomUUID();
            RunContext run = new RunContext(flow, request, wid.toString(), wid.toString(), login, answer);
            RunResult result = runtime.run(run, flow.first(), NflowRuntime.fields(request));
            finish(key, null, wid, result, answer, login, matched.endpoint(), cookies, response);
            return;
        }
        RunStore.Found found = runs.find(key);
        if (found instanceof RunStore.Found.Refused refused) {
            addIfPresent(cookies, login.persist(secureCookies));
            send(refused.reply().withHeader("Flowstate-Mode", MODE), cookies, response);
            return;
        }
        StoredRun stored = ((RunStore.Found.Paused) found).run();
        String id = stored.process().processId().toString();
        RunContext run = new RunContext(flow, request, id, id, login, answer);
        if (claimed != null && !claimed.equals(stored.resumeNode())) {
            // the page of the node the run waits at, again; nothing is committed and nothing jumps
            runtime.run(run, stored.pausedAt(), stored.process().state().deepCopy());
            addIfPresent(cookies, login.persist(secureCookies));
            String body = answer.contentType().startsWith("text/html")
                    ? HiddenProcessField.add(answer.body(), matched.endpoint(), id) : answer.body();
            response.header("Flowstate-Process-Id", id);
            write(409, answer, body, cookies, response);
            return;
        }
        ObjectNode payload = stored.process().state().deepCopy();
        payload.setAll(NflowRuntime.fields(request));
        RunResult result = runtime.run(run, stored.resumeNode(), payload);
        finish(key, stored, stored.process().processId(), result, answer, login, matched.endpoint(), cookies, response);
    }

    private void finish(RunRequest key, @Nullable StoredRun before, UUID wid, RunResult result, NflowAnswer answer,
                        BrowserLogin login, String endpoint, List<String> cookies, ServerResponse response) {
        if (result.status() == RunResult.Status.FAILED) {
            if (before != null) {
                runs.save(key, before, wid, result);
            }
            addIfPresent(cookies, login.persist(secureCookies));
            send(failure(result), cookies, response);
            return;
        }
        Outcome saved = runs.save(key, before, wid, result);
        if (saved instanceof Outcome.Rejected rejected) {
            addIfPresent(cookies, login.persist(secureCookies));
            // of two continuations of one page, the one that lost the compare-and-set is answered like a stale form
            ProblemType type = rejected.rejection().type() == RejectionType.VERSION_MISMATCH
                    ? ProblemType.STEP_NOT_WAITING : rejected.rejection().type().problem();
            send(Problems.of(type, rejected.rejection().message()).withHeader("Flowstate-Mode", MODE), cookies,
                    response);
            return;
        }
        addIfPresent(cookies, login.persist(secureCookies));
        String body = answer.body();
        if (result.status() == RunResult.Status.PAUSED) {
            String id = wid.toString();
            if (answer.contentType().startsWith("text/html")) {
                body = HiddenProcessField.add(body, endpoint, id);
            }
            response.header("Flowstate-Process-Id", id);
        }
        cookies.addAll(runs.cookies(key, before, wid, result));
        write(answer.written() ? answer.status() : 200, answer, body, cookies, response);
    }

    private static Reply failure(RunResult result) {
        Problem error = result.error();
        ProblemType type = error == null ? ProblemType.SCRIPT_FAILED
                : ProblemType.ofCode(error.code()).orElse(ProblemType.SCRIPT_FAILED);
        ObjectNode body = Problems.problem(type, error == null ? null : error.detail());
        if (error != null && error.step() != null) {
            body.put("step", error.step());
        }
        return Problems.of(type, body).withHeader("Flowstate-Mode", MODE);
    }

    private static void write(int status, NflowAnswer answer, String body, List<String> cookies,
                              ServerResponse response) {
        response.status(Status.create(status));
        response.header("Flowstate-Mode", MODE);
        for (Map.Entry<String, String> header : answer.headers()) {
            response.headers().add(HeaderNames.create(header.getKey()), header.getValue());
        }
        cookies.forEach(c -> response.headers().add(HeaderNames.SET_COOKIE, c));
        if (!answer.contentType().isEmpty()) {
            response.header(HeaderNames.CONTENT_TYPE, answer.contentType());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            response.send();
        } else {
            response.send(bytes);
        }
    }

    private static void send(Reply reply, List<String> cookies, ServerResponse response) {
        cookies.forEach(c -> response.headers().add(HeaderNames.SET_COOKIE, c));
        reply.send(response);
    }

    /** The logged-in user (the profile's {@code username}), who owns the runs started with that login. */
    static @Nullable String owner(BrowserLogin login) {
        ObjectNode profile = login.profile();
        return profile == null || !profile.hasNonNull("username") ? null : profile.get("username").asText();
    }

    private static void addIfPresent(List<String> cookies, @Nullable String cookie) {
        if (cookie != null) {
            cookies.add(cookie);
        }
    }
}
