import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";
import { type AuditContext, recordAudit } from "../audit-log.js";
import {
  EMAIL_POLICY,
  IP_POLICY,
  type Reservation,
  releaseAttempt,
  reserveAttempt,
  throttleKeys,
} from "./login-throttle.js";
import type { PasswordGate } from "./password-gate.js";
import {
  burnVerifyTime,
  hashPassword,
  needsRehash,
  type PasswordCost,
  verifyPassword,
} from "./password-hash.js";
import { createSession, type SessionOptions } from "./session-store.js";

export type LoginOutcome =
  | { kind: "ok"; token: string; csrfToken: string; userId: number }
  | { kind: "failed" }
  | { kind: "locked"; until: string }
  /** Every password-check slot of this process is taken: try again in a moment. */
  | { kind: "busy" };

export interface LoginOptions {
  session: SessionOptions;
  gate: PasswordGate;
  /** Parameters of new hashes; a stored hash made with others is replaced at sign-in. */
  passwordCost?: PasswordCost | undefined;
}

/** Thrown inside the reservation transaction to undo its first half. */
class Refused extends Error {
  constructor(readonly until: string) {
    super("locked");
  }
}

/**
 * Reserves one attempt for the email and one for the address, or neither: when the
 * address is locked the account's reservation is rolled back, so a refused attempt counts
 * nowhere. Keys are always taken in the same order (email, then address), so two
 * transactions never wait on each other in a cycle.
 */
async function reserve(
  db: Kysely<Tables>,
  keys: { email: string; ip: string },
  now: Date,
): Promise<{ kind: "reserved"; lockedUntil?: string } | { kind: "locked"; until: string }> {
  try {
    return await db.transaction().execute(async (trx) => {
      const taken: Reservation[] = [];
      for (const [key, policy] of [
        [keys.email, EMAIL_POLICY],
        [keys.ip, IP_POLICY],
      ] as const) {
        const reservation = await reserveAttempt(trx, key, now, policy);
        if (reservation.kind === "locked") throw new Refused(reservation.until);
        taken.push(reservation);
      }
      const lockedUntil = taken
        .map((r) => (r.kind === "reserved" ? r.lockedUntil : undefined))
        .filter((l): l is string => l !== undefined)
        .sort()
        .at(-1);
      return lockedUntil
        ? { kind: "reserved" as const, lockedUntil }
        : { kind: "reserved" as const };
    });
  } catch (error) {
    if (error instanceof Refused) return { kind: "locked", until: error.until };
    throw error;
  }
}

/**
 * Checks a password under the throttle. In order: a free password-check slot in this
 * process (else "busy", nothing counted), then one reserved attempt per email and per
 * client address in the database (else "locked", nothing hashed), then the check. A right
 * password takes back its own reservations and nothing more (see `releaseAttempt`).
 * Every outcome but "busy" is audited, never with the password.
 */
export async function logIn(
  db: Kysely<Tables>,
  credentials: { email: string; password: string },
  from: { ip: string; userAgent: string },
  now: Date,
  options: LoginOptions,
): Promise<LoginOutcome> {
  const email = credentials.email.trim().toLowerCase().slice(0, 254);
  const keys = throttleKeys(email, from.ip);
  const context: AuditContext = { actorId: null, actorLabel: email || "anonymous", ...from };
  const release = options.gate.tryAcquire();
  if (!release) return { kind: "busy" };
  try {
    const reservation = await reserve(db, keys, now);
    if (reservation.kind === "locked") {
      await recordAudit(
        db,
        context,
        { action: "login.locked", detail: { until: reservation.until } },
        now,
      );
      return reservation;
    }
    const user = await db
      .selectFrom("newsroom_user")
      .select(["id", "password_hash", "disabled"])
      .where("email", "=", email)
      .executeTakeFirst();
    let ok = false;
    if (user) ok = await verifyPassword(credentials.password, user.password_hash);
    else await burnVerifyTime(credentials.password, options.passwordCost);
    if (!user || !ok || user.disabled === 1) {
      const reason = !user ? "unknown email" : !ok ? "wrong password" : "account disabled";
      const lock = reservation.lockedUntil;
      await recordAudit(
        db,
        { ...context, actorId: user?.id ?? null },
        { action: "login.failed", detail: { reason, ...(lock ? { lockedUntil: lock } : {}) } },
        now,
      );
      return lock ? { kind: "locked", until: lock } : { kind: "failed" };
    }
    if (needsRehash(user.password_hash, options.passwordCost)) {
      const upgraded = await hashPassword(credentials.password, options.passwordCost);
      // Only over the hash just checked: a reset that landed meanwhile wins.
      await db
        .updateTable("newsroom_user")
        .set({ password_hash: upgraded })
        .where("id", "=", user.id)
        .where("password_hash", "=", user.password_hash)
        .execute();
    }
    const session = await db.transaction().execute(async (trx) => {
      await releaseAttempt(trx, keys.email);
      await releaseAttempt(trx, keys.ip);
      const created = await createSession(trx, user.id, now, options.session, from);
      await recordAudit(
        trx,
        { ...context, actorId: user.id },
        { action: "login", targetType: "user", targetId: user.id },
        now,
      );
      return created;
    });
    return { kind: "ok", token: session.token, csrfToken: session.csrfToken, userId: user.id };
  } finally {
    release();
  }
}
