// Drives the inspector (/ui/) in headless Chromium for InspectorIT, which starts the server and takes a step from
// another client while this page watches. Talks JSON lines: prints {"event": ...} on stdout, reads "stepped" on
// stdin. Usage: node inspector.mjs <baseUrl> <adminToken> <processId> <screenshotPath>
import { chromium } from "playwright-core";
import { createInterface } from "node:readline";

const [base, token, processId, screenshot] = process.argv.slice(2);
const TIMEOUT = 15_000;
const say = (event, details = {}) => console.log(JSON.stringify({ event, ...details }));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const consoleErrors = [];
  page.on("console", message => { if (message.type() === "error") consoleErrors.push(message.text()); });

  await page.goto(`${base}/ui/?access_token=${encodeURIComponent(token)}`);
  const row = page.locator(`tr[data-process-id="${processId}"]`);
  await row.waitFor({ timeout: TIMEOUT });
  say("listed", { rows: await page.locator("tr[data-process-id]").count(), url: page.url() });

  await page.selectOption("select[name=status]", "completed");
  const completedPage = page.waitForResponse(r => r.url().includes("/processes?") && r.url().includes("status=completed"),
    { timeout: TIMEOUT });
  await page.click("form.filters button[type=submit]");
  await (await completedPage).finished();
  await page.waitForTimeout(200); // the page renders the rows after the answer
  const hiddenWhenFiltered = await row.count() === 0;
  await page.selectOption("select[name=status]", "waiting");
  await page.click("form.filters button[type=submit]");
  await row.waitFor({ timeout: TIMEOUT });
  say("filtered", { hiddenWhenFiltered, shownWhenWaiting: await row.count() === 1 });

  await row.locator("a").click();
  await page.locator('[data-testid="current-step"]').waitFor({ timeout: TIMEOUT });
  await page.waitForFunction(() => document.getElementById("live-state").textContent === "live", null,
    { timeout: TIMEOUT });
  say("ready", {
    currentStep: await page.textContent('[data-testid="current-step"]'),
    highlighted: await page.getAttribute("svg g.node.current", "data-step"),
    nodes: await page.locator("svg g.node").count(),
    state: JSON.parse(await page.textContent('[data-testid="state"]')),
  });

  const next = await lines.next();
  if (next.value !== "stepped") throw new Error(`expected "stepped" on stdin, got ${next.value}`);
  await page.waitForFunction(() => {
    const node = document.querySelector("svg g.node.current");
    return node && node.getAttribute("data-step") !== "profile";
  }, null, { timeout: TIMEOUT });
  await page.screenshot({ path: screenshot, fullPage: true });
  say("moved", {
    currentStep: await page.textContent('[data-testid="current-step"]'),
    highlighted: await page.getAttribute("svg g.node.current", "data-step"),
    version: await page.textContent('[data-testid="version"]'),
    live: await page.locator('[data-testid="live"] li').allTextContents(),
    state: JSON.parse(await page.textContent('[data-testid="state"]')),
    consoleErrors,
  });
} catch (error) {
  say("error", { message: String(error && error.stack || error) });
  process.exitCode = 1;
} finally {
  await browser.close();
  process.exit();
}
