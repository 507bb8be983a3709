package io.flowstate.server.nflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowstate.core.engine.Outcome;
import io.flowstate.core.engine.RejectionType;
import io.flowstate.core.process.Problem;
import io.flowstate.core.process.ProcessInstance;
import io.flowstate.core.process.ProblemType;
import io.flowstate.nflow.app.NflowFlow;
import io.flowstate.nflow.app.NflowRouter;
import io.flowstate.nflow.app.Route;
import io.flowstate.nflow.run.Forks;
import io.flowstate.nflow.run.NflowAnswer;
import io.flowstate.nflow.run.NflowRequest;
import io.flowstate.nflow.run.NflowRuntime;
import io.flowstate.nflow.run.RunContext;
import io.flowstate.nflow.run.RunResult;
import io.flowstate.server.metrics.FlowstateMetrics;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The starters of nFlow apps as routes (NFLOW.md §2): a fresh start runs from the starter; a continuation (a
 * claimed node or {@code nflow_process_id}) resumes only at the node the server stored, after the starter's login
 * check, which applies to every request. Registered after the API routes, which therefore win. {@link RunModes}
 * says which mode serves each request; in session mode the whole request holds the session's lock.
 */
final class NflowRoutes implements HttpService {

    private static final String MODE_HEADER = Representations.MODE_HEADER;
    private static final String PROCESS_ID_HEADER = "Flowstate-Process-Id";

    private final NflowRouter router;
    private final NflowRuntime runtime;
    private final RunModes modes;
    private final LoginStore logins;
    private final RequestBody bodies;
    private final String loginPath;
    private final boolean secureCookies;
    private final FlowstateMetrics metrics;

    NflowRoutes(NflowRouter router, NflowRuntime runtime, RunModes modes, LoginStore logins, RequestBody bodies,
                String loginPath, boolean secureCookies, FlowstateMetrics metrics) {
        this.metrics = metrics;
        this.router = router;
        this.runtime = runtime;
        this.modes = modes;
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
        long began = System.nanoTime();
        NflowFlow flow = matched.flow();
        NflowRequest request = HttpRequests.read(http, bodies, matched.endpoint(), matched.vars());
        BrowserLogin login = new BrowserLogin(logins, HttpRequests.cookie(http, LoginStore.COOKIE));
        List<String> cookies = new ArrayList<>();
        if (flow.auth() && login.profile() == null) {
            login.loginValues().put("redirect_url", matched.endpoint());
            addIfPresent(cookies, login.persist(secureCookies));
            cookies.forEach(c -> response.headers().add(HeaderNames.SET_COOKIE, c));
            String mode = modes.declared(flow).wireName();
            response.header(HeaderNames.LOCATION, loginPath).header(MODE_HEADER, mode)
                    .status(Status.TEMPORARY_REDIRECT_307).send();
            metrics.nflowRequest(flow.id(), mode, "login", Duration.ofNanos(System.nanoTime() - began));
            return;
        }
        String claimed = matched.claimed() != null ? matched.claimed() : request.field("nflow_next_node_run");
        String named = request.field("nflow_process_id");
        Map<String, String> jar = HttpRequests.cookies(http);
        RunRequest key = new RunRequest(flow, named, owner(login), jar, secureCookies);
        Exchange exchange = new Exchange(key, request, login, matched.endpoint(), cookies, response);
        RunModes.Served served = claimed == null && named == null ? modes.freshStart(flow, http, response)
                : modes.continuation(flow, named, jar, http, response);
        String outcome = modes.serve(served, () -> claimed == null && named == null ? start(exchange, served)
                : resume(exchange, served, claimed));
        metrics.nflowRequest(flow.id(), served.header(), outcome, Duration.ofNanos(System.nanoTime() - began));
    }

    /** What one request's handling carries from step to step. */
    private record Exchange(RunRequest key, NflowRequest request, BrowserLogin login, String endpoint,
                            List<String> cookies, ServerResponse response) {
    }

