import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";

export type Revoked = {
  sessionsEnded: number;
  tokensRevoked: number;
};

/**
 * Ends a user's sessions and revokes their API tokens. Call it inside the transaction that
 * changes the account (password reset, disable, lower role) and put the counts in that
 * change's audit event: the change and the end of the old trust commit together. Both are
 * checked in the database on every request, so the next request from any process is refused.
 */
export async function revokeUserCredentials(
  trx: Kysely<Tables>,
  userId: number,
  now: Date,
): Promise<Revoked> {
  const sessions = await trx
    .deleteFrom("newsroom_session")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  const tokens = await trx
    .updateTable("api_token")
    .set({ revoked_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return {
    sessionsEnded: Number(sessions.numDeletedRows),
    tokensRevoked: Number(tokens.numUpdatedRows),
  };
}

const RANK = { writer: 0, editor: 1, admin: 2 } as const;

/** Whether a role change takes rights away (admin → editor → writer). */
export const isLowerRole = (from: keyof typeof RANK, to: keyof typeof RANK) =>
  RANK[to] < RANK[from];
