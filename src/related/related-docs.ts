import type { Kysely } from "kysely";
import { isPublic } from "../content/article-queries.js";
import type { Tables } from "../db/schema.js";
import type { RelatedDoc } from "./related-types.js";

type Db = Kysely<Tables>;

const docColumns = [
  "article.id",
  "article.headline",
  "article.dek",
  "article.lead",
  "article.plain_text",
  "article.hashtag",
  "article.published_at",
  "category.name as category",
] as const;

interface DocRow {
  id: number;
  headline: string;
  dek: string;
  lead: string;
  plain_text: string;
  hashtag: string;
  published_at: string | null;
  category: string;
}

async function withTags(db: Db, rows: DocRow[]): Promise<RelatedDoc[]> {
  const tags = new Map<number, string[]>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    if (ids.length === 0) continue;
    const found = await db
      .selectFrom("article_tag")
      .innerJoin("tag", "tag.id", "article_tag.tag_id")
      .select(["article_tag.article_id", "tag.name"])
      .where("article_tag.article_id", "in", ids)
      .execute();
    for (const t of found) tags.set(t.article_id, [...(tags.get(t.article_id) ?? []), t.name]);
  }
  return rows.map((r) => ({
    id: r.id,
    title: r.headline,
    lead: [r.dek, r.lead].filter(Boolean).join("\n\n"),
    body: r.plain_text,
    tags: tags.get(r.id) ?? [],
    hashtags: r.hashtag ? [r.hashtag] : [],
    category: r.category,
    ...(r.published_at ? { publishedAt: r.published_at } : {}),
  }));
}

/** Every public article as the engine sees it. */
export async function loadPublicDocs(db: Db, now: string): Promise<RelatedDoc[]> {
  const rows = await db
    .selectFrom("article")
    .innerJoin("category", "category.id", "article.category_id")
    .select(docColumns)
    .where(isPublic(now))
    .orderBy("article.id")
    .execute();
  return withTags(db, rows);
}

/**
 * Articles created or edited since `since`, or whose publication time came between `since` and `now`
 * (scheduled stories go live without a write). `doc` is absent when it is not public.
 */
export async function loadDocsChangedSince(
  db: Db,
  since: string,
  now: string,
): Promise<{ id: number; doc?: RelatedDoc }[]> {
  const rows = await db
    .selectFrom("article")
    .innerJoin("category", "category.id", "article.category_id")
    .select([...docColumns, "article.status"])
    .where((eb) =>
      eb.or([
        eb("article.updated_at", ">=", since),
        // Imports keep the article's own dates, so a new row may carry old ones.
        eb("article.created_at", ">=", since),
        eb.and([eb("article.published_at", ">=", since), eb("article.published_at", "<=", now)]),
      ]),
    )
    .execute();
  const docs = await withTags(db, rows);
  return docs.map((doc, i) => {
    const row = rows[i];
    const visible =
      row?.status === "published" && row.published_at !== null && row.published_at <= now;
    return visible ? { id: Number(doc.id), doc } : { id: Number(doc.id) };
  });
}

/** The given articles, `doc` absent for those not public (drafts, unpublished, gone). */
export async function loadDocsByIds(
  db: Db,
  ids: readonly number[],
  now: string,
): Promise<{ id: number; doc?: RelatedDoc }[]> {
  const out: { id: number; doc?: RelatedDoc }[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom("article")
      .innerJoin("category", "category.id", "article.category_id")
      .select(docColumns)
      .where("article.id", "in", chunk)
      .where(isPublic(now))
      .execute();
    const docs = new Map((await withTags(db, rows)).map((d) => [Number(d.id), d]));
    for (const id of chunk) {
      const doc = docs.get(id);
      out.push(doc ? { id, doc } : { id });
    }
  }
  return out;
}

export async function publicIds(db: Db, now: string, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom("article")
    .select("id")
    .where("id", "in", ids)
    .where(isPublic(now))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Articles whose stored lists show any of `ids`. */
export async function listsShowing(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("article_related")
    .select("article_id")
    .distinct()
    .where("related_id", "in", ids)
    .execute();
  return rows.map((r) => r.article_id);
}
