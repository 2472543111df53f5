import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import type { SectionInput } from "./article-input.js";

type Db = Kysely<Tables>;

/** The parts of an article a feed shows in full that list queries leave out. */
export interface ArticleBody {
  lead: string;
  sections: SectionInput[];
  tags: { slug: string; name: string }[];
  corrections: { notedAt: string; text: string }[];
}

/**
 * Bodies, tags and corrections for many articles in three queries, whatever the count:
 * a feed of 50 items must not cost 150 round trips. The caller has already chosen the
 * ids through the public-visibility filter, so none is applied here.
 */
export async function loadArticleBodies(db: Db, ids: number[]): Promise<Map<number, ArticleBody>> {
  const bodies = new Map<number, ArticleBody>();
  if (ids.length === 0) return bodies;
  const [rows, tags, corrections] = await Promise.all([
    db.selectFrom("article").select(["id", "lead", "sections"]).where("id", "in", ids).execute(),
    db
      .selectFrom("article_tag")
      .innerJoin("tag", "tag.id", "article_tag.tag_id")
      .select(["article_tag.article_id", "tag.slug", "tag.name"])
      .where("article_tag.article_id", "in", ids)
      .orderBy("article_tag.article_id")
      .orderBy("article_tag.position")
      .execute(),
    db
      .selectFrom("article_correction")
      .select(["article_id", "noted_at", "text"])
      .where("article_id", "in", ids)
      .orderBy("noted_at")
      .orderBy("id")
      .execute(),
  ]);
  for (const row of rows) {
    bodies.set(row.id, {
      lead: row.lead,
      sections: JSON.parse(row.sections) as SectionInput[],
      tags: [],
      corrections: [],
    });
  }
  for (const tag of tags) bodies.get(tag.article_id)?.tags.push({ slug: tag.slug, name: tag.name });
  for (const c of corrections) {
    bodies.get(c.article_id)?.corrections.push({ notedAt: c.noted_at, text: c.text });
  }
  return bodies;
}

/**
 * The Last-Modified validator for a feed or sitemap: the newest change to any article that
 * is, or was, publicly visible in scope. Withdrawn articles count because removing an item
 * changes the document even though no visible row changed; without them a client asking
 * If-Modified-Since would keep a copy that still lists the withdrawn story.
 */
export async function lastChangeInScope(
  db: Db,
  now: string,
  scope: { categoryId?: number; from?: string; to?: string },
): Promise<string | undefined> {
  let query = db
    .selectFrom("article")
    .select((eb) => eb.fn.max("article.updated_at").as("at"))
    .where("article.status", "in", ["published", "unpublished"])
    .where("article.published_at", "<=", now);
  if (scope.categoryId !== undefined)
    query = query.where("article.category_id", "=", scope.categoryId);
  if (scope.from !== undefined) query = query.where("article.published_at", ">=", scope.from);
  if (scope.to !== undefined) query = query.where("article.published_at", "<=", scope.to);
  const row = await query.executeTakeFirst();
  return row?.at ?? undefined;
}
