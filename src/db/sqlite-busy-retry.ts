import { unavailable } from "../core/errors.js";

/**
 * SQLite answers SQLITE_BUSY when another connection (this process or another one, such as
 * a long `resou import`) holds the write lock. better-sqlite3 is synchronous, so letting
 * SQLite wait (`busy_timeout`) would freeze the whole event loop: every request, `/healthz`
 * included. Connections therefore run with `busy_timeout = 0` and this module waits instead,
 * asynchronously, with a bounded exponential backoff.
 */

export interface BusyRetryOptions {
  /** Longest total wait before giving up with an `unavailable` AppError. */
  budgetMs: number;
  /** First pause; doubles up to `maxDelayMs`. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export function isBusyError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

export const DATABASE_BUSY_MESSAGE =
  "The database is busy with another task (for example a large import). Please try again in a moment.";

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY. Only safe for work that has no
 * effect when it fails busy: a statement outside a transaction (autocommit) or the
 * `BEGIN IMMEDIATE` that opens one. Whole transactions never need re-running, because
 * they take the write lock up front and so cannot meet SQLITE_BUSY half-way.
 */
export async function retryWhileBusy<T>(attempt: () => T, options: BusyRetryOptions): Promise<T> {
  const started = performance.now();
  let delay = options.firstDelayMs ?? 2;
  const maxDelay = options.maxDelayMs ?? 100;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const waited = performance.now() - started;
      // The driver's error stays the cause: the CLI names the file and the code from it.
      if (waited >= options.budgetMs)
        throw Object.assign(unavailable(DATABASE_BUSY_MESSAGE), { cause: error });
      // Equal jitter: several waiters in one or more processes do not retry in lock-step.
      const pause = Math.min(delay / 2 + (Math.random() * delay) / 2, options.budgetMs - waited);
      await new Promise<void>((resolve) => setTimeout(resolve, pause));
      delay = Math.min(delay * 2, maxDelay);
    }
  }
}
