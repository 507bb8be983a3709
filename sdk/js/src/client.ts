import { ProcessCache, type ProcessListener } from "./cache.js";
import { clientError, ConflictError, FlowstateError, problemError } from "./errors.js";
import { applyMergePatch, jsonEqual } from "./merge-patch.js";
import { backoff, parseRetryAfter, type Retry, type RetryOptions, retryPolicy, retryableStatus, sleep } from "./retry.js";
import { type KeyValueStorage, openStorage, readJson, type StorageOption, writeJson } from "./storage.js";
import { subscribe, type Subscription, type SubscribeOptions } from "./subscribe.js";
import type { Flow, FlowSummary, History, Problem, Process, ProcessEvent } from "./types.js";
import { hasEnded, sessionFlow, sessionRunId } from "./types.js";

/** How a {@link FlowstateClient} talks to its server. Only `baseUrl` is required. */
export interface ClientOptions {
  /** The server, e.g. `https://flows.example.com` (a page of another origin needs `server.cors.allowedOrigins`). */
  baseUrl: string;
  /** The `fetch` to use (default the global one). */
  fetch?: typeof fetch;
  /** Where remembered processes and the cache live: `"local"` (default), `"session"`, `"memory"` or a Storage. */
  storage?: StorageOption;
  /** Prefix of every storage key (default `"flowstate:"`): two apps on one origin keep apart with two prefixes. */
  storageKey?: string;
  /** Keep each process's last representation in storage, read at once after a reload (default true). */
  cache?: boolean;
  /** BroadcastChannel name shared by the tabs of this origin (default from `storageKey`); false for none. */
  channel?: string | false;
  /** Retries of failed requests (network errors, 503, 429), or false for none. */
  retry?: RetryOptions | false;
  /** Headers sent with every request (a function is called per request). */
  headers?: Record<string, string> | (() => Record<string, string>);
  /** Told about every retry before its back-off (for logs and progress indicators). */
  onRetry?: (retry: RetryInfo) => void;
  /** Makes Idempotency-Keys (default `crypto.randomUUID`). */
  newKey?: () => string;
}

export interface RetryInfo {
  method: string;
  path: string;
  attempt: number;
  delayMs: number;
  status?: number;
  error?: unknown;
  idempotencyKey?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface StartOptions extends CallOptions {
  /** Remember the process as this flow's running one, for {@link FlowstateClient.resume} (default true). */
  remember?: boolean;
}

export interface GetOptions extends CallOptions {
  /** Wait until the server has at least this version (read-your-writes); defaults to the last version written here. */
  minVersion?: number;
}

export interface WriteOptions extends CallOptions {
  /** The version the write expects (`If-Match`); defaults to the last known version. */
  ifVersion?: number;
}

export interface PatchOptions extends WriteOptions {
  /**
   * On a 412 conflict, apply the patch again on the current version instead of failing: `true` reapplies the same
   * patch, a function makes the patch to apply from the current process (return null to give up with the conflict).
   */
  rebase?: boolean | ((current: Process, patch: Record<string, unknown>) => Record<string, unknown> | null);
}

interface Remembered {
  processId: string;
  processToken?: string;
  process?: Process;
}

interface Answer {
  response: Response;
  retried: boolean;
}

const MAX_REBASES = 5;

/**
 * A client of one Flowstate server. It keeps each flow's running process id (and token-mode token), sends every
 * write with `If-Match` and one `Idempotency-Key` per logical write (the same on every retry), retries network
 * errors, 503 and 429 with backoff, turns every problem+json into a {@link FlowstateError}, keeps a local cache
 * coherent across tabs, follows processes live, and reads its own writes.
 */
export class FlowstateClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: KeyValueStorage;
  private readonly prefix: string;
  private readonly retry: Retry;
  private readonly cache: ProcessCache;
  private readonly tokens = new Map<string, string>();
  private readonly written = new Map<string, number>();

  constructor(private readonly options: ClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = openStorage(options.storage);
    this.prefix = options.storageKey ?? "flowstate:";
    this.retry = retryPolicy(options.retry);
    this.cache = new ProcessCache(this.storage, this.prefix, options.cache ?? true,
      options.channel === undefined ? this.prefix + this.baseUrl : options.channel);
  }

  /** Starts a process of `flow`; it becomes the flow's remembered process unless `remember` is false. */
  async start(flow: string, input: Record<string, unknown> = {}, options: StartOptions = {}): Promise<Process> {
    const key = this.newKey();
    const process = await this.json<Process>("POST", "/workflow/start", { body: { flow, input }, key, signal: options.signal });
    this.record(process);
    if (options.remember !== false && !hasEnded(process)) this.remember(flow, process);
    return process;
  }

