import { LlmError } from "./llm-provider.js";

/** Exponential backoff with full jitter: a random wait in [base·2^n / 2, base·2^n], capped. */
export function backoffDelay(retry: number, baseMs: number, random: () => number): number {
  const ceiling = Math.min(baseMs * 2 ** retry, 60_000);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/**
 * `retry-after` as milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Unparseable or past values give `null` so the caller falls back to its own backoff.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** Waits, or rejects with an `aborted` LlmError as soon as the caller gives up. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new LlmError("aborted", "the caller cancelled the request"));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new LlmError("aborted", "the caller cancelled the request"));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
