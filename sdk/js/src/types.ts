import type { components } from "./generated/openapi.js";

type Schemas = components["schemas"];

/**
 * A process as the server represents it (`GET /process/{id}`), plus `processToken` in token mode. A run the server
 * keeps in session mode (the legacy mode the migration switch may choose) has no process id on the wire; the client
 * names it `session:<flow>` and reaches it through the session cookie.
 */
export type Process = Omit<Schemas["Process"], "processId"> & { processId: string; processToken?: string | null };

/** The client's name for this browser's session-mode run of `flow`. */
export function sessionRunId(flow: string): string {
  return `session:${flow}`;
}

/** The flow of a session-mode run's client-side id, or undefined for a process id. */
export function sessionFlow(id: string): string | undefined {
  return id.startsWith("session:") ? id.slice("session:".length) : undefined;
}
/** The form a waiting process asks for: its step id and JSON Schema. */
export type NextStep = Schemas["NextStep"];
/** An `application/problem+json` body. */
export type Problem = Schemas["Problem"] & Record<string, unknown>;
/** `GET /process/{id}/history`. */
export type History = Schemas["History"];
/** One flow of `GET /flows`. */
export type FlowSummary = Schemas["FlowSummary"];
/** `GET /flows/{id}`: a flow's graph with its forms' schemas. */
export type Flow = Schemas["Flow"];
/** A process's status. */
export type ProcessStatus = Process["status"];

/** The event types of docs/events.md, and the snapshot a stream starts with. */
export type EventType = "process.snapshot" | "process.started" | "step.completed" | "state.updated"
  | "process.completed" | "process.failed" | "process.cancelled" | "process.expired" | "process.waiting";

/** One event of a process's stream (SSE or WebSocket): one committed version. */
export interface ProcessEvent {
  type: EventType;
  processId: string;
  version: number;
  at: string;
  steps: { step: string; type: string; next?: string }[];
  process: Process;
}

/** Statuses after which a process takes no more input. */
export const ENDED: readonly ProcessStatus[] = ["completed", "failed", "cancelled", "expired"];

/** True when `process` has ended (completed, failed, cancelled or expired). */
export function hasEnded(process: Pick<Process, "status">): boolean {
  return ENDED.includes(process.status);
}
