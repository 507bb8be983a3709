// An HTTP proxy in front of a real server, for the failures a browser meets on the way: it records every request
// (method, path, Idempotency-Key, Last-Event-ID), can cut the open event streams, refuse new ones for a while,
// and lose the answer of one request after the server has committed it. Upstream down = the connection is cut.
import http from "node:http";

export async function startProxy(upstreamPort) {
  const requests = [];
  const streams = new Set();
  let refuseStreams = false;
  let loseAnswer = null; // { match(req), then: async () => void, resolve }
  const server = http.createServer((req, res) => {
    const record = {
      method: req.method, path: req.url, idempotencyKey: req.headers["idempotency-key"],
      lastEventId: req.headers["last-event-id"] ?? new URL(req.url, "http://x").searchParams.get("lastEventId") ?? undefined,
      status: undefined, replayed: undefined,
    };
    requests.push(record);
    const isStream = /\/events(\?|$)/.test(req.url);
    if (isStream && refuseStreams) {
      req.socket.destroy();
      return;
    }
    const upstream = http.request({ host: "127.0.0.1", port: upstreamPort, method: req.method, path: req.url,
      headers: { ...req.headers, connection: "close" } }, (answer) => {
      record.status = answer.statusCode;
      record.replayed = answer.headers["idempotent-replayed"];
      const lose = loseAnswer && loseAnswer.match(record) ? loseAnswer : null;
      if (lose) {
        loseAnswer = null;
        answer.resume();
        answer.on("end", async () => {
          await lose.then(record); // e.g. stop the server: the commit is done, its answer never arrives
          req.socket.destroy();
          lose.resolve(record);
        });
        return;
      }
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
      if (isStream) {
        streams.add(req.socket);
        req.socket.once("close", () => streams.delete(req.socket));
      }
    });
    upstream.on("error", () => req.socket.destroy());
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 1000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = server.address().port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Cuts every open event stream now. */
    cutStreams() {
      const count = streams.size;
      streams.forEach((socket) => socket.destroy());
      return count;
    },
    /** While true, new event streams are cut as they come. */
    refuseStreams(value) {
      refuseStreams = value;
    },
    /**
     * The next request that `match`es is forwarded, but its answer is lost: once the server has answered, `then`
     * runs (and is awaited), then the browser's connection is cut. Resolves with the request's record.
     */
    loseAnswerOf(match, then) {
      return new Promise((resolve) => {
        loseAnswer = { match, then, resolve };
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
