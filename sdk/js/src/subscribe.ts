import { clientError, FlowstateError } from "./errors.js";
import { backoff, type Retry } from "./retry.js";
import type { EventType, ProcessEvent } from "./types.js";

/** The event types a stream sends (docs/events.md). */
export const EVENT_TYPES: readonly EventType[] = ["process.snapshot", "process.started", "step.completed",
  "state.updated", "process.completed", "process.failed", "process.cancelled", "process.expired", "process.waiting"];
const TERMINAL: readonly string[] = ["process.completed", "process.failed", "process.cancelled", "process.expired"];

export interface SubscribeOptions {
  /** `"sse"` (EventSource, default) or `"websocket"`. */
  transport?: "sse" | "websocket";
  /** Start after this version instead of from a snapshot. */
  afterVersion?: number;
  /** Ends the subscription. */
  signal?: AbortSignal;
  /** Told when the stream cannot go on (the process is gone) and about each reconnect. */
  onError?: (error: FlowstateError) => void;
  onReconnect?: (info: { attempt: number; afterVersion: number | undefined; delayMs: number }) => void;
}

/** A live subscription: `close()` ends it; `lastVersion` is the last version delivered. */
export interface Subscription {
  close(): void;
  readonly lastVersion: number | undefined;
  readonly closed: boolean;
}

export interface StreamHost {
  url(path: string): string;
  retry: Retry;
  onEvent(event: ProcessEvent): void;
  /** A plain read of the process, to tell a gone process from a dropped connection. */
  check(): Promise<void>;
}

interface Connection {
  close(): void;
}

/**
 * Follows one process's stream, reconnecting with backoff and resuming after the last delivered version. Versions
 * are delivered in order, each once: whatever the server sends again is skipped.
 */
export function subscribe(host: StreamHost, id: string, handler: (event: ProcessEvent) => void,
                          options: SubscribeOptions = {}): Subscription {
  let lastVersion = options.afterVersion;
  let closed = false;
  let failures = 0;
  let connection: Connection | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    closed = true;
    clearTimeout(timer);
    connection?.close();
  };
  options.signal?.addEventListener("abort", close, { once: true });

  const deliver = (event: ProcessEvent) => {
    if (closed) return;
    failures = 0;
    if (lastVersion !== undefined && event.version <= lastVersion) return; // sent again after a resume
    lastVersion = event.version;
    host.onEvent(event);
    handler(event);
    if (TERMINAL.includes(event.type) || (event.type === "process.snapshot" && TERMINAL_STATUS.includes(event.process.status))) {
      close();
    }
  };

  const dropped = async () => {
    connection?.close();
    if (closed) return;
    failures++;
    if (failures > 2) {
      try {
        await host.check();
      } catch (error) {
        if (error instanceof FlowstateError && error.status === 404) {
          options.onError?.(error);
          close();
          return;
        }
      }
    }
    if (closed) return;
    const delayMs = backoff(host.retry, Math.min(failures - 1, 10));
    options.onReconnect?.({ attempt: failures, afterVersion: lastVersion, delayMs });
    timer = setTimeout(connect, delayMs);
  };

  const connect = () => {
    if (closed) return;
    const path = `/process/${encodeURIComponent(id)}/${options.transport === "websocket" ? "ws" : "events"}`
      + (lastVersion !== undefined ? `?lastEventId=${lastVersion}` : "");
    connection = options.transport === "websocket" ? openSocket(host.url(path), deliver, dropped)
      : openEventSource(host.url(path), deliver, dropped);
  };

  connect();
  return {
    close,
    get lastVersion() {
      return lastVersion;
    },
    get closed() {
      return closed;
    },
  };
}

const TERMINAL_STATUS: readonly string[] = ["completed", "failed", "cancelled", "expired"];

function openEventSource(url: string, deliver: (event: ProcessEvent) => void, dropped: () => void): Connection {
  const Source = (globalThis as { EventSource?: typeof EventSource }).EventSource;
  if (!Source) throw clientError("not_supported", "EventSource is not available here; use transport: \"websocket\"");
  const source = new Source(url);
  let done = false;
  const listener = (message: MessageEvent) => deliver(JSON.parse(message.data as string) as ProcessEvent);
  EVENT_TYPES.forEach((type) => source.addEventListener(type, listener as EventListener));
  // The browser would reconnect by itself, but without backoff and without noticing a process that is gone.
  source.onerror = () => {
    if (done) return;
    done = true;
    source.close();
    dropped();
  };
  return { close: () => { done = true; source.close(); } };
}

function openSocket(url: string, deliver: (event: ProcessEvent) => void, dropped: () => void): Connection {
  const Socket = (globalThis as { WebSocket?: typeof WebSocket }).WebSocket;
  if (!Socket) throw clientError("not_supported", "WebSocket is not available here");
  const socket = new Socket(url.replace(/^http/, "ws"));
  let done = false;
  socket.onmessage = (message: MessageEvent) => {
    const frame = JSON.parse(message.data as string) as ProcessEvent | { type: "ack" | "error" };
    if (frame.type !== "ack" && frame.type !== "error") deliver(frame as ProcessEvent);
  };
  socket.onclose = () => {
    if (done) return;
    done = true;
    dropped();
  };
  return { close: () => { done = true; socket.close(1000); } };
}
