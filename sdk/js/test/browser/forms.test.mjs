// The demo page in Chromium against a real `flowstate serve --demo`: a 3-step flow through forms rendered from
// its schemas (client-side messages, a server 422 on the right field), a reload in the middle, and a screenshot.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { startServer, TARGET_DIR } from "../support/server.mjs";
import { launchBrowser, watchPage } from "../support/browser.mjs";

let server;
let browser;

before(async () => {
  server = await startServer({ name: "forms" });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test("runs a 3-step flow through forms, shows a 422 on its field, resumes after a reload, and completes", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const logs = watchPage(page);
  await page.goto(`${server.url}/demo/#order`);
  await page.waitForSelector('form[data-step="contact"]');
  const id = await page.textContent("#process-id");

  // client-side checks: nothing is sent, each message sits on its field and is announced
  await page.fill("#fs-contact-name", "A");
  await page.fill("#fs-contact-email", "not-an-email");
  await page.fill("#fs-contact-age", "12");
  await page.click('form[data-step="contact"] button[type=submit]');
  assert.equal(await page.getAttribute("#fs-contact-name", "aria-invalid"), "true");
  assert.match(await page.textContent("#fs-contact-name-error"), /at least 2 characters/);
  assert.match(await page.textContent("#fs-contact-email-error"), /expected format/);
  assert.match(await page.textContent("#fs-contact-age-error"), /at least 18/);
  assert.equal(await page.getAttribute("#fs-contact-age", "aria-describedby"), "fs-contact-age-error");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "fs-contact-name");
  assert.equal(await page.textContent("#process-version"), "1", "nothing was submitted");

  await page.fill("#fs-contact-name", "Ada Lovelace");
  await page.fill("#fs-contact-email", "ada@example.org");
  await page.fill("#fs-contact-age", "36");
  await page.click('form[data-step="contact"] button[type=submit]');
  await page.waitForSelector('form[data-step="plan"]');
  assert.equal(await page.textContent("#process-version"), "2");

  // reload in the middle: the same process, at the same step
  await page.reload();
  await page.waitForSelector('form[data-step="plan"]');
  assert.equal(await page.textContent("#process-id"), id);
  assert.equal(await page.textContent("#process-version"), "2");

  // seats must be a multiple of 5: only the server checks that, and its 422 lands on the seats field
  await page.selectOption("#fs-plan-plan", { label: "pro" });
  await page.fill("#fs-plan-seats", "7");
  await page.check("#fs-plan-newsletter");
  await page.fill("#fs-plan-address-city", "London");
  await page.fill("#fs-plan-address-zip", "12345");
  await page.click('form[data-step="plan"] button[type=submit]');
  await page.waitForSelector('#fs-plan-seats[aria-invalid="true"]');
  assert.match(await page.textContent("#fs-plan-seats-error"), /multiple/i);
  assert.equal(await page.getAttribute("#fs-plan-address-city", "aria-invalid"), null);
  assert.match(await page.textContent(".fs-summary"), /Seats/);
  assert.equal(await page.textContent("#process-version"), "2", "a refused step changes nothing");

  await page.fill("#fs-plan-seats", "10");
  await page.click('form[data-step="plan"] button[type=submit]');
  await page.waitForSelector('form[data-step="confirm"]');
  await page.check("#fs-confirm-accept");
  await page.click('form[data-step="confirm"] button[type=submit]');
  await page.waitForFunction(() => document.getElementById("process-status")?.textContent === "completed");

  assert.equal(await page.textContent("#process-version"), "4");
  const result = JSON.parse(await page.textContent("#result-json"));
  assert.deepEqual(result, { name: "Ada Lovelace", email: "ada@example.org", age: 36, plan: "pro", seats: 10,
    newsletter: true, address: { city: "London", zip: "12345" }, accept: true });
  await page.waitForFunction(() => document.querySelectorAll("#history tbody tr").length === 4);
  const history = await (await fetch(`${server.url}/process/${id}/history`)).json();
  assert.deepEqual(history.entries.map((e) => e.type), ["process.started", "step.completed", "step.completed", "process.completed"]);
  // the live events the page got: a snapshot, then every later version once
  await page.waitForFunction(() => document.querySelectorAll("#events li").length >= 3);
  const versions = await page.$$eval("#events li", (items) => items.map((li) => Number(li.dataset.version)));
  assert.deepEqual(versions, [...new Set(versions)].sort((a, b) => a - b), "in order, no duplicate");
  assert.equal(versions.at(-1), 4);

  mkdirSync(TARGET_DIR, { recursive: true });
  const shot = path.join(TARGET_DIR, "demo-completed.png");
  await page.screenshot({ path: shot, fullPage: true });
  assert.deepEqual(logs.filter((l) => l.startsWith("pageerror")), []);
  console.log(`screenshot of the completed demo: ${shot}`);
  await context.close();
});

test("a finished flow is forgotten: the next visit starts a new process", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/demo/#order`);
  await page.waitForSelector('form[data-step="contact"]');
  const first = await page.textContent("#process-id");
  const remembered = await page.evaluate(() => window.flowstateDemo.client.remembered("order"));
  assert.equal(remembered, first);
  await page.evaluate(async (id) => {
    const { client } = window.flowstateDemo;
    await client.step(id, "contact", { name: "Bo", email: "bo@example.org" });
    await client.step(id, "plan", { plan: "basic", seats: 5, address: { city: "Oslo" } });
    await client.step(id, "confirm", { accept: true });
  }, first);
  assert.equal(await page.evaluate(() => window.flowstateDemo.client.remembered("order")), undefined);
  await page.reload();
  await page.waitForSelector('form[data-step="contact"]');
  assert.notEqual(await page.textContent("#process-id"), first);
  await context.close();
});
