/**
 * A counting semaphore without a queue for password checks. A check holds a few MiB and
 * tens of milliseconds of a libuv thread; letting a burst of sign-ins run them all at once
 * starves every other request (30 parallel guesses once delayed a real sign-in by 32 s).
 * Past the limit a caller is refused at once, so it can answer "busy, try again" without
 * hashing, instead of waiting in a line an attacker can make arbitrarily long.
 */
export interface PasswordGate {
  readonly limit: number;
  /** A release function when a slot was free, else undefined. Release exactly once. */
  tryAcquire(): (() => void) | undefined;
}

export function createPasswordGate(limit: number): PasswordGate {
  if (!Number.isInteger(limit) || limit < 1) throw new Error("limit must be a positive integer");
  let inUse = 0;
  return {
    limit,
    tryAcquire() {
      if (inUse >= limit) return undefined;
      inUse += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse -= 1;
      };
    },
  };
}

/**
 * Password checks one process runs at once: two, on the 2-core machines this runs on, so
 * two of libuv's four threads stay free for file and DNS work.
 */
export const PASSWORD_CHECKS_AT_ONCE = 2;

/** The process-wide gate every newsroom app shares unless a test passes its own. */
export const processPasswordGate: PasswordGate = createPasswordGate(PASSWORD_CHECKS_AT_ONCE);
