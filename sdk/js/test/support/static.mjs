// A page of another origin: a tiny static server for one HTML page and the SDK's build.
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { SDK_DIR } from "./server.mjs";

export async function startStaticSite(html) {
  const server = http.createServer(async (req, res) => {
    if (req.url === "/" || req.url.startsWith("/?")) {
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(html);
    } else if (req.url === "/sdk/index.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(await readFile(path.join(SDK_DIR, "dist/index.js")));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
