// Live updates in Chromium: an event stream cut while versions are committed resumes after the last version it saw,
// with no gap and no duplicate; the WebSocket option delivers the same events.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../support/server.mjs";
import { launchBrowser, watchPage } from "../support/browser.mjs";
import { startProxy } from "../support/proxy.mjs";

let server;
let proxy;
let browser;

before(async () => {
  server = await startServer({ name: "live" });
  proxy = await startProxy(server.port);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await proxy?.close();
  await server?.stop();
});

async function step(id, version, stepId, input) {
  const answer = await fetch(`${server.url}/process/${id}/step`, { method: "POST",
    headers: { "Content-Type": "application/json", "If-Match": `"${version}"` }, body: JSON.stringify({ step: stepId, input }) });
  assert.equal(answer.status, 200, await answer.text());
}

test("an SSE subscription cut while a step commits resumes from its last version, without gap or duplicate", async () => {
  const page = await browser.newPage();
  const logs = watchPage(page);
  await page.goto(`${proxy.url}/demo/`);
  const id = await page.evaluate(async () => {
    const { FlowstateClient } = await import("/demo/sdk/index.js");
    const client = new FlowstateClient({ baseUrl: location.origin, storage: "memory", retry: { baseDelayMs: 100, maxDelayMs: 400 } });
    const process = await client.start("order");
    window.events = [];
    window.reconnects = [];
    await new Promise((resolve) => {
      window.subscription = client.subscribe(process.processId, (event) => {
        window.events.push(event.version + " " + event.type);
        resolve();
      }, { onReconnect: (r) => window.reconnects.push(r.afterVersion) });
    });
    window.client = client;
    return process.processId;
  });
  await step(id, 1, "contact", { name: "Ada", email: "ada@example.org" });
  await page.waitForFunction(() => window.events.length === 2);

  // cut the stream and keep it down while version 3 commits
  proxy.refuseStreams(true);
  assert.equal(proxy.cutStreams(), 1);
  await page.waitForFunction(() => window.reconnects.length >= 1);
  await step(id, 2, "plan", { plan: "basic", seats: 5, address: { city: "Rome" } });
  proxy.refuseStreams(false);

  await page.waitForFunction(() => window.events.length === 3, null, { timeout: 20_000 });
  await step(id, 3, "confirm", { accept: true });
  await page.waitForFunction(() => window.events.length === 4);

  assert.deepEqual(await page.evaluate(() => window.events),
    ["1 process.snapshot", "2 step.completed", "3 step.completed", "4 process.completed"]);
  const resumed = proxy.requests.filter((r) => r.path.startsWith(`/process/${id}/events`) && r.status === 200);
  assert.ok(resumed.length >= 2);
  assert.equal(resumed[0].lastEventId, undefined, "the first connection starts from a snapshot");
  assert.equal(resumed.at(-1).lastEventId, "2", "the resumed stream asks for what follows version 2");
  assert.equal(await page.evaluate(() => window.subscription.closed), true, "the terminal event ends it");
  assert.equal(await page.evaluate((processId) => window.client.cached(processId).version, id), 4, "events update the cache");
  assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  await page.close();
});

test("the WebSocket option delivers the same events, from a snapshot to the terminal one", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo/`);
  const id = await page.evaluate(async () => {
    const { FlowstateClient } = await import("/demo/sdk/index.js");
    const client = new FlowstateClient({ baseUrl: location.origin, storage: "memory" });
    const process = await client.start("order");
    window.events = [];
    await new Promise((resolve) => {
      window.subscription = client.subscribe(process.processId, (event) => {
        window.events.push(event.version + " " + event.type);
        resolve();
      }, { transport: "websocket" });
    });
    return process.processId;
  });
  await step(id, 1, "contact", { name: "Ada", email: "ada@example.org" });
  await step(id, 2, "plan", { plan: "basic", seats: 5, address: { city: "Rome" } });
  await step(id, 3, "confirm", { accept: true });
  await page.waitForFunction(() => window.events.length === 4);
  assert.deepEqual(await page.evaluate(() => window.events),
    ["1 process.snapshot", "2 step.completed", "3 step.completed", "4 process.completed"]);
  assert.equal(await page.evaluate(() => window.subscription.closed), true);
  await page.close();
});
