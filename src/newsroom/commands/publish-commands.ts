import { readPlacement, recordArticleChange } from "../../changes/article-placement.js";
import { openErrorFlags } from "../../checks/flag-store.js";
import { conflict, isAppError, notFound, validationFailed } from "../../core/errors.js";
import type { ArticleStatus } from "../../db/schema.js";
import { enqueueJob } from "../../jobs/job-queue.js";
import { type AuditContext, recordAudit, systemContext } from "../audit-log.js";
import type { NewsroomDeps } from "../newsroom-deps.js";
import type { CommandContext } from "./command-context.js";

/** The job the worker runs at a scheduled time (the minute sweep is the safety net). */
export const PUBLISH_DUE_JOB = "newsroom.publish-due";

export interface PublishOutcome {
  status: ArticleStatus;
  /** False when the story already was in that state (a double-submitted form). */
  changed: boolean;
  publishedAt: string | null;
}

async function current(ctx: CommandContext, articleId: number) {
  const row = await ctx.deps.database.db
    .selectFrom("article")
    .select(["id", "slug", "status", "published_at"])
    .where("id", "=", articleId)
    .executeTakeFirst();
  if (!row) throw notFound("The story");
  return row;
}

/**
 * After the commit: returns only once every process shows the change (page caches, lists),
 * so the editor's "Published" page means the story is live everywhere.
 */
async function afterChange(deps: NewsroomDeps, changeId: number) {
  await deps.changes.settle(changeId);
}

/**
 * Moves a story from one of `from` to `to` in one conditional UPDATE (so of two racing
 * requests or processes exactly one wins), with its audit event and article change in the
 * same transaction. Returns the change's id, or undefined when another request won.
 */
async function transition(
  deps: NewsroomDeps,
  audit: AuditContext,
  articleId: number,
  from: ArticleStatus[],
  to: ArticleStatus,
  publishedAt: string | null,
  action: "story.publish" | "story.schedule" | "story.unpublish",
  detail: Record<string, unknown> = {},
): Promise<number | undefined> {
  const now = deps.clock.now();
  return deps.database.db.transaction().execute(async (trx) => {
    if (to === "published" || to === "scheduled") {
      // No claim goes out while a claim check has an open error on the newest revision.
      const open = await openErrorFlags(trx, articleId);
      if (open.length > 0) {
        throw conflict(
          `${open.length} claim-check error${open.length === 1 ? " is" : "s are"} open on this story: fix or override ${open.length === 1 ? "it" : "them"} before publishing`,
        );
      }
    }
    const before = await readPlacement(trx, articleId, now);
    const result = await trx
      .updateTable("article")
      .set({ status: to, published_at: publishedAt, updated_at: now.toISOString() })
      .where("id", "=", articleId)
      .where("status", "in", from)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return undefined;
    await recordAudit(
      trx,
      audit,
      {
        action,
        targetType: "article",
        targetId: articleId,
        detail: { to, publishedAt, ...detail },
      },
      now,
    );
    return recordArticleChange(trx, articleId, before, now);
  });
}

/** Publishes now. A re-published story keeps its first publication time. */
export async function publishArticle(
  ctx: CommandContext,
  articleId: number,
): Promise<PublishOutcome> {
  const row = await current(ctx, articleId);
  if (row.status === "published")
    return { status: row.status, changed: false, publishedAt: row.published_at };
  const nowIso = ctx.deps.clock.now().toISOString();
  const publishedAt = row.status === "unpublished" && row.published_at ? row.published_at : nowIso;
  const changed = await transition(
    ctx.deps,
    ctx.audit,
    articleId,
    ["draft", "scheduled", "unpublished"],
    "published",
    publishedAt,
    "story.publish",
  );
  if (changed === undefined)
    return { ...(await current(ctx, articleId)), changed: false, publishedAt: row.published_at };
  await afterChange(ctx.deps, changed);
  return { status: "published", changed: true, publishedAt };
}

