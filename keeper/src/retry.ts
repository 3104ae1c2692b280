/**
 * Retries with exponential backoff for transient failures (network, HTTP 429/5xx, timeouts,
 * expired blockhashes). Program errors are deterministic answers, never retried here.
 */
import { programErrorOf } from "@contract-insurance/sdk";

export interface RetryOptions {
  /** Attempts after the first one. */
  retries: number;
  /** First delay; doubles each attempt (with ±20 % jitter). */
  baseMs: number;
  /** Largest delay. */
  maxMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { retries: 5, baseMs: 500, maxMs: 15_000 };

/** Delay before retry number `attempt` (0-based), without jitter. */
export function backoffDelay(attempt: number, options: RetryOptions): number {
  return Math.min(options.maxMs, options.baseMs * 2 ** attempt);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Whether `err` is worth retrying: anything that is not the program's (or Anchor's) answer. */
export function isTransient(err: unknown): boolean {
  if (programErrorOf(err) !== null) return false;
  const text = String((err as { message?: unknown })?.message ?? err);
  // Deterministic client-side mistakes.
  if (/invalid public key|Invalid param|not a safe integer|Account does not exist/i.test(text)) return false;
  return true;
}

/** Runs `fn`, retrying transient failures with exponential backoff; logs each retry. */
export async function withRetry<T>(
  label: string,
  fn: () => Promise<T>,
  options: RetryOptions = DEFAULT_RETRY,
  log: (line: string) => void = () => {},
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (!isTransient(err) || attempt >= options.retries || signal?.aborted) throw err;
      const delay = Math.round(backoffDelay(attempt, options) * (0.8 + 0.4 * Math.random()));
      log(`${label}: ${firstLine(err)}; retry ${attempt + 1}/${options.retries} in ${delay} ms`);
      await sleep(delay, signal);
    }
  }
}

export function firstLine(err: unknown): string {
  return String((err as { message?: unknown })?.message ?? err).split("\n")[0];
}
