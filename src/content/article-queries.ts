import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from "kysely";
import type { ArticleKind, ArticleStatus, Tables } from "../db/schema.js";
import type { SectionInput } from "./article-input.js";
import { type BodyHtml, readBodyHtml } from "./body-html.js";
import {
  readableImageUrl,
  readableInstant,
  readableSections,
  readableZone,
} from "./stored-values.js";

export interface ArticleSummary {
  id: number;
  slug: string;
  kind: ArticleKind;
  headline: string;
  dek: string;
  category: { slug: string; name: string };
  author: { slug: string; name: string; kind: "desk" | "person" };
  publishedAt: string;
  updatedAt: string;
  timeZone: string;
  imageUrl: string;
  imageAlt: string;
  hashtag: string;
  /** Demo content loaded into an empty database: marked wherever it is listed. */
  isDemo: boolean;
}

export interface ArticleFull extends ArticleSummary {
  status: ArticleStatus;
  lead: string;
  sections: SectionInput[];
  hashtagEn: string;
  imageUrl: string;
  tags: { slug: string; name: string }[];
  corrections: { notedAt: string; text: string }[];
  wordCount: number;
  plainText: string;
  /** Lead and section bodies as stored HTML, when current (else the page renders them). */
  bodyHtml?: BodyHtml;
}

export interface ListFilter {
  categoryId?: number;
  tagId?: number;
  authorId?: number;
  kind?: ArticleKind;
  /** Inclusive UTC ISO bounds on the publication time. */
  from?: string;
  to?: string;
  excludeIds?: number[];
  /** Leave out demo content (Google News takes real reporting only). */
  excludeDemo?: boolean;
}

type Db = Kysely<Tables>;
type ArticleQuery = SelectQueryBuilder<Tables, "article" | "category" | "author", object>;

const summaryColumns = [
  "article.id",
  "article.slug",
  "article.kind",
  "article.headline",
  "article.dek",
  "article.published_at",
  "article.updated_at",
  "article.time_zone",
  "article.image_url",
  "article.image_alt",
  "article.hashtag",
  "article.is_demo",
  "category.slug as category_slug",
  "category.name as category_name",
  "author.slug as author_slug",
  "author.name as author_name",
  "author.kind as author_kind",
] as const;

function joined(db: Db) {
  return db
    .selectFrom("article")
    .innerJoin("category", "category.id", "article.category_id")
    .innerJoin("author", "author.id", "article.author_id");
}

/** Public means published and not scheduled for later. */
export function isPublic(now: string) {
  return (eb: ExpressionBuilder<Tables, "article">) =>
    eb.and([eb("article.status", "=", "published"), eb("article.published_at", "<=", now)]);
}

function applyFilter<Q extends ArticleQuery>(query: Q, filter: ListFilter, now: string): Q {
  let q = query.where(isPublic(now)) as Q;
  if (filter.categoryId !== undefined)
    q = q.where("article.category_id", "=", filter.categoryId) as Q;
  if (filter.authorId !== undefined) q = q.where("article.author_id", "=", filter.authorId) as Q;
  if (filter.kind !== undefined) q = q.where("article.kind", "=", filter.kind) as Q;
  if (filter.from !== undefined) q = q.where("article.published_at", ">=", filter.from) as Q;
  if (filter.to !== undefined) q = q.where("article.published_at", "<=", filter.to) as Q;
  if (filter.excludeIds?.length) q = q.where("article.id", "not in", filter.excludeIds) as Q;
  if (filter.excludeDemo) q = q.where("article.is_demo", "=", 0) as Q;
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom("article_tag")
          .select("article_tag.article_id")
          .whereRef("article_tag.article_id", "=", "article.id")
          .where("article_tag.tag_id", "=", tagId),
      ),
    ) as Q;
  }
  return q;
}

/** Newest first; ties broken by id so pages never overlap or skip. */
export async function listPublished(
  db: Db,
  now: string,
  filter: ListFilter,
  page: { limit: number; offset: number },
): Promise<ArticleSummary[]> {
  const rows = await applyFilter(joined(db), filter, now)
    .select(summaryColumns)
    .orderBy("article.published_at", "desc")
    .orderBy("article.id", "desc")
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows.map(toSummary);
}

