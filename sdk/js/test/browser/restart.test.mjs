// The server stops while a step is on its way and comes back on the same SQLite file: the SDK retries with the same
// Idempotency-Key until the server answers, and the step is committed exactly once.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import path from "node:path";
import { startServer, TARGET_DIR } from "../support/server.mjs";
import { launchBrowser, watchPage } from "../support/browser.mjs";
import { startProxy } from "../support/proxy.mjs";

let server;
let proxy;
let browser;
let dataDir;

before(async () => {
  dataDir = mkdtempSync(path.join(TARGET_DIR, "restart-"));
  server = await startServer({ name: "restart", dataDir });
  proxy = await startProxy(server.port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.stop();
});

test("a step whose answer is lost while the server restarts is committed once, and the retry gets its answer", async () => {
  const page = await browser.newPage();
  const logs = watchPage(page);
  await page.goto(`${proxy.url}/demo/`);
  const id = await page.evaluate(async () => {
    const { FlowstateClient } = await import("/demo/sdk/index.js");
    window.retries = [];
    window.client = new FlowstateClient({ baseUrl: location.origin, storage: "memory",
      retry: { retries: 150, baseDelayMs: 200, maxDelayMs: 1000 }, onRetry: (r) => window.retries.push(r) });
    const process = await window.client.start("order");
    await window.client.step(process.processId, "contact", { name: "Ada", email: "ada@example.org" });
    return process.processId;
  });

  // the step reaches the server and commits; before its answer gets back, the server stops
  const lost = proxy.loseAnswerOf((r) => r.method === "POST" && r.path === `/process/${id}/step`, async () => {
    await server.stop();
  });
  await page.evaluate((processId) => {
    window.outcome = window.client.step(processId, "plan", { plan: "team", seats: 20, address: { city: "Paris" } })
      .then((p) => ({ version: p.version, nextStep: p.nextStep?.id }), (e) => ({ error: e.code, message: e.message }));
  }, id);
  const first = await lost;
  assert.equal(first.status, 200, "the first attempt was committed by the server");
  await page.waitForFunction(() => window.retries.length >= 2); // it is retrying against a stopped server
  server = await startServer({ name: "restart-again", dataDir, port: server.port });

  const outcome = await page.evaluate(() => window.outcome);
  assert.deepEqual(outcome, { version: 3, nextStep: "confirm" }, JSON.stringify(logs));
  const attempts = proxy.requests.filter((r) => r.method === "POST" && r.path === `/process/${id}/step`
    && r.idempotencyKey === first.idempotencyKey);
  assert.ok(attempts.length >= 2, `retried: ${attempts.length} attempts`);
  assert.equal(attempts.at(-1).status, 200);
  assert.equal(attempts.at(-1).replayed, "true", "the server replayed the committed answer");
  const keys = new Set(proxy.requests.filter((r) => r.path === `/process/${id}/step`).map((r) => r.idempotencyKey));
  assert.equal(keys.size, 2, "one key per logical step (contact, plan), the same on every retry");
  const retries = await page.evaluate(() => window.retries);
  assert.ok(retries.every((r) => r.idempotencyKey === first.idempotencyKey && r.method === "POST"));

  const process = await (await fetch(`${server.url}/process/${id}`)).json();
  assert.equal(process.version, 3);
  const history = await (await fetch(`${server.url}/process/${id}/history`)).json();
  assert.deepEqual(history.entries.map((e) => [e.version, e.type, (e.steps ?? []).map((s) => s.step).join(",")]),
    [[1, "process.started", ""], [2, "step.completed", "contact"], [3, "step.completed", "plan"]]);
  await page.close();
});