/** Schedules for a future instant; the worker and the scheduler's minute sweep publish it. */
export async function scheduleArticle(
  ctx: CommandContext,
  articleId: number,
  at: Date,
): Promise<PublishOutcome> {
  const now = ctx.deps.clock.now();
  if (Number.isNaN(at.getTime()) || at.getTime() <= now.getTime()) {
    throw validationFailed("Pick a time in the future", [
      { field: "publish_at", message: "must be in the future" },
    ]);
  }
  const row = await current(ctx, articleId);
  if (row.status === "published") throw conflict("The story is already published");
  const publishedAt = at.toISOString();
  if (row.status === "scheduled" && row.published_at === publishedAt) {
    return { status: "scheduled", changed: false, publishedAt };
  }
  const changed = await transition(
    ctx.deps,
    ctx.audit,
    articleId,
    ["draft", "scheduled", "unpublished"],
    "scheduled",
    publishedAt,
    "story.schedule",
  );
  if (changed === undefined)
    throw conflict("The story changed state meanwhile; reload and try again");
  await enqueueJob(ctx.deps.database, PUBLISH_DUE_JOB, {}, now, {
    runAt: at,
    uniqueKey: `publish:${articleId}:${publishedAt}`,
  });
  return { status: "scheduled", changed: true, publishedAt };
}

/** Takes a published story down (410 page) or cancels a schedule (back to draft). */
export async function unpublishArticle(
  ctx: CommandContext,
  articleId: number,
): Promise<PublishOutcome> {
  const row = await current(ctx, articleId);
  if (row.status === "scheduled") {
    const changed = await transition(
      ctx.deps,
      ctx.audit,
      articleId,
      ["scheduled"],
      "draft",
      null,
      "story.unpublish",
      { cancelledSchedule: row.published_at },
    );
    return { status: "draft", changed: changed !== undefined, publishedAt: null };
  }
  if (row.status !== "published")
    return { status: row.status, changed: false, publishedAt: row.published_at };
  const changed = await transition(
    ctx.deps,
    ctx.audit,
    articleId,
    ["published"],
    "unpublished",
    row.published_at,
    "story.unpublish",
  );
  if (changed !== undefined) await afterChange(ctx.deps, changed);
  return { status: "unpublished", changed: changed !== undefined, publishedAt: row.published_at };
}

/** A dated correction note on a published story; its dateModified moves to now. */
export async function correctArticle(
  ctx: CommandContext,
  articleId: number,
  text: string,
): Promise<void> {
  const note = text.trim();
  if (note.length < 10 || note.length > 2000) {
    throw validationFailed("Check the correction", [
      { field: "text", message: "must be 10 to 2,000 characters" },
    ]);
  }
  const row = await current(ctx, articleId);
  if (row.status !== "published") throw conflict("Only a published story takes corrections");
  const now = ctx.deps.clock.now();
  const nowIso = now.toISOString();
  const changeId = await ctx.deps.database.db.transaction().execute(async (trx) => {
    const duplicate = await trx
      .selectFrom("article_correction")
      .select("id")
      .where("article_id", "=", articleId)
      .where("text", "=", note)
      .executeTakeFirst();
    if (duplicate) return undefined; // the same note posted twice
    const before = await readPlacement(trx, articleId, now);
    await trx
      .insertInto("article_correction")
      .values({ article_id: articleId, noted_at: nowIso, text: note })
      .execute();
    await trx
      .updateTable("article")
      .set({ updated_at: nowIso })
      .where("id", "=", articleId)
      .execute();
    await recordAudit(
      trx,
      ctx.audit,
      {
        action: "story.correct",
        targetType: "article",
        targetId: articleId,
        detail: { text: note },
      },
      now,
    );
    return recordArticleChange(trx, articleId, before, now);
  });
  if (changeId !== undefined) await afterChange(ctx.deps, changeId);
}

/**
 * Publishes every scheduled story whose time has come. Safe to run in any number of
 * processes at once: each story flips in a conditional UPDATE that only one can win, and
 * only the winner writes the audit event and the article change.
 */
export async function publishDue(deps: NewsroomDeps): Promise<number[]> {
  const nowIso = deps.clock.now().toISOString();
  const due = await deps.database.db
    .selectFrom("article")
    .select(["id", "slug", "published_at"])
    .where("status", "=", "scheduled")
    .where("published_at", "<=", nowIso)
    .orderBy("published_at")
    .execute();
  const published: number[] = [];
  for (const row of due) {
    let won: number | undefined;
    try {
      won = await transition(
        deps,
        systemContext,
        row.id,
        ["scheduled"],
        "published",
        row.published_at,
        "story.publish",
        { scheduled: true },
      );
    } catch (error) {
      // A flag raised after scheduling (an edit) holds the story back; the desk sees why.
      if (!isAppError(error) || error.id !== "conflict") throw error;
      deps.log.warn({ articleId: row.id, reason: error.message }, "scheduled story held back");
      continue;
    }
    if (won === undefined) continue;
    published.push(row.id);
    await afterChange(deps, won);
  }
  return published;
}
