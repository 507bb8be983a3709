// The client's request discipline against a scripted HTTP server on a free port: which answers are retried,
// with what key and back-off, how problems become typed errors, how processes are remembered and forgotten.
import { after, before, beforeEach, test } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { ConflictError, FlowstateClient, FlowstateError, MemoryStorage } from "../../dist/index.js";

/** Answers each request with the next scripted reply; records what it was sent. */
class ScriptedServer {
  replies = [];
  requests = [];
  async start() {
    this.server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => { body += c; });
      req.on("end", () => {
        this.requests.push({ method: req.method, url: req.url, headers: req.headers, body: body ? JSON.parse(body) : undefined });
        const reply = this.replies.shift() ?? { status: 500, body: { code: "internal_error" } };
        if (reply.cut) return req.socket.destroy();
        res.writeHead(reply.status, { "Content-Type": reply.status >= 400 ? "application/problem+json" : "application/json",
          ...(reply.headers ?? {}) });
        res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      });
    });
    await new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}`;
  }
  stop() {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(resolve));
  }
}

const server = new ScriptedServer();
const fast = { retries: 4, baseDelayMs: 1, maxDelayMs: 5 };
const process = (version, extra = {}) => ({ processId: "p-1", flow: "order", status: "waiting", version,
  nextStep: { id: "plan", type: "form" }, state: {}, createdAt: "", updatedAt: "", expiresAt: "", ...extra });
const problem = (status, code, extra = {}) => ({ type: `urn:flowstate:problem:${code}`, title: code, status, code, detail: code, ...extra });
let client;

before(() => server.start());
after(() => server.stop());
beforeEach(() => {
  server.replies = [];
  server.requests = [];
  client = new FlowstateClient({ baseUrl: server.url + "/", storage: new MemoryStorage(), retry: fast, channel: false });
});

test("a write retried after 503, 429 and a cut connection carries one Idempotency-Key and the same If-Match", async () => {
  server.replies = [{ status: 201, body: process(1) },
    { status: 503, body: problem(503, "store_unavailable"), headers: { "Retry-After": "0" } },
    { cut: true }, { status: 429, body: problem(429, "rate_limited") }, { status: 200, body: process(2) }];
  await client.start("order");
  const next = await client.step("p-1", "contact", { name: "Ada" });

  assert.equal(next.version, 2);
  const steps = server.requests.filter((r) => r.url === "/process/p-1/step");
  assert.equal(steps.length, 4);
  assert.equal(new Set(steps.map((r) => r.headers["idempotency-key"])).size, 1);
  assert.ok(steps.every((r) => r.headers["if-match"] === '"1"'));
  assert.deepEqual(steps[0].body, { step: "contact", input: { name: "Ada" } });
  assert.notEqual(server.requests[0].headers["idempotency-key"], steps[0].headers["idempotency-key"], "a new key per write");
});

test("another 4xx is never retried and becomes a FlowstateError with code, status and body", async () => {
  server.replies = [{ status: 422, body: problem(422, "invalid_input", { errors: [{ pointer: "/seats", keyword: "multipleOf", detail: "x" }] }) }];
  await assert.rejects(client.step("p-1", "plan", { seats: 7 }), (error) => {
    assert.ok(error instanceof FlowstateError);
    assert.equal(error.code, "invalid_input");
    assert.equal(error.status, 422);
    assert.deepEqual(error.errors, [{ pointer: "/seats", keyword: "multipleOf", detail: "x" }]);
    return true;
  });
  assert.equal(server.requests.length, 1);
});

test("a 412 is a ConflictError with the current process, which also updates the cache", async () => {
  server.replies = [{ status: 412, body: problem(412, "version_mismatch", { currentVersion: 5, current: process(5) }) }];
  await assert.rejects(client.step("p-1", "plan", {}, { ifVersion: 3 }), (error) => {
    assert.ok(error instanceof ConflictError);
    assert.equal(error.current.version, 5);
    return true;
  });
  assert.equal(server.requests[0].headers["if-match"], '"3"');
  assert.equal(client.cached("p-1").version, 5);
});

test("patch with rebase applies the patch again on the current version", async () => {
  server.replies = [{ status: 201, body: process(1) },
    { status: 412, body: problem(412, "version_mismatch", { currentVersion: 2, current: process(2, { state: { a: 1 } }) }) },
    { status: 200, body: { a: 1, b: 2 }, headers: { ETag: '"3"' } }];
  await client.start("order");
  const patched = await client.patch("p-1", { b: 2 }, { rebase: true });

  assert.equal(patched.version, 3);
  assert.deepEqual(patched.state, { a: 1, b: 2 });
  const patches = server.requests.filter((r) => r.method === "PATCH");
  assert.deepEqual(patches.map((r) => r.headers["if-match"]), ['"1"', '"2"']);
  assert.equal(patches[0].headers["content-type"], "application/merge-patch+json");
});

test("retries stop at the limit with network_error, and an abort stops them at once", async () => {
  server.replies = Array.from({ length: 5 }, () => ({ cut: true }));
  await assert.rejects(client.get("p-1"), (error) => error.code === "network_error" && error.status === 0);
  assert.equal(server.requests.length, 5);

  const slow = new FlowstateClient({ baseUrl: server.url, storage: "memory", channel: false,
    retry: { retries: 5, baseDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0.99 } });
  server.replies = [{ status: 503, body: problem(503, "store_unavailable") }];
  const controller = new AbortController();
  const call = slow.get("p-1", { signal: controller.signal });
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(call, (error) => error.code === "aborted");
});

test("a started process is remembered per flow, resumed after a reload, and forgotten when it ends or is gone", async () => {
  const storage = new MemoryStorage();
  const tab = new FlowstateClient({ baseUrl: server.url, storage, retry: fast, channel: false });
  server.replies = [{ status: 201, body: process(1) }];
  await tab.start("order");
  assert.equal(tab.remembered("order"), "p-1");

  const reloaded = new FlowstateClient({ baseUrl: server.url, storage, retry: fast, channel: false });
  assert.equal(reloaded.cached("p-1").version, 1, "read at once from storage");
  server.replies = [{ status: 304 }];
  assert.equal((await reloaded.resume("order")).version, 1);
  assert.equal(server.requests.at(-1).headers["if-none-match"], '"1"');

  server.replies = [{ status: 200, body: process(2, { status: "completed", nextStep: null }) }];
  await reloaded.step("p-1", "plan", {});
  assert.equal(reloaded.remembered("order"), undefined, "an ended process is forgotten");

  server.replies = [{ status: 201, body: process(1) }, { status: 404, body: problem(404, "process_not_found") }];
  await reloaded.start("order");
  assert.equal(await reloaded.resume("order"), null);
  assert.equal(reloaded.remembered("order"), undefined);
});

test("reads ask for the last version this client wrote (read-your-writes)", async () => {
  server.replies = [{ status: 201, body: process(1) }, { status: 200, body: process(2) }, { status: 200, body: process(2) }];
  await client.start("order");
  await client.step("p-1", "plan", {});
  await client.get("p-1");
  assert.equal(server.requests.at(-1).url, "/process/p-1?minVersion=2");
});

test("token mode: the client keeps the token and continues with it behind the same calls", async () => {
  server.replies = [{ status: 201, body: { ...process(1), processToken: "t1" } },
    { status: 200, body: { ...process(2, { status: "completed", nextStep: null }), processToken: null } }];
  const started = await client.start("order");
  assert.equal(started.processToken, "t1");
  assert.equal((await client.get("p-1")).version, 1, "token mode answers from the client");
  const done = await client.step("p-1", "plan", { x: 1 });

  assert.equal(done.status, "completed");
  const cont = server.requests.at(-1);
  assert.equal(cont.url, "/workflow/continue");
  assert.equal(cont.headers.authorization, "Bearer t1");
  assert.deepEqual(cont.body, { input: { x: 1 }, step: "plan", flow: "order" });
  assert.equal(server.requests.length, 2);
  assert.equal(client.remembered("order"), undefined);
});

test("a run the switch puts in session mode is named session:<flow> and reached through /session/<flow>", async () => {
  const run = (version, extra = {}) => ({ ...process(version), processId: null, mode: "session", ...extra });
  server.replies = [{ status: 201, body: run(1), headers: { "Flowstate-Mode": "session" } },
    { status: 200, body: run(2) }, { status: 200, body: run(2) },
    { status: 412, body: problem(412, "version_mismatch", { currentVersion: 2, current: run(2) }) },
    { status: 201, body: { ...process(2), processId: "p-9", mode: "process" }, headers: { Location: "/process/p-9" } }];

  const started = await client.start("order");
  assert.equal(started.processId, "session:order");
  assert.equal(client.remembered("order"), "session:order");
  const stepped = await client.step(started.processId, "plan", { seats: 2 });
  assert.equal(stepped.version, 2);
  assert.equal((await client.get("session:order")).version, 2);
  await assert.rejects(client.step("session:order", "plan", {}, { ifVersion: 1 }), (error) => {
    assert.ok(error instanceof ConflictError);
    assert.equal(error.current.processId, "session:order");
    return true;
  });
  assert.throws(() => client.subscribe("session:order", () => {}), (error) => error.code === "not_supported");
  const migrated = await client.migrate("order");

  assert.equal(migrated.processId, "p-9");
  assert.equal(client.remembered("order"), "p-9");
  assert.deepEqual(server.requests.map((r) => `${r.method} ${r.url}`), ["POST /workflow/start",
    "POST /session/order/step", "GET /session/order", "POST /session/order/step", "POST /session/order/migrate"]);
  assert.equal(server.requests[3].headers["if-match"], '"1"');
});