  /** The process now (a 304 answers from the cache); a 404 forgets it. */
  async get(id: string, options: GetOptions = {}): Promise<Process> {
    if (this.tokens.has(id)) return this.tokenProcess(id);
    if (sessionFlow(id) !== undefined) {
      const { response } = await this.send("GET", this.processPath(id), { signal: options.signal });
      const run = await this.read<Process>(response, id);
      this.record(run);
      return run;
    }
    const minVersion = options.minVersion ?? this.written.get(id);
    const known = this.cache.get(id);
    const query = minVersion !== undefined ? `?minVersion=${minVersion}` : "";
    const headers: Record<string, string> = known ? { "If-None-Match": `"${known.version}"` } : {};
    const { response } = await this.send("GET", `/process/${encodeURIComponent(id)}${query}`, { headers, signal: options.signal });
    if (response.status === 304 && known) return known;
    const process = await this.read<Process>(response, id);
    this.record(process);
    return process;
  }

  /** The cached representation of `id`, without a request (undefined when there is none). */
  cached(id: string): Process | undefined {
    return this.cache.get(id);
  }

  /** Submits `input` to the form `stepId` the process waits at. A 412 is a {@link ConflictError}. */
  async step(id: string, stepId: string | null, input: Record<string, unknown>, options: WriteOptions = {}): Promise<Process> {
    const key = this.newKey();
    const token = this.tokens.get(id);
    const body: Record<string, unknown> = { input };
    if (stepId) body.step = stepId;
    if (token) {
      body.flow = this.cache.get(id)?.flow;
      const process = await this.json<Process>("POST", "/workflow/continue",
        { body, key, signal: options.signal, headers: { Authorization: `Bearer ${token}` } }, id);
      this.record(process);
      return process;
    }
    const process = await this.json<Process>("POST", `${this.processPath(id)}/step`,
      { body, key, signal: options.signal, headers: this.ifMatch(id, options.ifVersion) }, id);
    this.record(process);
    return process;
  }

  /** Merge-patches the state (RFC 7396); with `rebase`, a conflict is retried on the current version. */
  async patch(id: string, mergePatch: Record<string, unknown>, options: PatchOptions = {}): Promise<Process> {
    this.processModeOnly(id, "patch");
    let patch = mergePatch;
    let ifVersion = options.ifVersion ?? this.cache.get(id)?.version;
    for (let rebases = 0; ; rebases++) {
      const path = `/process/${encodeURIComponent(id)}/state`;
      const headers = { ...this.ifMatch(id, ifVersion), "Content-Type": "application/merge-patch+json" };
      const { response, retried } = await this.send("PATCH", path, { body: patch, headers, key: this.newKey(), signal: options.signal });
      try {
        const state = await this.read<Record<string, unknown>>(response, id);
        return await this.afterStateWrite(id, state, response);
      } catch (error) {
        if (!(error instanceof ConflictError) || !error.current) throw error;
        const current = error.current;
        // a retry of a patch whose first answer was lost: the patch is already in, nothing more to do
        if (retried && jsonEqual(applyMergePatch(current.state, patch), current.state)) return current;
        const next = options.rebase === true ? patch : typeof options.rebase === "function" ? options.rebase(current, patch) : null;
        if (next === null || rebases >= MAX_REBASES) throw error;
        patch = next;
        ifVersion = current.version;
      }
    }
  }

  /** Cancels and removes the process; it is forgotten here. */
  async cancel(id: string, options: CallOptions = {}): Promise<void> {
    if (this.tokens.has(id)) this.processModeOnly(id, "cancel");
    const { response, retried } = await this.send("DELETE", this.processPath(id), { signal: options.signal });
    if (response.status === 404 && retried) {
      this.forgetProcess(id);
      return; // an earlier attempt did it
    }
    await this.read<void>(response, id);
    this.forgetProcess(id);
  }

  /**
   * Moves this browser's session-mode run of `flow` to a process (the legacy mode's way out; idempotent): the process
   * becomes the flow's remembered process.
   */
  async migrate(flow: string, options: CallOptions = {}): Promise<Process> {
    const id = sessionRunId(flow);
    const process = await this.json<Process>("POST", `/session/${encodeURIComponent(flow)}/migrate`,
      { signal: options.signal }, id);
    this.cache.remove(id);
    this.record(process);
    if (!hasEnded(process)) this.remember(flow, process);
    return process;
  }

