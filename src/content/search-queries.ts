import { type RawBuilder, sql } from "kysely";
import type { Database } from "../db/database.js";
import { type ArticleSummary, listPublishedByIds } from "./article-queries.js";
import { makeSnippet, markSnippet } from "./search-snippet.js";
import { MAX_QUERY_LENGTH, parseQuery, type QueryPart } from "./search-terms.js";

export { MAX_QUERY_LENGTH, markSnippet };

export interface SearchHit {
  article: ArticleSummary;
  /** Safe HTML: escaped text with the matched words in <mark>. */
  snippet: string;
}

export interface SearchResult {
  query: string;
  total: number;
  hits: SearchHit[];
}

export interface SearchFilter {
  categoryId?: number | undefined;
  tagId?: number | undefined;
  /** Inclusive UTC ISO bounds on the publication time. */
  from?: string | undefined;
  to?: string | undefined;
}

/** Ranking stops here; nobody pages past a thousand results. */
const MAX_RANKED = 1000;
/** Up to this many matches every one is scored; beyond it ranking is tiered (see below). */
export const FULL_RANK_LIMIT = 10_000;

/** FTS5 MATCH text: every part quoted, so it is always valid syntax. */
export function toFtsQuery(input: string): string | undefined {
  const parts = parseQuery(input).map((part) => {
    if (part.kind === "term") return `"${part.text}"${part.prefix ? "*" : ""}`;
    if (part.kind === "phrase") return `"${part.words.join(" ")}"`;
    return `cjk : "${part.words.join(" ")}"`;
  });
  return parts.length ? parts.join(" ") : undefined;
}

/** PostgreSQL tsquery: the same parts, each built by a tsquery function from plain words. */
function toTsQuery(parts: QueryPart[]): RawBuilder<unknown> {
  const pieces = parts.map((part) => {
    if (part.kind === "term")
      return sql`to_tsquery('english', ${part.text + (part.prefix ? ":*" : "")})`;
    if (part.kind === "phrase") return sql`phraseto_tsquery('english', ${part.words.join(" ")})`;
    return sql`phraseto_tsquery('simple', ${part.words.join(" ")})`;
  });
  return sql`(${sql.join(pieces, sql` && `)})`;
}

export async function searchArticles(
  database: Database,
  input: string,
  now: string,
  page: { limit: number; offset: number },
  filter: SearchFilter = {},
  tuning: { fullRankLimit: number } = { fullRankLimit: FULL_RANK_LIMIT },
): Promise<SearchResult> {
  const query = input.trim().slice(0, MAX_QUERY_LENGTH);
  const ranked =
    database.dialect === "sqlite"
      ? await rankSqlite(database, query, now, filter, tuning.fullRankLimit)
      : await rankPostgres(database, query, now, filter, tuning.fullRankLimit);
  if (!ranked) return { query, total: 0, hits: [] };
  const ids = ranked.slice(page.offset, page.offset + page.limit).map((r) => r.id);
  // Snippets are made for the shown page only.
  const [summaries, snippets] = await Promise.all([
    listPublishedByIds(database.db, now, ids),
    snippetsFor(database, parseQuery(query), ids),
  ]);
  const hits: SearchHit[] = summaries.map((article) => ({
    article,
    snippet: markSnippet(snippets.get(article.id) ?? ""),
  }));
  return { query, total: ranked.length, hits };
}

interface RankedRow {
  id: number;
}

/** Without filters the best matches are final, so ranking can stop early. */
function unfiltered(filter: SearchFilter): boolean {
  return Object.values(filter).every((v) => v === undefined);
}

