// npm run gen:types: regenerates src/generated/openapi.ts from the server's OpenAPI document in the repository
// (the file the server serves at /openapi.json). The browser tests check the result against the served document.
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { openapiTypes } from "./openapi-types.mjs";

const source = fileURLToPath(new URL("../../../flowstate-server/src/main/resources/openapi.json", import.meta.url));
const target = fileURLToPath(new URL("../src/generated/openapi.ts", import.meta.url));
await writeFile(target, await openapiTypes(await readFile(source, "utf8")));
console.log(`gen:types: wrote ${target}`);