  /** The retained committed changes, oldest first. */
  async history(id: string, options: CallOptions = {}): Promise<History> {
    this.processModeOnly(id, "history");
    return this.json<History>("GET", `/process/${encodeURIComponent(id)}/history`, { signal: options.signal }, id);
  }

  /** The flows the server runs. */
  async flows(options: CallOptions = {}): Promise<FlowSummary[]> {
    return (await this.json<{ flows: FlowSummary[] }>("GET", "/flows", { signal: options.signal })).flows;
  }

  /** One flow's graph, with its forms' schemas. */
  async flow(id: string, options: CallOptions = {}): Promise<Flow> {
    return this.json<Flow>("GET", `/flows/${encodeURIComponent(id)}`, { signal: options.signal });
  }

  /**
   * The flow's remembered process, fresh from the server (after a reload, say): null when there is none, or when it
   * has ended or is gone (it is then forgotten). Token mode answers from storage, with its token.
   */
  async resume(flow: string, options: CallOptions = {}): Promise<Process | null> {
    const entry = readJson<Remembered>(this.storage, this.flowKey(flow));
    if (!entry?.processId) return null;
    if (entry.processToken && entry.process) {
      this.tokens.set(entry.processId, entry.processToken);
      this.cache.put({ ...entry.process, processToken: entry.processToken });
      return this.tokenProcess(entry.processId);
    }
    try {
      const process = await this.get(entry.processId, { signal: options.signal });
      if (!hasEnded(process)) return process;
      this.forget(flow);
      return null;
    } catch (error) {
      if (error instanceof FlowstateError && error.status === 404) return null;
      throw error;
    }
  }

  /** The id of the flow's remembered process, without a request. */
  remembered(flow: string): string | undefined {
    return readJson<Remembered>(this.storage, this.flowKey(flow))?.processId;
  }

  /** Forgets the flow's remembered process (the process itself goes on). */
  forget(flow: string): void {
    this.storage.removeItem(this.flowKey(flow));
  }

  /** Calls `listener` with every newer version of `id` learnt by this client or another tab (no request made). */
  watch(id: string, listener: ProcessListener): () => void {
    return this.cache.watch(id, listener);
  }

  /**
   * Follows the process's events over SSE (default) or a WebSocket, from a snapshot, resuming after the last version
   * seen when the connection drops (no gap, no duplicate). Events update the cache. Ends after a terminal event.
   */
  subscribe(id: string, handler: (event: ProcessEvent) => void, options: SubscribeOptions = {}): Subscription {
    this.processModeOnly(id, "subscribe");
    return subscribe({
      url: (path) => this.url(path),
      retry: this.retry,
      onEvent: (event) => this.record(event.process),
      check: () => this.get(id).then(() => undefined),
    }, id, handler, options);
  }

  /** Stops cross-tab messages. */
  close(): void {
    this.cache.close();
  }

  private remember(flow: string, process: Process): void {
    const entry: Remembered = { processId: process.processId };
    if (process.processToken) {
      entry.processToken = process.processToken;
      entry.process = process;
    }
    writeJson(this.storage, this.flowKey(flow), entry);
  }

  /** Takes in a representation the server answered with. */
  private record(process: Process): void {
    const id = process.processId;
    const version = this.written.get(id);
    if (version === undefined || process.version > version) this.written.set(id, process.version);
    if (process.processToken !== undefined) {
      if (process.processToken) this.tokens.set(id, process.processToken);
      else this.tokens.delete(id);
    }
    this.cache.put(process);
    const entry = readJson<Remembered>(this.storage, this.flowKey(process.flow));
    if (entry?.processId === id) {
      if (hasEnded(process)) this.forget(process.flow);
      else if (process.processToken) this.remember(process.flow, process);
    }
  }

  private forgetProcess(id: string): void {
    const known = this.cache.get(id);
    if (known && this.remembered(known.flow) === id) this.forget(known.flow);
    this.cache.remove(id);
    this.tokens.delete(id);
  }

  private async afterStateWrite(id: string, state: Record<string, unknown>, response: Response): Promise<Process> {
    const version = Number((response.headers.get("ETag") ?? "").replace(/\D/g, ""));
    const known = this.cache.get(id);
    if (known && version === known.version + 1) {
      const process = { ...known, state, version, updatedAt: new Date().toISOString() };
      this.record(process);
      return process;
    }
    return this.get(id, { minVersion: version || undefined });
  }

  private tokenProcess(id: string): Process {
    const known = this.cache.get(id);
    if (!known) throw clientError("not_cached", `Token-mode process ${id} is not known to this client`);
    return { ...known, processToken: this.tokens.get(id) ?? known.processToken };
  }

