/** Where the client keeps what survives a reload: the `Storage` interface of `localStorage`. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** `"local"` (default where there is one), `"session"`, `"memory"`, or any `Storage`-like object. */
export type StorageOption = "local" | "session" | "memory" | KeyValueStorage;

/** A storage that forgets on reload; also what `"local"` falls back to outside a browser. */
export class MemoryStorage implements KeyValueStorage {
  private readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

export function openStorage(option: StorageOption | undefined): KeyValueStorage {
  if (option && typeof option === "object") return option;
  const name = option === "session" ? "sessionStorage" : option === "memory" ? undefined : "localStorage";
  try {
    const found = name ? (globalThis as Record<string, unknown>)[name] as KeyValueStorage | undefined : undefined;
    if (found) return found;
  } catch {
    // storage denied (privacy settings): memory still works
  }
  return new MemoryStorage();
}

/** Reads JSON from `storage`; anything unreadable counts as absent. */
export function readJson<T>(storage: KeyValueStorage, key: string): T | undefined {
  try {
    const text = storage.getItem(key);
    return text === null ? undefined : JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

/** Writes JSON to `storage`; a full or denied storage only loses the cache. */
export function writeJson(storage: KeyValueStorage, key: string, value: unknown): void {
  try {
    storage.setItem(key, JSON.stringify(value));
  } catch {
    // quota or privacy mode: the cache is an optimisation
  }
}
