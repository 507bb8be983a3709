// npm run test:browser: runs each browser test file with node's test runner, one after the other (each starts its
// own server and Chromium; the machine's cores are few), and fails if any file fails.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const dir = fileURLToPath(new URL("../test/browser", import.meta.url));
const files = readdirSync(dir).filter((name) => name.endsWith(".test.mjs")).sort();
const failed = [];
for (const file of files) {
  const { status } = spawnSync(process.execPath, ["--test", path.join(dir, file)], { stdio: "inherit" });
  if (status !== 0) failed.push(file);
}
console.log(`browser tests: ${files.length - failed.length} of ${files.length} files passed`
  + (failed.length ? `; failed: ${failed.join(", ")}` : ""));
process.exit(failed.length ? 1 : 0);
