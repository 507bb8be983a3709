import type { Process } from "./types.js";
import { hasEnded } from "./types.js";
import { type KeyValueStorage, readJson, writeJson } from "./storage.js";

export type ProcessListener = (process: Process, source: "local" | "tab") => void;

/**
 * The last representation of each process this client saw (kept in storage when caching is on), kept coherent
 * across tabs: every newer version learnt here is posted on a `BroadcastChannel`, and versions posted by other
 * tabs are taken in without a request. Versions only move forward: an older copy never replaces a newer one.
 */
export class ProcessCache {
  private readonly memory = new Map<string, Process>();
  private readonly listeners = new Map<string, Set<ProcessListener>>();
  private readonly channel: BroadcastChannel | undefined;

  constructor(private readonly storage: KeyValueStorage, private readonly prefix: string,
              private readonly persist: boolean, channelName: string | false) {
    const Channel = (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel;
    if (channelName && Channel) {
      this.channel = new Channel(channelName);
      this.channel.onmessage = (message: MessageEvent) => {
        const process = (message.data as { process?: Process } | null)?.process;
        if (process?.processId) this.put(process, "tab");
      };
    }
  }

  /** The newest known representation of `id`, from memory or storage. */
  get(id: string): Process | undefined {
    const known = this.memory.get(id);
    if (known || !this.persist) return known;
    const stored = readJson<Process>(this.storage, this.key(id));
    if (stored) this.memory.set(id, stored);
    return stored;
  }

  /** Takes `process` in if it is newer than what is known; tells listeners and (for local news) other tabs. */
  put(process: Process, source: "local" | "tab" = "local"): boolean {
    const known = this.get(process.processId);
    if (known && known.version > process.version) return false;
    if (known && known.version === process.version && known.status === process.status
        && (known.processToken ?? null) === (process.processToken ?? null)) return false;
    const copy = { ...process };
    if (source === "tab" && known?.processToken && copy.processToken === undefined) copy.processToken = known.processToken;
    this.memory.set(process.processId, copy);
    if (this.persist) {
      if (hasEnded(copy)) this.storage.removeItem(this.key(copy.processId));
      else writeJson(this.storage, this.key(copy.processId), copy);
    }
    if (source === "local") this.channel?.postMessage({ process: copy });
    this.listeners.get(process.processId)?.forEach((listener) => listener(copy, source));
    return true;
  }

  /** Forgets `id` here (not in other tabs). */
  remove(id: string): void {
    this.memory.delete(id);
    this.storage.removeItem(this.key(id));
  }

  /** Calls `listener` with every newer version of `id`; returns the function that stops it. */
  watch(id: string, listener: ProcessListener): () => void {
    const set = this.listeners.get(id) ?? new Set<ProcessListener>();
    set.add(listener);
    this.listeners.set(id, set);
    return () => set.delete(listener);
  }

  close(): void {
    this.channel?.close();
  }

  private key(id: string): string {
    return this.prefix + "process:" + id;
  }
}
