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

export type Reservation =
  | { kind: "reserved"; failures: number; lockedUntil?: string }
  | { kind: "locked"; until: string };

/**
 * Counts an attempt as a failure BEFORE its password is checked, in one conditional upsert:
 * it only counts while the key is not locked, and the attempt that reaches the free limit
 * sets the lock at once. So however many attempts run in parallel (in one process or
 * several), at most `freeFailures` of them get past this point before the lock refuses the
 * rest, and none of those refused is ever hashed. Pass a transaction: the count and the
 * lock must land together.
 */
export async function reserveAttempt(
  db: Kysely<Tables>,
  key: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<Reservation> {
  const at = now.toISOString();
  const forgetBefore = new Date(now.getTime() - policy.forgetAfterMs).toISOString();
  const { rows } = await sql<{ failures: number }>`
    insert into login_throttle (key, failures, last_failure_at, locked_until)
    values (${key}, 1, ${at}, null)
    on conflict (key) do update set
      failures = case when login_throttle.last_failure_at < ${forgetBefore} then 1
                      else login_throttle.failures + 1 end,
      last_failure_at = excluded.last_failure_at
    where login_throttle.locked_until is null or login_throttle.locked_until <= ${at}
    returning failures`.execute(db);
  const row = rows[0];
  if (!row) return { kind: "locked", until: (await lockedUntil(db, key, now)) ?? at };
  const failures = Number(row.failures);
  const lockMs = lockMsFor(failures, policy);
  if (lockMs === 0) return { kind: "reserved", failures };
  const until = new Date(now.getTime() + lockMs).toISOString();
  await db
    .updateTable("login_throttle")
    .set({ locked_until: until })
    .where("key", "=", key)
    .execute();
  return { kind: "reserved", failures, lockedUntil: until };
}

/**
 * Takes back one reserved attempt after its password proved right. Only that one: failures
 * counted by other attempts (the guesses of someone else, perhaps) stay until a quiet spell
 * forgets them, and a lock stays until it runs out, so a correct sign-in never clears the
 * way for a guesser.
 */
export async function releaseAttempt(db: Kysely<Tables>, key: string): Promise<void> {
  await db
    .updateTable("login_throttle")
    .set((eb) => ({
      failures: eb
        .case()
        .when("failures", ">", 0)
        .then(eb("failures", "-", 1))
        .else(0)
        .end(),
    }))
    .where("key", "=", key)
    .execute();
}
