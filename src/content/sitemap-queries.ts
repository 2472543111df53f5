import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { isPublic } from "./article-queries.js";

type Db = Kysely<Tables>;

/** A listing page (category, tag or byline) and the newest change among its public articles. */
export interface ListingLastChange {
  slug: string;
  /** UTC ISO; undefined when nothing public is filed there yet. */
  lastModified: string | undefined;
}

/**
 * Every category with the newest update among its public articles. Empty categories are
 * kept: their pages exist and are linked from the navigation.
 */
export async function listCategoryLastChanges(db: Db, now: string): Promise<ListingLastChange[]> {
  const [categories, newest] = await Promise.all([
    db.selectFrom("category").select("slug").orderBy("position").orderBy("id").execute(),
    db
      .selectFrom("article")
      .innerJoin("category", "category.id", "article.category_id")
      .select((eb) => ["category.slug", eb.fn.max("article.updated_at").as("at")])
      .where(isPublic(now))
      .groupBy("category.slug")
      .execute(),
  ]);
  const byCategory = new Map(newest.map((r) => [r.slug, r.at]));
  return categories.map((c) => ({ slug: c.slug, lastModified: byCategory.get(c.slug) }));
}

/** Tags that have at least one public article, with that newest update, newest first. */
export async function listTagLastChanges(
  db: Db,
  now: string,
  limit: number,
): Promise<ListingLastChange[]> {
  const rows = await db
    .selectFrom("tag")
    .innerJoin("article_tag", "article_tag.tag_id", "tag.id")
    .innerJoin("article", "article.id", "article_tag.article_id")
    .select((eb) => ["tag.slug", eb.fn.max("article.updated_at").as("at")])
    .where(isPublic(now))
    .groupBy("tag.slug")
    .orderBy("at", "desc")
    .orderBy("tag.slug")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastModified: r.at }));
}

/** Bylines that have at least one public article, with that newest update, newest first. */
export async function listAuthorLastChanges(
  db: Db,
  now: string,
  limit: number,
): Promise<ListingLastChange[]> {
  const rows = await db
    .selectFrom("author")
    .innerJoin("article", "article.author_id", "author.id")
    .select((eb) => ["author.slug", eb.fn.max("article.updated_at").as("at")])
    .where(isPublic(now))
    .groupBy("author.slug")
    .orderBy("at", "desc")
    .orderBy("author.slug")
    .limit(limit)
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastModified: r.at }));
}

export interface ArticleLocation {
  slug: string;
  updatedAt: string;
}

/**
 * Slugs and update times of public articles published within [from, to] (UTC ISO,
 * inclusive), oldest first so a month split over several files keeps stable pages.
 */
export async function listArticleLocations(
  db: Db,
  now: string,
  range: { from: string; to: string },
  page: { limit: number; offset: number },
): Promise<ArticleLocation[]> {
  const rows = await db
    .selectFrom("article")
    .select(["slug", "updated_at"])
    .where(isPublic(now))
    .where("published_at", ">=", range.from)
    .where("published_at", "<=", range.to)
    .orderBy("published_at")
    .orderBy("id")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at }));
}
