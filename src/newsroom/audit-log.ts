import type { Kysely, Transaction } from "kysely";
import type { Tables } from "../db/schema.js";

export const AUDIT_ACTIONS = [
  "login",
  "login.failed",
  "login.locked",
  "logout",
  "logout.everywhere",
  "permission.denied",
  "csrf.rejected",
  "user.create",
  "user.update",
  "user.password.change",
  "user.password.reset",
  "token.create",
  "token.revoke",
  "story.create",
  "story.edit",
  "story.restore",
  "story.assign",
  "story.publish",
  "story.schedule",
  "story.unpublish",
  "story.correct",
  "story.picture.upload",
  "story.picture.edit",
  "story.picture.remove",
  "topic.dismiss",
  "setting.change",
  "check.override",
  "reference.office_holder.create",
  "reference.office_holder.update",
  "reference.office_holder.delete",
  "reference.name_alias.create",
  "reference.name_alias.update",
  "reference.name_alias.delete",
  "reference.news_outlet.create",
  "reference.news_outlet.update",
  "reference.news_outlet.delete",
  "digest.note",
  "digest.schedule",
  "digest.send",
  "digest.test",
  "digest.subscriber.export",
  "digest.subscriber.delete",
  "digest.suppress",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who did it and from where; `system` for the scheduler. */
export interface AuditContext {
  actorId: number | null;
  actorLabel: string;
  ip: string;
  userAgent: string;
}

export const systemContext: AuditContext = {
  actorId: null,
  actorLabel: "system",
  ip: "",
  userAgent: "",
};

export interface AuditEntry {
  action: AuditAction;
  targetType?: string;
  targetId?: string | number;
  detail?: Record<string, unknown>;
}

/**
 * Appends one event. Pass the command's transaction so the event is written with the
 * change it records, or not at all. There is no update or delete: the table's triggers
 * refuse both.
 */
export async function recordAudit(
  db: Kysely<Tables> | Transaction<Tables>,
  context: AuditContext,
  entry: AuditEntry,
  now: Date,
): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      at: now.toISOString(),
      actor_id: context.actorId,
      actor_label: context.actorLabel.slice(0, 320),
      action: entry.action,
      target_type: entry.targetType ?? "",
      target_id: entry.targetId === undefined ? "" : String(entry.targetId),
      detail: JSON.stringify(entry.detail ?? {}),
      ip: context.ip.slice(0, 100),
      user_agent: context.userAgent.slice(0, 300),
    })
    .execute();
}

export interface AuditRow {
  id: number;
  at: string;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: string;
  ip: string;
}

/** Newest first, optionally filtered by action prefix; `before` pages by id. */
export async function listAudit(
  db: Kysely<Tables>,
  filter: { action?: string; before?: number; limit: number },
): Promise<AuditRow[]> {
  let query = db.selectFrom("audit_event").selectAll().orderBy("id", "desc").limit(filter.limit);
  if (filter.action) query = query.where("action", "like", `${filter.action}%`);
  if (filter.before !== undefined) query = query.where("id", "<", filter.before);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorLabel: r.actor_label,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    detail: r.detail,
    ip: r.ip,
  }));
}
