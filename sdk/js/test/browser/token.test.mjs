// Token mode in Chromium against a real server: the client keeps the process token (across a reload too) and
// continues with it behind the same calls; an ended process is forgotten.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "../support/server.mjs";
import { launchBrowser } from "../support/browser.mjs";

let server;
let browser;

before(async () => {
  server = await startServer({ name: "token" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a token-mode flow runs through start, step, reload and resume, with the token kept by the client", async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}/demo/`);
  const first = await page.evaluate(async () => {
    const { FlowstateClient } = await import("/demo/sdk/index.js");
    const client = new FlowstateClient({ baseUrl: location.origin });
    const started = await client.start("quiz");
    const next = await client.step(started.processId, "first", { colour: "green" });
    let history;
    try {
      await client.history(started.processId);
    } catch (error) {
      history = error.code;
    }
    return { id: started.processId, token: typeof started.processToken, version: next.version, step: next.nextStep.id,
      newToken: next.processToken !== started.processToken, history };
  });
  assert.deepEqual({ ...first, id: undefined }, { id: undefined, token: "string", version: 2, step: "second",
    newToken: true, history: "not_supported" });
  assert.equal((await fetch(`${server.url}/process/${first.id}`)).status, 404, "nothing is stored");

  await page.reload();
  const second = await page.evaluate(async () => {
    const { FlowstateClient } = await import("/demo/sdk/index.js");
    const client = new FlowstateClient({ baseUrl: location.origin });
    const resumed = await client.resume("quiz");
    const done = await client.step(resumed.processId, resumed.nextStep.id, { number: 7 });
    return { id: resumed.processId, resumedVersion: resumed.version, status: done.status, result: done.result,
      token: done.processToken, remembered: client.remembered("quiz") ?? null };
  });
  assert.deepEqual(second, { id: first.id, resumedVersion: 2, status: "completed", result: { colour: "green", number: 7 },
    token: null, remembered: null });
  await page.close();
});