    /** Runs a fresh start; returns the outcome (metrics). */
    private String start(Exchange exchange, RunModes.Served served) {
        NflowFlow flow = exchange.key().flow();
        served.store().replace(exchange.key());
        UUID wid = UUID.randomUUID();
        RunContext run = new RunContext(flow, exchange.request(), wid.toString(), shownId(served, wid), exchange.login(),
                new NflowAnswer());
        RunResult result = runtime.run(run, flow.first(), NflowRuntime.fields(exchange.request()));
        return finish(exchange, served, null, wid, result, run.answer());
    }

    /** Runs a continuation; returns the outcome (metrics). */
    private String resume(Exchange exchange, RunModes.Served served, @Nullable String claimed) {
        RunStore runs = served.store();
        StoredRun recent = runs.recent(exchange.key());
        RunStore.Found found = null;
        if (recent != null && (claimed == null || claimed.equals(recent.resumeNode()))) {
            Attempt attempt = resumeFromCopy(exchange, served, recent);
            if (attempt.answered() != null) {
                return attempt.answered();
            }
            found = attempt.stored() != null ? runs.find(exchange.key(), attempt.stored()) : null;
        }
        if (found == null) {
            found = runs.find(exchange.key());
        }
        if (found instanceof RunStore.Found.Refused refused) {
            addIfPresent(exchange.cookies(), exchange.login().persist(secureCookies));
            send(refused.reply().withHeader(MODE_HEADER, served.header()), exchange.cookies(), exchange.response());
            return "refused";
        }
        StoredRun stored = ((RunStore.Found.Paused) found).run();
        RunContext run = continuation(exchange, served, stored, Forks.immediate());
        if (claimed != null && !claimed.equals(stored.resumeNode())) {
            // the page of the node the run waits at, again; nothing is committed and nothing jumps
            runtime.run(run, stored.pausedAt(), stored.process().state().deepCopy());
            addIfPresent(exchange.cookies(), exchange.login().persist(secureCookies));
            UUID wid = UUID.fromString(run.wid());
            String body = page(served, run.answer(), exchange.endpoint(), wid);
            write(409, served, run.answer(), body, exchange.cookies(), exchange.response());
            return "stale";
        }
        RunResult result = runtime.run(run, stored.resumeNode(), payload(exchange, stored));
        return finish(exchange, served, stored, UUID.fromString(run.wid()), result, run.answer());
    }

    /** What a run from a copy at hand gave: the request answered (the outcome), or the stored process, if known. */
    private record Attempt(@Nullable String answered, @Nullable ProcessInstance stored) {
    }

    /**
     * Runs a continuation from the copy of its process this instance holds at hand (process mode), saving the read.
     * The run counts only if its compare-and-set commits, which proves the copy current; until then its forks wait
     * and it changes a copy of the login, so a run that does not count leaves nothing behind. Anything but a commit is
     * decided again on the stored process: the one a lost compare-and-set answered with, or a read.
     */
    private Attempt resumeFromCopy(Exchange exchange, RunModes.Served served, StoredRun recent) {
        Exchange trial = new Exchange(exchange.key(), exchange.request(), exchange.login().copy(), exchange.endpoint(),
                exchange.cookies(), exchange.response());
        Forks forks = Forks.held();
        RunContext run = continuation(trial, served, recent, forks);
        RunResult result = runtime.run(run, recent.resumeNode(), payload(trial, recent));
        Outcome saved = served.store().save(trial.key(), recent, recent.process().processId(), result);
        if (saved instanceof Outcome.Rejected rejected) {
            return new Attempt(null, rejected.rejection().current());
        }
        forks.release();
        return new Attempt(reply(trial, served, recent, run.wid(), result, run.answer(), saved), null);
    }

    /** The context of a continuation of {@code stored}. */
    private static RunContext continuation(Exchange exchange, RunModes.Served served, StoredRun stored, Forks forks) {
        // in session mode the stored id is the session's secret: the run sees a fresh wid and no process id
        UUID wid = served.inSession() ? UUID.randomUUID() : stored.process().processId();
        return new RunContext(exchange.key().flow(), exchange.request(), wid.toString(), shownId(served, wid),
                exchange.login(), new NflowAnswer(), forks);
    }

