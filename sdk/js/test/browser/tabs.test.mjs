// Two tabs of one origin in Chromium: a step in one shows in the other (events and BroadcastChannel, no request),
// and a submit from the stale tab gets a typed conflict instead of overwriting.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../support/server.mjs";
import { launchBrowser, watchPage } from "../support/browser.mjs";

let server;
let browser;

before(async () => {
  server = await startServer({ name: "tabs" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a step in one tab appears in the other, whose stale submit is a ConflictError carrying the current process", async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  const second = await context.newPage();
  watchPage(first);
  const logs = watchPage(second);
  await first.goto(`${server.url}/demo/#order`);
  await first.waitForSelector('form[data-step="contact"]');
  const id = await first.textContent("#process-id");

  // the second tab resumes the remembered process, and follows it over SSE and the tabs' channel
  await second.goto(`${server.url}/demo/`);
  await second.evaluate(async (processId) => {
    const { FlowstateClient } = await import("/demo/sdk/index.js");
    const client = new FlowstateClient({ baseUrl: location.origin });
    window.seen = { events: [], watched: [], requests: 0 };
    const process = await client.resume("order");
    window.seen.resumed = process?.processId === processId ? process.version : null;
    // the page's own client follows no stream: what it learns comes from the other tab
    await window.flowstateDemo.client.get(processId);
    window.flowstateDemo.client.watch(processId, (p, source) => window.seen.watched.push({ version: p.version, source }));
    await new Promise((resolve) => {
      client.subscribe(processId, (event) => {
        window.seen.events.push({ type: event.type, version: event.version });
        resolve();
      });
    });
    new PerformanceObserver((list) => { window.seen.requests += list.getEntries().length; })
      .observe({ type: "resource" });
    window.secondClient = client;
  }, id);
  assert.equal(await second.evaluate(() => window.seen.resumed), 1);

  await first.fill("#fs-contact-name", "Grace Hopper");
  await first.fill("#fs-contact-email", "grace@example.org");
  await first.click('form[data-step="contact"] button[type=submit]');
  await first.waitForSelector('form[data-step="plan"]');

  await second.waitForFunction(() => window.seen.events.some((e) => e.version === 2));
  const seen = await second.evaluate(() => window.seen);
  assert.deepEqual(seen.events, [{ type: "process.snapshot", version: 1 }, { type: "step.completed", version: 2 }]);
  await second.waitForFunction(() => window.seen.watched.length > 0);
  assert.deepEqual((await second.evaluate(() => window.seen)).watched, [{ version: 2, source: "tab" }],
    "the other tab's write arrived over BroadcastChannel");
  assert.equal(await second.evaluate(() => window.seen.requests), 0, "no request was needed to learn version 2");
  assert.equal(await second.evaluate((processId) => window.flowstateDemo.client.cached(processId).version, id), 2);
  assert.equal(await second.evaluate((processId) => window.secondClient.cached(processId).version, id), 2);

  // the second tab still shows the contact form of version 1 and submits it
  const conflict = await second.evaluate(async (processId) => {
    const { ConflictError } = await import("/demo/sdk/index.js");
    try {
      await window.secondClient.step(processId, "contact", { name: "Stale", email: "stale@example.org" }, { ifVersion: 1 });
      return { thrown: false };
    } catch (error) {
      return { thrown: true, conflict: error instanceof ConflictError, name: error.name, code: error.code, status: error.status,
        currentVersion: error.current?.version, currentName: error.current?.state?.name, nextStep: error.current?.nextStep?.id };
    }
  }, id);
  assert.deepEqual(conflict, { thrown: true, conflict: true, name: "ConflictError", code: "version_mismatch", status: 412,
    currentVersion: 2, currentName: "Grace Hopper", nextStep: "plan" });

  // nothing was lost or overwritten
  const process = await (await fetch(`${server.url}/process/${id}`)).json();
  assert.equal(process.version, 2);
  assert.equal(process.state.name, "Grace Hopper");
  assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  await context.close();
});

test("the demo page in another tab follows a step made elsewhere to the next form without a reload", async () => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await first.goto(`${server.url}/demo/#order`);
  await first.waitForSelector('form[data-step="contact"]');
  const id = await first.textContent("#process-id");
  const second = await context.newPage();
  await second.goto(`${server.url}/demo/#order`);
  await second.waitForSelector('form[data-step="contact"]');
  assert.equal(await second.textContent("#process-id"), id);

  const answer = await fetch(`${server.url}/process/${id}/step`, { method: "POST",
    headers: { "Content-Type": "application/json", "If-Match": '"1"' },
    body: JSON.stringify({ step: "contact", input: { name: "Elsewhere", email: "else@example.org" } }) });
  assert.equal(answer.status, 200);

  for (const page of [first, second]) {
    await page.waitForSelector('form[data-step="plan"]');
    assert.equal(await page.textContent("#process-version"), "2");
    assert.match(await page.textContent("#state"), /Elsewhere/);
  }
  await context.close();
});
