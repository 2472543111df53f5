import type { Kysely } from "kysely";
import type { SectionInput } from "../content/article-input.js";
import type { ArticleStatus, Tables } from "../db/schema.js";
import type { StoryResource } from "./policy.js";
import { type StoryContent, storyContent } from "./story-content.js";

type Db = Kysely<Tables>;

export interface StoryRecord {
  articleId: number;
  slug: string;
  status: ArticleStatus;
  publishedAt: string | null;
  updatedAt: string;
  ownerId: number | null;
  assigneeId: number | null;
  topicId: number | null;
  /** Newest revision number; 0 for an article that never went through the editor. */
  revision: number;
  content: StoryContent;
}

export interface RevisionSummary {
  number: number;
  authorLabel: string;
  kind: string;
  createdAt: string;
}

export const resourceOf = (story: StoryRecord): StoryResource => ({
  ownerId: story.ownerId,
  assigneeId: story.assigneeId,
  status: story.status,
});

export function parseContent(json: string): StoryContent {
  return storyContent.parse(JSON.parse(json));
}

/** Content of an article as stored, for articles edited outside the newsroom (imports). */
async function contentFromArticle(db: Db, articleId: number): Promise<StoryContent | undefined> {
  const row = await db
    .selectFrom("article")
    .innerJoin("category", "category.id", "article.category_id")
    .innerJoin("author", "author.id", "article.author_id")
    .select([
      "article.headline",
      "article.dek",
      "article.lead",
      "article.sections",
      "article.hashtag",
      "article.hashtag_en",
      "category.name as category",
      "author.name as byline",
    ])
    .where("article.id", "=", articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const tags = await db
    .selectFrom("article_tag")
    .innerJoin("tag", "tag.id", "article_tag.tag_id")
    .select("tag.name")
    .where("article_tag.article_id", "=", articleId)
    .orderBy("article_tag.position")
    .execute();
  return {
    headline: row.headline,
    dek: row.dek,
    lead: row.lead,
    sections: JSON.parse(row.sections) as SectionInput[],
    category: row.category,
    tags: tags.map((t) => t.name),
    hashtag: row.hashtag,
    hashtagEn: row.hashtag_en,
    byline: row.byline,
    sources: [],
  };
}

/** The story with its newest content, or undefined when no such article exists. */
export async function loadStory(db: Db, articleId: number): Promise<StoryRecord | undefined> {
  const row = await db
    .selectFrom("article")
    .leftJoin("newsroom_story", "newsroom_story.article_id", "article.id")
    .select([
      "article.id",
      "article.slug",
      "article.status",
      "article.published_at",
      "article.updated_at",
      "newsroom_story.owner_id",
      "newsroom_story.assignee_id",
      "newsroom_story.topic_id",
      "newsroom_story.revision",
    ])
    .where("article.id", "=", articleId)
    .executeTakeFirst();
  if (!row) return undefined;
  const revision = row.revision ?? 0;
  const latest =
    revision > 0
      ? await db
          .selectFrom("article_revision")
          .select("content")
          .where("article_id", "=", articleId)
          .where("number", "=", revision)
          .executeTakeFirst()
      : undefined;
  const content = latest ? parseContent(latest.content) : await contentFromArticle(db, articleId);
  if (!content) return undefined;
  return {
    articleId: row.id,
    slug: row.slug,
    status: row.status,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    ownerId: row.owner_id ?? null,
    assigneeId: row.assignee_id ?? null,
    topicId: row.topic_id ?? null,
    revision,
    content,
  };
}

export async function listRevisions(db: Db, articleId: number): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom("article_revision")
    .select(["number", "author_label", "kind", "created_at"])
    .where("article_id", "=", articleId)
    .orderBy("number", "desc")
    .execute();
  return rows.map((r) => ({
    number: r.number,
    authorLabel: r.author_label,
    kind: r.kind,
    createdAt: r.created_at,
  }));
}

export async function revisionContent(
  db: Db,
  articleId: number,
  number: number,
): Promise<StoryContent | undefined> {
  const row = await db
    .selectFrom("article_revision")
    .select("content")
    .where("article_id", "=", articleId)
    .where("number", "=", number)
    .executeTakeFirst();
  return row ? parseContent(row.content) : undefined;
}
