import { clientError } from "./errors.js";

/** How failed requests are retried. Only network errors, 503 and 429 are retried; never another 4xx. */
export interface RetryOptions {
  /** Retries after the first attempt (default 6). 0 turns retries off. */
  retries?: number;
  /** Ceiling of the first back-off, in ms (default 250); it doubles with every retry. */
  baseDelayMs?: number;
  /** Largest back-off, in ms (default 8000). */
  maxDelayMs?: number;
  /** Random source in [0, 1), for tests (default Math.random). */
  random?: () => number;
}

export type Retry = Required<RetryOptions>;

export function retryPolicy(options: RetryOptions | false | undefined): Retry {
  const given = options === false ? { retries: 0 } : options ?? {};
  return { retries: 6, baseDelayMs: 250, maxDelayMs: 8000, random: Math.random, ...given };
}

/**
 * The wait before retry number `attempt` (0 for the first retry): "full jitter", a uniform random time between 0
 * and min(max, base × 2^attempt), so clients that failed together do not come back together. A server's
 * `Retry-After` (seconds) is a floor: the client never comes back earlier than it was asked to.
 */
export function backoff(policy: Retry, attempt: number, retryAfterSeconds?: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const jitter = Math.floor(policy.random() * ceiling);
  return retryAfterSeconds === undefined ? jitter : Math.max(jitter, retryAfterSeconds * 1000);
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000);
}

/** Whether an answer with this status is worth trying again. */
export function retryableStatus(status: number): boolean {
  return status === 503 || status === 429;
}

/** Waits `ms`, or rejects with `aborted` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(clientError("aborted", "The call was aborted", signal.reason));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(clientError("aborted", "The call was aborted", signal?.reason));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
