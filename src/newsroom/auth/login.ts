import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";
import { type AuditContext, recordAudit } from "../audit-log.js";
import {
  clearFailures,
  EMAIL_POLICY,
  IP_POLICY,
  lockedUntil,
  recordFailure,
  throttleKeys,
} from "./login-throttle.js";
import { burnVerifyTime, verifyPassword } from "./password-hash.js";
import { createSession, type SessionOptions } from "./session-store.js";

export type LoginOutcome =
  | { kind: "ok"; token: string; csrfToken: string; userId: number }
  | { kind: "failed" }
  | { kind: "locked"; until: string };

/**
 * Checks a password under the throttle. The email and the client address are throttled
 * separately; a lock answers without checking the password at all. Every outcome is audited,
 * never with the password.
 */
export async function logIn(
  db: Kysely<Tables>,
  credentials: { email: string; password: string },
  from: { ip: string; userAgent: string },
  now: Date,
  sessionOptions: SessionOptions,
): Promise<LoginOutcome> {
  const email = credentials.email.trim().toLowerCase().slice(0, 254);
  const keys = throttleKeys(email, from.ip);
  const context: AuditContext = { actorId: null, actorLabel: email || "anonymous", ...from };
  const locks = [await lockedUntil(db, keys.email, now), await lockedUntil(db, keys.ip, now)];
  const until = locks
    .filter((l): l is string => l !== undefined)
    .sort()
    .at(-1);
  if (until) {
    await recordAudit(db, context, { action: "login.locked", detail: { until } }, now);
    return { kind: "locked", until };
  }
  const user = await db
    .selectFrom("newsroom_user")
    .select(["id", "password_hash", "disabled"])
    .where("email", "=", email)
    .executeTakeFirst();
  let ok = false;
  if (user) ok = await verifyPassword(credentials.password, user.password_hash);
  else await burnVerifyTime(credentials.password);
  if (!user || !ok || user.disabled === 1) {
    const emailLock = await recordFailure(db, keys.email, now, EMAIL_POLICY);
    const ipLock = await recordFailure(db, keys.ip, now, IP_POLICY);
    const reason = !user ? "unknown email" : !ok ? "wrong password" : "account disabled";
    await recordAudit(
      db,
      { ...context, actorId: user?.id ?? null },
      {
        action: "login.failed",
        detail: { reason, ...(emailLock ? { lockedUntil: emailLock } : {}) },
      },
      now,
    );
    const lock = [emailLock, ipLock]
      .filter((l): l is string => l !== undefined)
      .sort()
      .at(-1);
    return lock ? { kind: "locked", until: lock } : { kind: "failed" };
  }
  await clearFailures(db, keys.email);
  const session = await createSession(db, user.id, now, sessionOptions, from);
  await recordAudit(
    db,
    { ...context, actorId: user.id },
    { action: "login", targetType: "user", targetId: user.id },
    now,
  );
  return { kind: "ok", token: session.token, csrfToken: session.csrfToken, userId: user.id };
}