/** Public summaries for the given ids, in the order of the ids. */
export async function listPublishedByIds(
  db: Db,
  now: string,
  ids: number[],
): Promise<ArticleSummary[]> {
  if (ids.length === 0) return [];
  // Looked up by primary key and checked here: with the status condition in SQL, SQLite
  // prefers the status index and reads every public article to find these few.
  const rows = await joined(db)
    .select([...summaryColumns, "article.status"])
    .where("article.id", "in", ids)
    .execute();
  const visible = rows.filter(
    (r) => r.status === "published" && r.published_at !== null && r.published_at <= now,
  );
  const byId = new Map(visible.map((r) => [r.id, toSummary(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function countPublished(db: Db, now: string, filter: ListFilter): Promise<number> {
  const row = await applyFilter(joined(db), filter, now)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Any status: the route decides between the page, 404 and 410. */
export async function findArticleBySlug(db: Db, slug: string): Promise<ArticleFull | undefined> {
  const row = await joined(db)
    .select([
      ...summaryColumns,
      "article.status",
      "article.lead",
      "article.sections",
      "article.hashtag_en",
      "article.word_count",
      "article.plain_text",
      "article.is_demo",
      "article.created_at",
      "article.body_html",
    ])
    .where("article.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const [tags, corrections] = await Promise.all([
    db
      .selectFrom("article_tag")
      .innerJoin("tag", "tag.id", "article_tag.tag_id")
      .select(["tag.slug", "tag.name"])
      .where("article_tag.article_id", "=", row.id)
      .orderBy("article_tag.position")
      .execute(),
    db
      .selectFrom("article_correction")
      .select(["noted_at", "text"])
      .where("article_id", "=", row.id)
      .orderBy("noted_at")
      .execute(),
  ]);
  const sections = readableSections(row.sections);
  const bodyHtml = readBodyHtml(row.body_html, { lead: row.lead, sections });
  return {
    ...toSummary({ ...row, published_at: row.published_at ?? row.created_at }),
    status: row.status,
    lead: row.lead,
    sections,
    ...(bodyHtml ? { bodyHtml } : {}),
    hashtagEn: row.hashtag_en,
    tags,
    corrections: corrections.map((c) => ({ notedAt: readableInstant(c.noted_at), text: c.text })),
    wordCount: row.word_count,
    plainText: row.plain_text,
    isDemo: row.is_demo === 1,
  };
}

/**
 * The stored related list (kept current at publish time) when there is one; otherwise the
 * same category's articles nearest in time, so a page is never without a list.
 */
export async function relatedArticles(
  db: Db,
  article: Pick<ArticleSummary, "id" | "publishedAt"> & { categoryId: number },
  now: string,
  limit: number,
): Promise<ArticleSummary[]> {
  return (await relatedArticleList(db, article, now, limit)).articles;
}

/**
 * The related list and where it came from: a stored list changes only with a related change,
 * the fallback with every article published in the category (which a page cache must know).
 */
export async function relatedArticleList(
  db: Db,
  article: Pick<ArticleSummary, "id" | "publishedAt"> & { categoryId: number },
  now: string,
  limit: number,
): Promise<{ articles: ArticleSummary[]; stored: boolean }> {
  const stored = await joined(db)
    .innerJoin("article_related", "article_related.related_id", "article.id")
    .select(summaryColumns)
    .where("article_related.article_id", "=", article.id)
    .where(isPublic(now))
    .orderBy("article_related.rank")
    .limit(limit)
    .execute();
  if (stored.length > 0) return { articles: stored.map(toSummary), stored: true };

  // The nearest on each side of the article's time, each read newest- or oldest-first from
  // the category's (category_id, status, published_at) index and stopped after `limit` rows:
  // the `limit` nearest overall are among these two runs, whatever the category's size.
  const at = article.publishedAt;
  const side = (direction: "before" | "after") => {
    const q = applyFilter(joined(db), { excludeIds: [article.id] }, now)
      .select(summaryColumns)
      // The id as a value, not a subquery on the slug: with a subquery SQLite's planner
      // prefers the (status, published_at) index and walks every category's rows.
      .where("article.category_id", "=", article.categoryId);
    return (
      direction === "before"
        ? q
            .where("article.published_at", "<=", at)
            .where("article.published_at", ">=", shiftDays(at, -60))
            .orderBy("article.published_at", "desc")
        : q
            .where("article.published_at", ">", at)
            .where("article.published_at", "<=", shiftDays(at, 60))
            .orderBy("article.published_at", "asc")
    )
      .orderBy("article.id", "desc")
      .limit(limit)
      .execute();
  };
  const [before, after] = await Promise.all([side("before"), side("after")]);
  const time = Date.parse(at);
  const articles = [...before, ...after]
    .map(toSummary)
    .sort(
      (a, b) =>
        Math.abs(Date.parse(a.publishedAt) - time) - Math.abs(Date.parse(b.publishedAt) - time) ||
        b.id - a.id,
    )
    .slice(0, limit);
  return { articles, stored: false };
}

function shiftDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * 86_400_000).toISOString();
}

interface SummaryRow {
  id: number;
  slug: string;
  kind: ArticleKind;
  headline: string;
  dek: string;
  published_at: string | null;
  updated_at: string;
  time_zone: string;
  image_url: string;
  image_alt: string;
  hashtag: string;
  is_demo: number;
  category_slug: string;
  category_name: string;
  author_slug: string;
  author_name: string;
  author_kind: "desk" | "person";
}

function toSummary(row: SummaryRow): ArticleSummary {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    headline: row.headline,
    dek: row.dek,
    category: { slug: row.category_slug, name: row.category_name },
    author: { slug: row.author_slug, name: row.author_name, kind: row.author_kind },
    publishedAt: readableInstant(row.published_at, row.updated_at),
    updatedAt: readableInstant(row.updated_at, row.published_at),
    timeZone: readableZone(row.time_zone),
    imageUrl: readableImageUrl(row.image_url),
    imageAlt: row.image_alt,
    hashtag: row.hashtag,
    isDemo: row.is_demo === 1,
  };
}
