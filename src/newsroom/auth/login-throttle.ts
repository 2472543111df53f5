import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";

/** Failures allowed before a lockout; each failure past it doubles the lock. */
export interface ThrottlePolicy {
  freeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
  /** A quiet spell this long forgets old failures. */
  forgetAfterMs: number;
}

export const EMAIL_POLICY: ThrottlePolicy = {
  freeFailures: 5,
  baseLockMs: 30_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export const IP_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  baseLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 24 * 60 * 60_000,
};

export const throttleKeys = (email: string, ip: string) => ({
  email: `email:${email.trim().toLowerCase()}`,
  ip: `ip:${ip}`,
});

/** When the key may try again, or undefined when it is not locked now. */
export async function lockedUntil(
  db: Kysely<Tables>,
  key: string,
  now: Date,
): Promise<string | undefined> {
  const row = await db
    .selectFrom("login_throttle")
    .select("locked_until")
    .where("key", "=", key)
    .executeTakeFirst();
  const until = row?.locked_until;
  return until && until > now.toISOString() ? until : undefined;
}

/** Lock length after `failures` consecutive failures (0 while still free). */
export function lockMsFor(failures: number, policy: ThrottlePolicy): number {
  const over = failures - policy.freeFailures;
  if (over < 0) return 0;
  return Math.min(policy.maxLockMs, policy.baseLockMs * 2 ** Math.min(over, 20));
}

/** Counts a failure and returns the lock it earned, if any. */
export async function recordFailure(
  db: Kysely<Tables>,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<string | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("login_throttle")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirst();
    const stale = row && now.getTime() - Date.parse(row.last_failure_at) > policy.forgetAfterMs;
    const failures = (row && !stale ? row.failures : 0) + 1;
    const lockMs = lockMsFor(failures, policy);
    const lockedUntil = lockMs > 0 ? new Date(now.getTime() + lockMs).toISOString() : null;
    const values = { failures, last_failure_at: now.toISOString(), locked_until: lockedUntil };
    await trx
      .insertInto("login_throttle")
      .values({ key, ...values })
      .onConflict((oc) => oc.column("key").doUpdateSet(values))
      .execute();
    return lockedUntil ?? undefined;
  });
}

export async function clearFailures(db: Kysely<Tables>, key: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}
