import type { Kysely } from "kysely";
import type { AuthorRow, CategoryRow, Tables, TagRow } from "../db/schema.js";
import { isPublic } from "./article-queries.js";

type Db = Kysely<Tables>;

export function listCategories(db: Db): Promise<CategoryRow[]> {
  return db.selectFrom("category").selectAll().orderBy("position").orderBy("id").execute();
}

export function findCategoryBySlug(db: Db, slug: string): Promise<CategoryRow | undefined> {
  return db.selectFrom("category").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function findTagBySlug(db: Db, slug: string): Promise<TagRow | undefined> {
  return db.selectFrom("tag").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export function findAuthorBySlug(db: Db, slug: string): Promise<AuthorRow | undefined> {
  return db.selectFrom("author").selectAll().where("slug", "=", slug).executeTakeFirst();
}

/** Newest update among public articles: the Last-Modified of lists, feeds and sitemaps. */
export async function lastPublicChange(db: Db, now: string): Promise<string | undefined> {
  // Newest first with a limit rather than max(): both databases walk the
  // (status, updated_at, published_at) index backwards and stop at the first public row; the
  // aggregate read every public article row on each request.
  const row = await db
    .selectFrom("article")
    .select("article.updated_at as at")
    .where(isPublic(now))
    .orderBy("article.updated_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.at ?? undefined;
}
