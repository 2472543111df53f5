import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { NewsroomRole, Tables } from "../../db/schema.js";

export interface SessionUser {
  id: number;
  email: string;
  displayName: string;
  role: NewsroomRole;
}

export interface Session {
  id: string;
  user: SessionUser;
  csrfToken: string;
  expiresAt: string;
}

export interface SessionOptions {
  /** Idle lifetime: each use moves the expiry this far ahead. */
  ttlMs: number;
  /** Absolute lifetime from login, whatever the activity. */
  maxAgeMs: number;
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
export const newToken = () => randomBytes(32).toString("base64url");

/** Starts a session; returns the cookie token (only its hash is stored). */
export async function createSession(
  db: Kysely<Tables>,
  userId: number,
  now: Date,
  options: SessionOptions,
  from: { ip: string; userAgent: string },
): Promise<{ token: string; csrfToken: string; expiresAt: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + options.ttlMs).toISOString();
  await db
    .insertInto("newsroom_session")
    .values({
      id: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
      ip: from.ip.slice(0, 100),
      user_agent: from.userAgent.slice(0, 300),
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/**
 * The live session for a cookie token, or undefined when unknown, expired, past its
 * absolute age, or its user is disabled. Slides the idle expiry forward (at most once a
 * minute, to spare writes).
 */
export async function findSession(
  db: Kysely<Tables>,
  token: string,
  now: Date,
  options: SessionOptions,
): Promise<Session | undefined> {
  if (token.length < 20 || token.length > 100) return undefined;
  const id = sha256(token);
  const row = await db
    .selectFrom("newsroom_session")
    .innerJoin("newsroom_user", "newsroom_user.id", "newsroom_session.user_id")
    .select([
      "newsroom_session.id",
      "newsroom_session.csrf_token",
      "newsroom_session.created_at",
      "newsroom_session.last_seen_at",
      "newsroom_session.expires_at",
      "newsroom_user.id as user_id",
      "newsroom_user.email",
      "newsroom_user.display_name",
      "newsroom_user.role",
      "newsroom_user.disabled",
    ])
    .where("newsroom_session.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  const nowIso = now.toISOString();
  const absoluteEnd = new Date(Date.parse(row.created_at) + options.maxAgeMs).toISOString();
  if (row.expires_at <= nowIso || absoluteEnd <= nowIso || row.disabled === 1) {
    await db.deleteFrom("newsroom_session").where("id", "=", id).execute();
    return undefined;
  }
  let expiresAt = row.expires_at;
  if (now.getTime() - Date.parse(row.last_seen_at) > 60_000) {
    const slid = new Date(now.getTime() + options.ttlMs).toISOString();
    expiresAt = [slid, absoluteEnd].sort()[0] ?? slid;
    await db
      .updateTable("newsroom_session")
      .set({ last_seen_at: nowIso, expires_at: expiresAt })
      .where("id", "=", id)
      .execute();
  }
  return {
    id,
    csrfToken: row.csrf_token,
    expiresAt,
    user: { id: row.user_id, email: row.email, displayName: row.display_name, role: row.role },
  };
}

export async function endSession(db: Kysely<Tables>, sessionId: string): Promise<void> {
  await db.deleteFrom("newsroom_session").where("id", "=", sessionId).execute();
}

/** Logout everywhere; `except` keeps the session the user is acting from. */
export async function endUserSessions(
  db: Kysely<Tables>,
  userId: number,
  except?: string,
): Promise<number> {
  let query = db.deleteFrom("newsroom_session").where("user_id", "=", userId);
  if (except) query = query.where("id", "!=", except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
