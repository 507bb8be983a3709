// Starts a real `flowstate serve` (the launcher jar the reactor built) as its own process, on a free port or the
// given one, and stops it with SIGTERM. Its output goes to target/servers/<name>.log.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

export const SDK_DIR = fileURLToPath(new URL("../..", import.meta.url));
export const REPO_DIR = path.resolve(SDK_DIR, "../..");
export const TARGET_DIR = path.join(SDK_DIR, "target");
const JAR = path.join(REPO_DIR, "flowstate-server/target/flowstate.jar");
const TOKEN_SECRET = randomBytes(32).toString("base64");

function javaCommand() {
  if (process.env.FLOWSTATE_JAVA) return process.env.FLOWSTATE_JAVA;
  if (process.env.JAVA_HOME) return path.join(process.env.JAVA_HOME, "bin/java");
  return "java";
}

function javaMajor(java) {
  const { stderr } = spawnSync(java, ["-XshowSettings:properties", "-version"], { encoding: "utf8" });
  const match = /java\.specification\.version = (\d+)/.exec(stderr ?? "");
  return match ? Number(match[1]) : 21;
}

/**
 * Starts a server; resolves once it listens. `options`: name (log file), port (0 = free), dataDir (SQLite),
 * flows (directory), env (extra FLOWSTATE_* settings), args (extra flags).
 */
export async function startServer(options = {}) {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: build the server first (mvn -B package -pl flowstate-server -am)`);
  const java = javaCommand();
  const name = options.name ?? "server";
  const logDir = path.join(TARGET_DIR, "servers");
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
  const jvm = ["-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED"];
  if (javaMajor(java) >= 24) jvm.push("--sun-misc-unsafe-memory-access=allow");
  const args = [...jvm, "-jar", JAR, "serve", "--host", "127.0.0.1", "--port", String(options.port ?? 0),
    "--flows", options.flows ?? path.join(SDK_DIR, "test/flows"), "--store", "sqlite",
    "--data-dir", options.dataDir ?? path.join(TARGET_DIR, "data", name), "--demo", ...(options.args ?? [])];
  const child = spawn(java, args, {
    cwd: REPO_DIR,
    // test/flows has a token-mode flow: every server gets a fresh key for it
    env: { ...process.env, FLOWSTATE_LOG_LEVEL: "INFO", FLOWSTATE_TOKEN_KEYS: `t1:${TOKEN_SECRET}`, ...(options.env ?? {}) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const port = await new Promise((resolve, reject) => {
    let seen = "";
    const timer = setTimeout(() => reject(new Error(`${name}: no "listening" line within 60 s; see ${log.path}`)), 60_000);
    const onData = (chunk) => {
      log.write(chunk);
      seen = (seen + chunk.toString()).slice(-4096);
      const match = /Flowstate is listening on (?:http:\/\/)?(?:\[[^\]]*\]|[^\s:/]+):(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`${name}: the server exited (${code}) before listening; see ${log.path}`));
    });
  });
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    /** Stops the server with SIGTERM (a clean shutdown) and waits for its exit. */
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}