function filterSql(filter: SearchFilter, now: string) {
  const conditions = [sql`article.status = 'published'`, sql`article.published_at <= ${now}`];
  if (filter.categoryId !== undefined)
    conditions.push(sql`article.category_id = ${filter.categoryId}`);
  if (filter.from !== undefined) conditions.push(sql`article.published_at >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(sql`article.published_at <= ${filter.to}`);
  if (filter.tagId !== undefined) {
    conditions.push(
      sql`exists (select 1 from article_tag where article_tag.article_id = article.id and article_tag.tag_id = ${filter.tagId})`,
    );
  }
  return sql.join(conditions, sql` and `);
}

async function rankSqlite(
  database: Database,
  query: string,
  now: string,
  filter: SearchFilter,
  fullRankLimit: number,
): Promise<RankedRow[] | undefined> {
  const fts = toFtsQuery(query);
  if (!fts) return undefined;
  const { rows: counted } = await sql<{ n: number }>`
    select count(*) as n from article_fts where article_fts match ${fts}`.execute(database.db);
  const matches = Number(counted[0]?.n ?? 0);
  if (matches === 0) return [];
  // Column weights: a word in the headline counts eight times one in the body. Scoring
  // every match costs ~0.5 µs each; for a word in a third of 100,000 articles that is the
  // whole latency budget. Past `fullRankLimit` matches (and without filters, which could
  // reject the few kept) the ranking is tiered instead: articles matching in the headline,
  // by score, then the newest of the rest. Readers of a news site expect exactly that.
  const tiered = matches > fullRankLimit && unfiltered(filter);
  const candidates = tiered
    ? sql`
        select id, min(tier) as tier, min(score) as score from (
          select * from (
            select rowid as id, 0 as tier, bm25(article_fts, 8.0, 1.0, 1.0) as score
            from article_fts where article_fts match ${`{headline cjk} : (${fts})`}
            order by score limit ${MAX_RANKED})
          union all
          select * from (
            select rowid as id, 1 as tier, 0.0 as score
            from article_fts where article_fts match ${fts}
            order by rowid desc limit ${MAX_RANKED})
        ) group by id`
    : sql`
        select rowid as id, 0 as tier, bm25(article_fts, 8.0, 1.0, 1.0) as score
        from article_fts where article_fts match ${fts}`;
  // The full-text match runs first, on its own, and drives the join (SQLite keeps the
  // left table of a CROSS JOIN outside): otherwise the planner may walk every published
  // article through the status index and probe the matches for each. The visibility
  // index answers each probe without touching the article rows (half the time at 100k).
  const { rows } = await sql<RankedRow>`
    with hits as materialized (${candidates})
    select article.id as id
    from hits cross join article indexed by article_visibility on article.id = hits.id
    where ${filterSql(filter, now)}
    order by hits.tier, hits.score, article.published_at desc
    limit ${MAX_RANKED}`.execute(database.db);
  return rows;
}

/** Snippets from the stored text of the shown articles (see search-snippet.ts for why). */
async function snippetsFor(
  database: Database,
  parts: QueryPart[],
  ids: number[],
): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await database.db
    .selectFrom("article")
    .select(["id", "plain_text"])
    .where("id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, makeSnippet(r.plain_text, parts)]));
}

async function rankPostgres(
  database: Database,
  query: string,
  now: string,
  filter: SearchFilter,
  fullRankLimit: number,
): Promise<RankedRow[] | undefined> {
  const parts = parseQuery(query);
  if (parts.length === 0) return undefined;
  const tsquery = toTsQuery(parts);
  // Matching uses the GIN index; ranking uses small vectors, never the whole article's,
  // which PostgreSQL keeps out of line and must fetch and decompress. The planner would
  // pick a sequential scan for common words, ten times slower than the bitmap scan.
  return database.db.transaction().execute(async (trx) => {
    await sql`set local enable_seqscan = off`.execute(trx);
    // Candidates are cut to a few thousand before the join so the planner joins them by
    // key; all of them, when filters could reject many.
    // The query is written out in each place, not taken from a CTE: a tsquery from another
    // relation turns the index match into a join and the GIN index goes unused.
    // Counting a common word's matches costs as much as ranking them; the planner's
    // estimate (from the column statistics, no rows read) is enough to choose the tiers.
    const plan = await sql<{ "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }>`
      explain (format json) select 1 from article_fts where document @@ ${tsquery}`.execute(trx);
    const estimate = plan.rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? 0;
    const tiered = estimate > fullRankLimit && unfiltered(filter);
    const candidates = tiered
      ? sql`
          select id, min(tier) as tier, max(score) as score from (
            (select rowid as id, 0 as tier, ts_rank(head, ${tsquery}) as score
             from article_fts where head @@ ${tsquery} order by score desc limit ${MAX_RANKED})
            union all
            (select rowid as id, 1 as tier, 0 as score
             from article_fts where document @@ ${tsquery} order by rowid desc limit ${MAX_RANKED})
          ) c group by id`
      : sql`
          select rowid as id, 0 as tier, ts_rank(summary, ${tsquery}, 1) as score
          from article_fts where document @@ ${tsquery}
          order by score desc, rowid desc
          limit ${unfiltered(filter) ? MAX_RANKED * 2 : 1_000_000}`;
    const result = await sql<RankedRow>`
      with hits as materialized (${candidates})
      select article.id as id
      from hits join article on article.id = hits.id
      where ${filterSql(filter, now)}
      order by hits.tier, hits.score desc, article.published_at desc
      limit ${MAX_RANKED}`.execute(trx);
    return result.rows;
  });
}
