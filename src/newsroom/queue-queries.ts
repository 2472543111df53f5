import type { Kysely } from "kysely";
import type { ArticleStatus, Tables } from "../db/schema.js";

export interface QueueStory {
  articleId: number;
  headline: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  ownerId: number | null;
  ownerName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  revision: number;
  /** The drafting pipeline's progress (table `story_pipeline`), for stories it drafts. */
  pipeline: { state: string; stage: string; mode: string | null; reason: string | null } | null;
}

/**
 * Stories for the queue: every draft, scheduled and unpublished story, plus the newest
 * published ones; newest change first.
 */
export async function queueStories(db: Kysely<Tables>, publishedLimit = 15): Promise<QueueStory[]> {
  const base = db
    .selectFrom("article")
    .innerJoin("newsroom_story", "newsroom_story.article_id", "article.id")
    .leftJoin("newsroom_user as owner", "owner.id", "newsroom_story.owner_id")
    .leftJoin("newsroom_user as assignee", "assignee.id", "newsroom_story.assignee_id")
    .leftJoin("story_pipeline", "story_pipeline.article_id", "article.id")
    .select([
      "story_pipeline.state as pipeline_state",
      "story_pipeline.stage as pipeline_stage",
      "story_pipeline.mode as pipeline_mode",
      "story_pipeline.reason as pipeline_reason",
      "article.id",
      "article.headline",
      "article.status",
      "article.published_at",
      "article.updated_at",
      "newsroom_story.owner_id",
      "owner.display_name as owner_name",
      "newsroom_story.assignee_id",
      "assignee.display_name as assignee_name",
      "newsroom_story.revision",
    ]);
  const [open, published] = await Promise.all([
    base
      .where("article.status", "!=", "published")
      .orderBy("article.updated_at", "desc")
      .limit(300)
      .execute(),
    base
      .where("article.status", "=", "published")
      .orderBy("article.published_at", "desc")
      .limit(publishedLimit)
      .execute(),
  ]);
  return [...open, ...published].map((r) => ({
    articleId: r.id,
    headline: r.headline,
    status: r.status,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    revision: r.revision,
    pipeline: r.pipeline_state
      ? {
          state: r.pipeline_state,
          stage: r.pipeline_stage ?? "",
          mode: r.pipeline_mode,
          reason: r.pipeline_reason,
        }
      : null,
  }));
}

export async function activeUsers(db: Kysely<Tables>): Promise<{ id: number; name: string }[]> {
  const rows = await db
    .selectFrom("newsroom_user")
    .select(["id", "display_name"])
    .where("disabled", "=", 0)
    .orderBy("display_name")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.display_name }));
}
