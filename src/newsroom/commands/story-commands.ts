import type { Transaction } from "kysely";
import { slugify } from "../../content/slug.js";
import { notFound } from "../../core/errors.js";
import type { Tables } from "../../db/schema.js";
import { recordAudit } from "../audit-log.js";
import { enqueueJudge } from "../judge-job.js";
import { checkRevision } from "../story-checks.js";
import { articleInputOf, contentAsText, type StoryContent } from "../story-content.js";
import { loadStory, revisionContent, type StoryRecord } from "../story-queries.js";
import { type CommandContext, writeArticle } from "./command-context.js";

export type SaveOutcome =
  | { kind: "saved"; revision: number; changed: boolean }
  /** Someone saved since `baseRevision`: nothing was written; `current` is what they saved. */
  | { kind: "conflict"; current: StoryRecord };

async function uniqueSlug(trx: Transaction<Tables>, headline: string): Promise<string> {
  const base = slugify(headline);
  for (let n = 1; n < 1000; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const taken = await trx
      .selectFrom("article")
      .select("id")
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (!taken) return slug;
  }
  return `${base}-${Date.now()}`;
}

async function addRevision(
  trx: Transaction<Tables>,
  ctx: CommandContext,
  articleId: number,
  number: number,
  kind: string,
  content: StoryContent,
  now: Date,
) {
  await trx
    .insertInto("article_revision")
    .values({
      article_id: articleId,
      number,
      author_id: ctx.audit.actorId,
      author_label: ctx.audit.actorLabel,
      kind,
      content: JSON.stringify(content),
      created_at: now.toISOString(),
    })
    .execute();
}

/** A new draft (revision 1) owned by the actor, optionally started from a trending topic. */
export async function createStory(
  ctx: CommandContext,
  content: StoryContent,
  options: { topicId?: number } = {},
): Promise<{ articleId: number; slug: string }> {
  // Two people creating the same headline at once may race for one slug; the loser retries.
  for (let attempt = 1; ; attempt++) {
    try {
      return await insertStory(ctx, content, options);
    } catch (error) {
      const message = error instanceof Error ? error.message : "";
      if (attempt >= 3 || !/unique|duplicate key/i.test(message)) throw error;
    }
  }
}

