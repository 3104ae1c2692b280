/**
 * The replay state as a file, so a later run continues where this one stopped (`--state`). JSON
 * with every `bigint` written as `{"$n": "<decimal>"}` (exact, and never confused with a public
 * key or a name). Written to a temporary file and renamed, so an interrupted run never leaves a
 * half-written state behind.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";

import type { ReplayState } from "./replay";

export function toJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, (_key, item) => (typeof item === "bigint" ? { $n: item.toString() } : item), indent);
}

export function fromJson<T>(text: string): T {
  return JSON.parse(text, (_key, item) =>
    item !== null && typeof item === "object" && !Array.isArray(item) && Object.keys(item).length === 1 && typeof item.$n === "string"
      ? BigInt(item.$n)
      : item,
  ) as T;
}

/** A deep copy (the replay mutates its state). */
export function cloneState(state: ReplayState): ReplayState {
  return fromJson<ReplayState>(toJson(state));
}

export function saveState(path: string, state: ReplayState): void {
  const temporary = `${path}.tmp-${process.pid}`;
  writeFileSync(temporary, toJson(state));
  renameSync(temporary, path);
}

export function loadState(path: string): ReplayState | null {
  if (!existsSync(path)) return null;
  const state = fromJson<ReplayState>(readFileSync(path, "utf8"));
  if (state.version !== 1) throw new Error(`${path}: unsupported state version ${String(state.version)}`);
  return state;
}
