// npm run build: type-checks and writes the declarations (tsc), bundles src/index.ts into one ES module
// (esbuild, minified, with a source map), then prints its minified+gzipped size and fails above the budget.
import { execFileSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const BUDGET_BYTES = 15 * 1024;
const root = fileURLToPath(new URL("..", import.meta.url));

await rm(`${root}/dist`, { recursive: true, force: true });
execFileSync(process.execPath, [`${root}/node_modules/typescript/bin/tsc`, "-p", root], { stdio: "inherit" });
await build({
  entryPoints: [`${root}/src/index.ts`],
  outfile: `${root}/dist/index.js`,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
});
const code = await readFile(`${root}/dist/index.js`);
const gzipped = gzipSync(code, { level: 9 }).length;
const line = `build: dist/index.js is ${code.length} bytes minified, ${gzipped} bytes minified+gzipped `
  + `(budget ${BUDGET_BYTES})`;
console.log(line);
if (gzipped > BUDGET_BYTES) {
  console.error(`build: over the size budget by ${gzipped - BUDGET_BYTES} bytes`);
  process.exit(1);
}
