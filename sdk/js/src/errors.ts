import type { Problem, Process } from "./types.js";

/**
 * Every failure of a call: a problem+json answer (`code`, `status` and the `body` as sent), or, with `status` 0,
 * a request that never got an answer (`network_error`, `aborted`, `timeout`).
 */
export class FlowstateError extends Error {
  /** The problem's stable code (`version_mismatch`, `invalid_input`, …) or the client's own. */
  readonly code: string;
  /** The HTTP status, 0 when no answer arrived. */
  readonly status: number;
  /** The problem body as the server sent it (an object made here when there was none). */
  readonly body: Problem;

  constructor(status: number, body: Problem, options?: { cause?: unknown }) {
    super(body.detail ?? body.title ?? body.code, options);
    this.name = "FlowstateError";
    this.code = body.code;
    this.status = status;
    this.body = body;
  }

  /** `errors[]` of a 422 `invalid_input`: one JSON pointer into the input per violation. */
  get errors(): { pointer: string; keyword?: string; detail?: string }[] {
    return (this.body.errors ?? []).map((e) => ({ pointer: e.pointer ?? "", keyword: e.keyword, detail: e.detail }));
  }
}

/**
 * A 412 `version_mismatch`: the process changed since the version this write expected. `current` is the process
 * as it is now (from the problem body), so the caller can show it, merge and try again; nothing was written.
 */
export class ConflictError extends FlowstateError {
  readonly current: Process | undefined;
  readonly currentVersion: number | undefined;

  constructor(status: number, body: Problem) {
    super(status, body);
    this.name = "ConflictError";
    this.current = body.current as Process | undefined;
    this.currentVersion = body.currentVersion;
  }
}

/** The typed error for an answer's status and problem body. */
export function problemError(status: number, body: Problem): FlowstateError {
  return status === 412 && body.code === "version_mismatch" ? new ConflictError(status, body) : new FlowstateError(status, body);
}

/** A failure of the client itself, not of the server (no answer, aborted, not JSON). */
export function clientError(code: string, detail: string, cause?: unknown): FlowstateError {
  return new FlowstateError(0, { type: "urn:flowstate:client:" + code, title: code, status: 0, code, detail }, { cause });
}