    /** The state a continuation resumes with: the stored state, and the request's fields over it. */
    private static ObjectNode payload(Exchange exchange, StoredRun stored) {
        ObjectNode payload = stored.process().state().deepCopy();
        payload.setAll(NflowRuntime.fields(exchange.request()));
        return payload;
    }

    /** Commits what a run did and answers; returns the outcome: paused, completed, failed or refused. */
    private String finish(Exchange exchange, RunModes.Served served, @Nullable StoredRun before, UUID wid,
                        RunResult result, NflowAnswer answer) {
        Outcome saved = served.store().save(exchange.key(), before, wid, result);
        return reply(exchange, served, before, wid.toString(), result, answer, saved);
    }

    /** Answers a run whose commit answered {@code saved}; returns the outcome: paused, completed, failed or refused. */
    private String reply(Exchange exchange, RunModes.Served served, @Nullable StoredRun before, String runId,
                         RunResult result, NflowAnswer answer, Outcome saved) {
        RunStore runs = served.store();
        UUID wid = UUID.fromString(runId);
        List<String> cookies = exchange.cookies();
        ServerResponse response = exchange.response();
        if (result.status() == RunResult.Status.FAILED) {
            // a failed fresh start is not stored; a failed continuation is
            addIfPresent(cookies, exchange.login().persist(secureCookies));
            send(failure(result, served.header()), cookies, response);
            return "failed";
        }
        if (saved instanceof Outcome.Rejected rejected) {
            addIfPresent(cookies, exchange.login().persist(secureCookies));
            // of two continuations of one page, the one that lost the compare-and-set is answered like a stale form
            ProblemType type = rejected.rejection().type() == RejectionType.VERSION_MISMATCH
                    ? ProblemType.STEP_NOT_WAITING : rejected.rejection().type().problem();
            send(Problems.of(type, rejected.rejection().message()).withHeader(MODE_HEADER, served.header()), cookies,
                    response);
            return "refused";
        }
        addIfPresent(cookies, exchange.login().persist(secureCookies));
        String body = result.status() == RunResult.Status.PAUSED
                ? page(served, answer, exchange.endpoint(), wid) : answer.body();
        cookies.addAll(runs.cookies(exchange.key(), before, wid, result));
        write(answer.written() ? answer.status() : 200, served, answer, body, cookies, response);
        return result.status() == RunResult.Status.PAUSED ? "paused" : "completed";
    }

    /** The id forms carry: the process id, or {@code ""} in session mode (NFLOW.md §4.2 {@code form}). */
    private static String shownId(RunModes.Served served, UUID wid) {
        return served.inSession() ? "" : wid.toString();
    }

    /**
     * The answer of a paused run: in process mode its HTML forms carry the process id, which the
     * {@code Flowstate-Process-Id} header repeats ({@link #write}); in session mode nothing names the run.
     */
    private static String page(RunModes.Served served, NflowAnswer answer, String endpoint, UUID processId) {
        if (served.inSession()) {
            return answer.body();
        }
        answer.header(PROCESS_ID_HEADER, processId.toString());
        return answer.contentType().startsWith("text/html")
                ? HiddenProcessField.add(answer.body(), endpoint, processId.toString()) : answer.body();
    }

    private static Reply failure(RunResult result, String mode) {
        Problem error = result.error();
        ProblemType type = error == null ? ProblemType.SCRIPT_FAILED
                : ProblemType.ofCode(error.code()).orElse(ProblemType.SCRIPT_FAILED);
        ObjectNode body = Problems.problem(type, error == null ? null : error.detail());
        if (error != null && error.step() != null) {
            body.put("step", error.step());
        }
        return Problems.of(type, body).withHeader(MODE_HEADER, mode);
    }

    private static void write(int status, RunModes.Served served, NflowAnswer answer, String body,
                              List<String> cookies, ServerResponse response) {
        response.status(Status.create(status));
        response.header(MODE_HEADER, served.header());
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
