import { type Kysely, sql } from "kysely";
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

/** Per address: looser, and forgotten sooner, so one office behind NAT is not locked out. */
export const IP_POLICY: ThrottlePolicy = {
  freeFailures: 20,
  baseLockMs: 60_000,
  maxLockMs: 60 * 60_000,
  forgetAfterMs: 15 * 60_000,
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

/**
 * Counts a failure and returns the lock it earned, if any. The count is one upsert (no
 * read first), so concurrent failures from several processes are all counted.
 */
export async function recordFailure(
  db: Kysely<Tables>,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<string | undefined> {
  const at = now.toISOString();
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs).toISOString();
  const { rows } = await sql<{ failures: number }>`
    insert into login_throttle (key, failures, last_failure_at, locked_until)
    values (${key}, 1, ${at}, null)
    on conflict (key) do update set
      failures = case when login_throttle.last_failure_at < ${forgetBefore} then 1
                      else login_throttle.failures + 1 end,
      last_failure_at = excluded.last_failure_at
    returning failures`.execute(db);
  const lockMs = lockMsFor(Number(rows[0]?.failures ?? 1), policy);
  if (lockMs === 0) return undefined;
  const lockedUntil = new Date(now.getTime() + lockMs).toISOString();
  await db
    .updateTable("login_throttle")
    .set({ locked_until: lockedUntil })
    .where("key", "=", key)
    .execute();
  return lockedUntil;
}

export async function clearFailures(db: Kysely<Tables>, key: string): Promise<void> {
  await db.deleteFrom("login_throttle").where("key", "=", key).execute();
}
