import type { Kysely } from "kysely";
import { z } from "zod";
import { validationFailed } from "../../core/errors.js";
import type { NewsroomRole, Tables } from "../../db/schema.js";
import { type AuditContext, recordAudit } from "../audit-log.js";
import { newToken, sha256 } from "./session-store.js";

/** Tokens start with a recognisable prefix so leaked ones are easy to find and revoke. */
export const TOKEN_PREFIX = "rsu_";

export interface TokenUser {
  tokenId: number;
  id: number;
  email: string;
  role: NewsroomRole;
}

export interface TokenView {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const tokenName = z.string().trim().min(1, "is required").max(80, "must be at most 80 characters");

/** Creates a token for the user; the secret is returned once and only its hash is kept. */
export async function createApiToken(
  db: Kysely<Tables>,
  userId: number,
  name: string,
  context: AuditContext,
  now: Date,
): Promise<{ id: number; token: string }> {
  const parsed = tokenName.safeParse(name);
  if (!parsed.success) {
    throw validationFailed("Name the token", [
      { field: "name", message: parsed.error.issues[0]?.message ?? "is invalid" },
    ]);
  }
  const token = `${TOKEN_PREFIX}${newToken()}`;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("api_token")
      .values({
        user_id: userId,
        name: parsed.data,
        token_hash: sha256(token),
        created_at: now.toISOString(),
        last_used_at: null,
        revoked_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      context,
      {
        action: "token.create",
        targetType: "token",
        targetId: row.id,
        detail: { name: parsed.data },
      },
      now,
    );
    return { id: row.id, token };
  });
}

export async function listApiTokens(db: Kysely<Tables>, userId: number): Promise<TokenView[]> {
  const rows = await db
    .selectFrom("api_token")
    .selectAll()
    .where("user_id", "=", userId)
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/** Revokes one of the user's own tokens; returns false when there was none to revoke. */
export async function revokeApiToken(
  db: Kysely<Tables>,
  userId: number,
  tokenId: number,
  context: AuditContext,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("api_token")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", tokenId)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordAudit(
      trx,
      context,
      { action: "token.revoke", targetType: "token", targetId: tokenId },
      now,
    );
    return true;
  });
}

/** The active user behind a bearer token, or undefined. */
export async function userForToken(
  db: Kysely<Tables>,
  token: string,
  now: Date,
): Promise<TokenUser | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 120) return undefined;
  const row = await db
    .selectFrom("api_token")
    .innerJoin("newsroom_user", "newsroom_user.id", "api_token.user_id")
    .select([
      "api_token.id as token_id",
      "api_token.last_used_at",
      "newsroom_user.id",
      "newsroom_user.email",
      "newsroom_user.role",
    ])
    .where("api_token.token_hash", "=", sha256(token))
    .where("api_token.revoked_at", "is", null)
    .where("newsroom_user.disabled", "=", 0)
    .executeTakeFirst();
  if (!row) return undefined;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > 60_000) {
    await db
      .updateTable("api_token")
      .set({ last_used_at: now.toISOString() })
      .where("id", "=", row.token_id)
      .execute();
  }
  return { tokenId: row.token_id, id: row.id, email: row.email, role: row.role };
}