async function insertStory(
  ctx: CommandContext,
  content: StoryContent,
  options: { topicId?: number },
): Promise<{ articleId: number; slug: string }> {
  const now = ctx.deps.clock.now();
  return ctx.deps.database.db.transaction().execute(async (trx) => {
    const slug = await uniqueSlug(trx, content.headline);
    const saved = await writeArticle(trx, ctx, articleInputOf(content, slug, "draft", null), now);
    await trx
      .insertInto("newsroom_story")
      .values({
        article_id: saved.id,
        owner_id: ctx.audit.actorId,
        assignee_id: null,
        topic_id: options.topicId ?? null,
        revision: 1,
        sources: JSON.stringify(content.sources),
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .execute();
    await addRevision(trx, ctx, saved.id, 1, "create", content, now);
    await checkRevision(trx, ctx.deps.database.dialect, {
      articleId: saved.id,
      revision: 1,
      content,
      publishedAt: now.toISOString(),
      timeZone: ctx.deps.config.TIME_ZONE,
      actor: { id: ctx.audit.actorId, label: ctx.audit.actorLabel },
      now,
    });
    await enqueueJudge(trx, ctx.deps.config, saved.id, 1, now);
    await recordAudit(
      trx,
      ctx.audit,
      {
        action: "story.create",
        targetType: "article",
        targetId: saved.id,
        detail: { slug, topicId: options.topicId ?? null },
      },
      now,
    );
    return { articleId: saved.id, slug };
  });
}

/**
 * Saves content as a new revision, but only if nobody saved since `baseRevision`
 * (optimistic concurrency): the compare-and-increment is one UPDATE, so two saves on the
 * same base cannot both win on either database. Saving what is already the newest content
 * (a double-submitted form) succeeds without a new revision.
 */
export async function saveStory(
  ctx: CommandContext,
  articleId: number,
  baseRevision: number,
  content: StoryContent,
  kind: "save" | "autosave" | "restore" = "save",
): Promise<SaveOutcome> {
  const db = ctx.deps.database.db;
  const now = ctx.deps.clock.now();
  const current = await loadStory(db, articleId);
  if (!current) throw notFound("The story");
  if (contentAsText(current.content) === contentAsText(content) && kind !== "restore") {
    return { kind: "saved", revision: current.revision, changed: false };
  }
  let changeId: number | null = null;
  const outcome = await db.transaction().execute(async (trx): Promise<SaveOutcome | undefined> => {
    await trx
      .insertInto("newsroom_story")
      .values({
        article_id: articleId,
        owner_id: null,
        assignee_id: null,
        topic_id: null,
        revision: 0,
        sources: "[]",
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      })
      .onConflict((oc) => oc.column("article_id").doNothing())
      .execute();
    const claimed = await trx
      .updateTable("newsroom_story")
      .set((eb) => ({
        revision: eb("revision", "+", 1),
        updated_at: now.toISOString(),
        sources: JSON.stringify(content.sources),
      }))
      .where("article_id", "=", articleId)
      .where("revision", "=", baseRevision)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return undefined;
    const revision = baseRevision + 1;
    const article = await trx
      .selectFrom("article")
      .select(["slug", "status", "published_at"])
      .where("id", "=", articleId)
      .executeTakeFirstOrThrow();
    const saved = await writeArticle(
      trx,
      ctx,
      articleInputOf(content, article.slug, article.status, article.published_at),
      now,
    );
    changeId = saved.changeId;
    await addRevision(trx, ctx, articleId, revision, kind, content, now);
    // Every saved revision is checked before the transaction commits, whoever wrote it.
    await checkRevision(trx, ctx.deps.database.dialect, {
      articleId,
      revision,
      content,
      publishedAt: article.published_at ?? now.toISOString(),
      timeZone: ctx.deps.config.TIME_ZONE,
      actor: { id: ctx.audit.actorId, label: ctx.audit.actorLabel },
      now,
    });
    await enqueueJudge(trx, ctx.deps.config, articleId, revision, now);
    await recordAudit(
      trx,
      ctx.audit,
      {
        action: kind === "restore" ? "story.restore" : "story.edit",
        targetType: "article",
        targetId: articleId,
        detail: { revision, kind },
      },
      now,
    );
    return { kind: "saved", revision, changed: true };
  });
  if (!outcome) {
    const latest = await loadStory(db, articleId);
    if (!latest) throw notFound("The story");
    if (contentAsText(latest.content) === contentAsText(content)) {
      return { kind: "saved", revision: latest.revision, changed: false };
    }
    return { kind: "conflict", current: latest };
  }
  // A live story's edit is visible in every process before the editor sees "Saved".
  if (current.status === "published" && changeId !== null) await ctx.deps.changes.settle(changeId);
  return outcome;
}

/** Makes an old revision's content the newest revision again; history is kept. */
export async function restoreRevision(
  ctx: CommandContext,
  articleId: number,
  number: number,
  baseRevision: number,
): Promise<SaveOutcome> {
  const content = await revisionContent(ctx.deps.database.db, articleId, number);
  if (!content) throw notFound(`Revision ${number}`);
  return saveStory(ctx, articleId, baseRevision, content, "restore");
}

/** Gives the story to a user (or nobody) to work on. */
export async function assignStory(
  ctx: CommandContext,
  articleId: number,
  assigneeId: number | null,
) {
  const now = ctx.deps.clock.now();
  await ctx.deps.database.db.transaction().execute(async (trx) => {
    if (assigneeId !== null) {
      const user = await trx
        .selectFrom("newsroom_user")
        .select("id")
        .where("id", "=", assigneeId)
        .where("disabled", "=", 0)
        .executeTakeFirst();
      if (!user) throw notFound("That user");
    }
    const result = await trx
      .updateTable("newsroom_story")
      .set({ assignee_id: assigneeId, updated_at: now.toISOString() })
      .where("article_id", "=", articleId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound("The story");
    await recordAudit(
      trx,
      ctx.audit,
      {
        action: "story.assign",
        targetType: "article",
        targetId: articleId,
        detail: { assigneeId },
      },
      now,
    );
  });
}
