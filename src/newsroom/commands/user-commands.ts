import type { Kysely } from "kysely";
import { z } from "zod";
import { AppError, conflict, notFound, validationFailed } from "../../core/errors.js";
import type { NewsroomRole, Tables } from "../../db/schema.js";
import { type AuditContext, recordAudit } from "../audit-log.js";
import { isLowerRole, revokeUserCredentials } from "../auth/credential-revocation.js";
import {
  hashPassword,
  type PasswordCost,
  passwordProblem,
  verifyPassword,
} from "../auth/password-hash.js";
import { fieldProblems } from "../form-errors.js";

export const ROLES: readonly NewsroomRole[] = ["admin", "editor", "writer"];

const password = z.string().superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email("must be an email address")),
  displayName: z.string().trim().min(1, "is required").max(80, "must be at most 80 characters"),
  role: z.enum(["admin", "editor", "writer"]),
  password,
});
export type NewUserInput = z.input<typeof newUserInput>;

export interface UserView {
  id: number;
  email: string;
  displayName: string;
  role: NewsroomRole;
  disabled: boolean;
  createdAt: string;
}

type Db = Kysely<Tables>;

export async function countUsers(db: Db): Promise<number> {
  const row = await db
    .selectFrom("newsroom_user")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function listUsers(db: Db): Promise<UserView[]> {
  const rows = await db.selectFrom("newsroom_user").selectAll().orderBy("email").execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    disabled: r.disabled === 1,
    createdAt: r.created_at,
  }));
}

/** Creates an account; the email must be new. */
export async function createUser(
  db: Db,
  raw: unknown,
  context: AuditContext,
  now: Date,
  cost?: PasswordCost,
): Promise<UserView> {
  const parsed = newUserInput.safeParse(raw);
  if (!parsed.success)
    throw validationFailed("Check the account fields", fieldProblems(parsed.error));
  const input = parsed.data;
  const passwordHash = await hashPassword(input.password, cost);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("newsroom_user")
      .select("id")
      .where("email", "=", input.email)
      .executeTakeFirst();
    if (taken) {
      throw validationFailed("That email already has an account", [
        { field: "email", message: "already has an account" },
      ]);
    }
    const at = now.toISOString();
    const row = await trx
      .insertInto("newsroom_user")
      .values({
        email: input.email,
        display_name: input.displayName,
        role: input.role,
        password_hash: passwordHash,
        disabled: 0,
        created_at: at,
        updated_at: at,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(
      trx,
      context,
      {
        action: "user.create",
        targetType: "user",
        targetId: row.id,
        detail: { email: input.email, role: input.role },
      },
      now,
    );
    return {
      id: row.id,
      email: input.email,
      displayName: input.displayName,
      role: input.role,
      disabled: false,
      createdAt: at,
    };
  });
}

/** A user changes their own password; every other session of theirs ends. */
export async function changeOwnPassword(
  db: Db,
  userId: number,
  input: { current: string; next: string },
  context: AuditContext & { sessionId?: string },
  now: Date,
  cost?: PasswordCost,
): Promise<void> {
  const user = await db
    .selectFrom("newsroom_user")
    .selectAll()
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw notFound("The account");
  if (!(await verifyPassword(input.current, user.password_hash))) {
    throw validationFailed("Check the password fields", [
      { field: "current", message: "is not your current password" },
    ]);
  }
  const problem = passwordProblem(input.next);
  if (problem)
    throw validationFailed("Check the password fields", [{ field: "next", message: problem }]);
  const hash = await hashPassword(input.next, cost);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("newsroom_user")
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where("id", "=", userId)
      .execute();
    let ended = trx.deleteFrom("newsroom_session").where("user_id", "=", userId);
    if (context.sessionId) ended = ended.where("id", "!=", context.sessionId);
    const result = await ended.executeTakeFirst();
    await recordAudit(
      trx,
      context,
      {
        action: "user.password.change",
        targetType: "user",
        targetId: userId,
        detail: { sessionsEnded: Number(result.numDeletedRows) },
      },
      now,
    );
  });
}

/**
 * An admin sets a new password for someone: all of that user's sessions end and their API
 * tokens are revoked in the same transaction (a reset means the old secrets are not trusted).
 */
export async function resetPassword(
  db: Db,
  userId: number,
  next: string,
  context: AuditContext,
  now: Date,
  cost?: PasswordCost,
): Promise<void> {
  const problem = passwordProblem(next);
  if (problem)
    throw validationFailed("Check the new password", [{ field: "password", message: problem }]);
  const hash = await hashPassword(next, cost);
  await db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("newsroom_user")
      .set({ password_hash: hash, updated_at: now.toISOString() })
      .where("id", "=", userId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("The account");
    const revoked = await revokeUserCredentials(trx, userId, now);
    await recordAudit(
      trx,
      context,
      { action: "user.password.reset", targetType: "user", targetId: userId, detail: revoked },
      now,
    );
  });
}

/**
 * Changes role or disables an account; the last enabled admin cannot be removed. Disabling
 * and lowering the role both end the user's sessions and revoke their API tokens in the
 * same transaction: scripts and browsers trusted under the old standing must be set up
 * again (a raise keeps them, as it takes nothing away).
 */
export async function updateUser(
  db: Db,
  userId: number,
  change: { role?: NewsroomRole; disabled?: boolean },
  context: AuditContext,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const user = await trx
      .selectFrom("newsroom_user")
      .selectAll()
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user) throw notFound("The account");
    const losesAdmin =
      user.role === "admin" &&
      user.disabled === 0 &&
      ((change.role !== undefined && change.role !== "admin") || change.disabled === true);
    if (losesAdmin) {
      const admins = await trx
        .selectFrom("newsroom_user")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("role", "=", "admin")
        .where("disabled", "=", 0)
        .executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw conflict("The last admin cannot be demoted or disabled");
    }
    await trx
      .updateTable("newsroom_user")
      .set({
        ...(change.role ? { role: change.role } : {}),
        ...(change.disabled === undefined ? {} : { disabled: change.disabled ? 1 : 0 }),
        updated_at: now.toISOString(),
      })
      .where("id", "=", userId)
      .execute();
    const lowered = change.role !== undefined && isLowerRole(user.role, change.role);
    const disabling = change.disabled === true && user.disabled === 0;
    const revoked =
      lowered || disabling ? await revokeUserCredentials(trx, userId, now) : undefined;
    await recordAudit(
      trx,
      context,
      {
        action: "user.update",
        targetType: "user",
        targetId: userId,
        detail: { ...change, ...revoked },
      },
      now,
    );
  });
}

export function isAppErrorWithFields(error: unknown): error is AppError {
  return error instanceof AppError && (error.details.fields?.length ?? 0) > 0;
}