  private processModeOnly(id: string, what: string): void {
    if (this.tokens.has(id)) {
      throw clientError("not_supported", `${what} needs a stored process; ${id} runs in token mode`);
    }
    if (sessionFlow(id) !== undefined) {
      throw clientError("not_supported", `${what} needs a process; ${id} runs in session mode (migrate it first)`);
    }
  }

  /** `/process/{id}`, or `/session/{flow}` for a session-mode run. */
  private processPath(id: string): string {
    const flow = sessionFlow(id);
    return flow === undefined ? `/process/${encodeURIComponent(id)}` : `/session/${encodeURIComponent(flow)}`;
  }

  private ifMatch(id: string, ifVersion: number | undefined): Record<string, string> {
    const version = ifVersion ?? this.cache.get(id)?.version;
    return version === undefined ? {} : { "If-Match": `"${version}"` };
  }

  private async json<T>(method: string, path: string, init: RequestInit2, id?: string): Promise<T> {
    const { response } = await this.send(method, path, init);
    return this.read<T>(response, id);
  }

  /** The body of a 2xx answer, or the typed error of any other; a 404 of a process forgets it. */
  private async read<T>(response: Response, id?: string): Promise<T> {
    if (response.ok) {
      if (response.status === 204) return undefined as T;
      try {
        return named(await response.json()) as T;
      } catch (error) {
        throw clientError("invalid_response", `The server answered ${response.status} with a body that is not JSON`, error);
      }
    }
    let body: Problem;
    try {
      body = await response.json() as Problem;
    } catch {
      body = { type: "about:blank", title: response.statusText, status: response.status, code: `http_${response.status}` };
    }
    body.code ??= `http_${response.status}`;
    if (body.current) named(body.current);
    const error = problemError(response.status, body);
    if (error instanceof ConflictError && error.current) this.cache.put(error.current);
    if (id && response.status === 404 && body.code === "process_not_found") this.forgetProcess(id);
    throw error;
  }

  /** One logical request: sent again with the same Idempotency-Key after network errors, 503 and 429. */
  private async send(method: string, path: string, init: RequestInit2): Promise<Answer> {
    const headers: Record<string, string> = { Accept: "application/json", ...this.baseHeaders(), ...init.headers };
    if (init.key) headers["Idempotency-Key"] = init.key;
    let body: string | undefined;
    if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers["Content-Type"] ??= "application/json";
    }
    for (let attempt = 0; ; attempt++) {
      let response: Response | undefined;
      let failure: unknown;
      try {
        response = await this.fetchImpl(this.url(path), { method, headers, body, signal: init.signal, cache: "no-store" });
      } catch (error) {
        if (init.signal?.aborted) throw clientError("aborted", "The call was aborted", init.signal.reason);
        failure = error;
      }
      if (response && !retryableStatus(response.status)) return { response, retried: attempt > 0 };
      if (attempt >= this.retry.retries) {
        if (response) return { response, retried: attempt > 0 };
        throw clientError("network_error", `${method} ${path} got no answer: ${String(failure)}`, failure);
      }
      const delayMs = backoff(this.retry, attempt, response ? parseRetryAfter(response.headers.get("Retry-After")) : undefined);
      this.options.onRetry?.({ method, path, attempt: attempt + 1, delayMs, status: response?.status, error: failure, idempotencyKey: init.key });
      await response?.body?.cancel().catch(() => undefined);
      await sleep(delayMs, init.signal);
    }
  }

  private baseHeaders(): Record<string, string> {
    const headers = this.options.headers;
    return typeof headers === "function" ? headers() : headers ?? {};
  }

  private url(path: string): string {
    return this.baseUrl + path;
  }

  private newKey(): string {
    return this.options.newKey?.() ?? randomKey();
  }

  private flowKey(flow: string): string {
    return this.prefix + "flow:" + flow;
  }
}

interface RequestInit2 {
  body?: unknown;
  headers?: Record<string, string>;
  key?: string;
  signal?: AbortSignal;
}

/** A session-mode representation (no process id on the wire) gets the client's name for the run. */
function named(body: unknown): unknown {
  const run = body as { processId?: unknown; mode?: unknown; flow?: unknown } | null;
  if (run && typeof run === "object" && run.mode === "session" && run.processId == null && typeof run.flow === "string") {
    run.processId = sessionRunId(run.flow);
  }
  return body;
}

/** A random UUID v4; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
function randomKey(): string {
  const bytes = new Uint8Array(16);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else bytes.forEach((_, i) => { bytes[i] = Math.floor(Math.random() * 256); }); // only where there is no Web Crypto
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
