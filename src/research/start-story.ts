import { randomUUID } from "node:crypto";
import { listCategories } from "../content/taxonomy-queries.js";
import { notFound } from "../core/errors.js";
import { enqueueJob } from "../jobs/job-queue.js";
import { acquireLease, releaseLease } from "../jobs/lease.js";
import type { AuditContext } from "../newsroom/audit-log.js";
import type { CommandContext } from "../newsroom/commands/command-context.js";
import { createStory } from "../newsroom/commands/story-commands.js";
import { loadPipelineSettings } from "../newsroom/settings.js";
import { canonicalUrl, MAX_PASTED } from "./gather-sources.js";
import { findCoveringStory } from "./topic-dedupe.js";
import { latestTopicFacts, loadWeiboTopic } from "./weibo-topic-source.js";

/** The job the drafting pipeline owns; research only queues it. */
export const WRITING_PIPELINE_JOB = "writing.pipeline";
/** Research's own job: gather sources again (e.g. links pasted for an existing story). */
export const RESEARCH_GATHER_JOB = "research.gather";

/** Who the scheduler acts as when it starts stories on its own (shown in the audit log). */
export const PIPELINE_ACTOR: AuditContext = {
  actorId: null,
  actorLabel: "Resou pipeline",
  ip: "",
  userAgent: "",
};

/** Weibo categories and boards → the newsroom's default categories. */
const CATEGORY_OF: Record<string, string> = {
  时事: "News & Politics",
  国际: "News & Politics",
  政务: "News & Politics",
  社会: "Society",
  民生: "Society",
  财经: "Business & Tech",
  科技: "Business & Tech",
  科普: "Business & Tech",
  汽车: "Business & Tech",
  体育: "Sports",
  明星: "Entertainment",
  综艺: "Entertainment",
  剧集: "Entertainment",
  电视剧: "Entertainment",
  电影: "Entertainment",
  音乐: "Entertainment",
  演出: "Entertainment",
  盛典: "Entertainment",
  游戏: "Entertainment",
};

async function categoryFor(ctx: CommandContext, weiboCategory: string): Promise<string> {
  const names = (await listCategories(ctx.deps.database.db)).map((c) => c.name);
  const wanted = CATEGORY_OF[weiboCategory.split("-")[0] ?? ""];
  if (wanted && names.includes(wanted)) return wanted;
  return names.includes("Society") ? "Society" : (names[0] ?? "Society");
}

/** Start of stories is one at a time across processes, so two starters cannot both create. */
const START_LEASE = "research.start-story";
const LEASE_MS = 30_000;

async function withStartLease<T>(ctx: CommandContext, run: () => Promise<T>): Promise<T> {
  const holder = randomUUID();
  const database = ctx.deps.database;
  // Starts take milliseconds; wait up to the lease's lifetime for another one to finish.
  for (let waited = 0; ; waited += 50) {
    if (await acquireLease(database, START_LEASE, holder, new Date(), LEASE_MS)) break;
    if (waited > LEASE_MS) throw new Error("another story start holds the lock for too long");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    return await run();
  } finally {
    await releaseLease(database, START_LEASE, holder);
  }
}

async function savePastedLinks(
  ctx: CommandContext,
  articleId: number,
  pastedUrls: string[],
): Promise<number> {
  const now = ctx.deps.clock.now().toISOString();
  let added = 0;
  for (const raw of pastedUrls.slice(0, MAX_PASTED)) {
    const url = canonicalUrl(raw);
    if (!url) continue;
    const result = await ctx.deps.database.db
      .insertInto("story_pasted_link")
      .values({ article_id: articleId, url, added_at: now, added_by: ctx.audit.actorId })
      .onConflict((oc) => oc.columns(["article_id", "url"]).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

/**
 * Opens a draft for a trending topic, or returns the story that already covers it (same
 * topic, same hashtag, or a near-identical word within the settings' window). A new draft
 * goes through the newsroom's `createStory` (audited as `ctx.audit`: an editor, or
 * `PIPELINE_ACTOR` for the scheduler) and queues the writing pipeline once. Pasted links are
 * kept on the story; for an existing story they are gathered by a research job.
 */
export async function startStoryFromTopic(
  ctx: CommandContext,
  topicId: number,
  options: { pastedUrls?: string[] } = {},
): Promise<{ articleId: number; existing: boolean }> {
  const db = ctx.deps.database.db;
  const topic = await loadWeiboTopic(db, topicId);
  if (!topic) throw notFound("The topic");
  const pasted = options.pastedUrls ?? [];
  const settings = await loadPipelineSettings(db);
  const rule = {
    windowDays: settings["pipeline.dedupe_window_days"],
    similarity: settings["pipeline.dedupe_similarity"] / 100,
  };
  return withStartLease(ctx, async () => {
    const now = ctx.deps.clock.now();
    const covering = await findCoveringStory(db, topic, rule, now);
    if (covering) {
      if ((await savePastedLinks(ctx, covering.articleId, pasted)) > 0) {
        await enqueueJob(
          ctx.deps.database,
          RESEARCH_GATHER_JOB,
          { articleId: covering.articleId },
          now,
          {
            uniqueKey: `${RESEARCH_GATHER_JOB}:${covering.articleId}`,
          },
        );
      }
      return { articleId: covering.articleId, existing: true };
    }
    const { articleId } = await createStory(
      ctx,
      {
        headline: (topic.titleEn || topic.word).slice(0, 200),
        dek: "",
        lead: "",
        sections: [],
        category: await categoryFor(
          ctx,
          topic.category || (await latestTopicFacts(db, topic))?.facts.category || "",
        ),
        tags: [],
        hashtag: topic.word.slice(0, 100),
        hashtagEn: topic.titleEn.slice(0, 200),
        byline: "",
        sources: [],
      },
      { topicId: topic.id },
    );
    await savePastedLinks(ctx, articleId, pasted);
    await enqueueJob(ctx.deps.database, WRITING_PIPELINE_JOB, { articleId }, now, {
      uniqueKey: `${WRITING_PIPELINE_JOB}:${articleId}`,
    });
    return { articleId, existing: false };
  });
}
