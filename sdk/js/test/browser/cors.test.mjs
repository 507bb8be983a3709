// A page of another origin in Chromium: it works when server.cors.allowedOrigins lists its origin, and the browser
// refuses the server's answers to a page of an origin it does not list. Also: the API types match the served document.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SDK_DIR, startServer } from "../support/server.mjs";
import { launchBrowser } from "../support/browser.mjs";
import { startStaticSite } from "../support/static.mjs";
import { openapiTypes } from "../../scripts/openapi-types.mjs";

const PAGE = `<!doctype html><meta charset="utf-8"><title>other origin</title>
<script type="module">
  import { FlowstateClient, FlowstateError } from "./sdk/index.js";
  const api = new URLSearchParams(location.search).get("api");
  const client = new FlowstateClient({ baseUrl: api, storage: "memory", retry: false });
  window.outcome = (async () => {
    try {
      const process = await client.start("order");
      const next = await client.step(process.processId, "contact", { name: "Ada", email: "ada@example.org" });
      const again = await client.get(process.processId);
      return { ok: true, version: next.version, read: again.version, step: next.nextStep.id };
    } catch (error) {
      return { ok: false, typed: error instanceof FlowstateError, code: error.code, status: error.status };
    }
  })();
</script>`;

let allowed;
let refused;
let server;
let browser;

before(async () => {
  allowed = await startStaticSite(PAGE);
  refused = await startStaticSite(PAGE);
  server = await startServer({ name: "cors", env: { FLOWSTATE_SERVER_CORS_ALLOWED_ORIGINS: allowed.origin } });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await allowed?.close();
  await refused?.close();
});

test("a page of an allowed origin starts, steps and reads a process with If-Match and Idempotency-Key", async () => {
  const page = await browser.newPage();
  await page.goto(`${allowed.origin}/?api=${encodeURIComponent(server.url)}`);
  assert.deepEqual(await page.evaluate(() => window.outcome), { ok: true, version: 2, read: 2, step: "plan" });
  await page.close();
});

test("the browser refuses the answers to a page of an origin the server does not list", async () => {
  const page = await browser.newPage();
  const refusals = [];
  page.on("console", (message) => refusals.push(message.text()));
  await page.goto(`${refused.origin}/?api=${encodeURIComponent(server.url)}`);
  assert.deepEqual(await page.evaluate(() => window.outcome), { ok: false, typed: true, code: "network_error", status: 0 });
  assert.ok(refusals.some((text) => /CORS policy/.test(text)), refusals.join("\n"));
  await page.close();
});

test("the API types in src/generated match the document the server serves at /openapi.json", async () => {
  const served = await (await fetch(`${server.url}/openapi.json`)).text();
  const committed = await readFile(path.join(SDK_DIR, "src/generated/openapi.ts"), "utf8");
  assert.equal(await openapiTypes(served), committed,
    "src/generated/openapi.ts is out of date: run npm run gen:types and commit the result");
});
