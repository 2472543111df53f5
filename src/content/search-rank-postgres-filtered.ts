import { type RawBuilder, sql, type Transaction } from "kysely";
import type { Tables } from "../db/schema.js";
import { estimateMatches } from "./search-estimate-postgres.js";
import { filterSql, MAX_RANKED, type RankedRow, type SearchFilter } from "./search-filter.js";
import { filterIdRange, type IdRange } from "./search-filter-range.js";
import type { QueryPart } from "./search-terms.js";

type Trx = Transaction<Tables>;

/** A category or tag with at most this many articles has its ids listed (see below). */
export const LISTED_FILTER_LIMIT = 20_000;
/** Listing costs about a third of reading a match; worth it below this ratio. */
const LIST_PER_MATCH = 3;

/**
 * PostgreSQL search with filters: every match inside the filter is scored, as before, but
 * the filter now narrows the matches before any is read. Reading a match (a heap visit,
 * 2–4 µs) is the cost; the GIN match is intersected as a bitmap with
 *
 * - a date filter's id range (filterIdRange), for free, and
 * - the ids of a tag's or category's articles, when they are fewer than LIST_PER_MATCH
 *   times the planner's high guess of the matches: probing the primary key for each
 *   listed id costs ~0.6 µs. The list goes in as an array parameter, never a subquery,
 *   so the planner sees its length and ANDs the two bitmaps (it plans a subquery's
 *   array at a few rows and tests every listed article's document instead, 7x slower).
 *
 * Needs the session settings rankPostgres makes (no parallel plans, no sequential scan).
 */
export async function rankFilteredPostgres(
  trx: Trx,
  parts: QueryPart[],
  tsquery: RawBuilder<unknown>,
  now: string,
  filter: SearchFilter,
): Promise<RankedRow[]> {
  const range = await filterIdRange(trx, filter, now);
  if (range === null) return [];
  // An index scan on the primary key would test each id's whole document.
  await sql`select set_config('enable_indexscan', 'off', true)`.execute(trx);
  let restrict = range ? sql`rowid between ${range.lo} and ${range.hi}` : sql`true`;
  let listedTag = false;
  if (filter.tagId !== undefined || filter.categoryId !== undefined) {
    const estimates = await estimateMatches(trx, parts);
    const most = Math.max(estimates.documentMost, estimates.document);
    const limit = Math.min(LISTED_FILTER_LIMIT, Math.ceil(most * LIST_PER_MATCH));
    const ids = await listFilterIds(trx, filter, now, range, limit);
    if (ids) restrict = sql`${restrict} and rowid = any(${ids}::integer[])`;
    listedTag = ids !== undefined && filter.tagId !== undefined;
  }
  const { rows: hits } = await sql<{ id: number; score: number }>`
    select rowid as id, ts_rank(summary, ${tsquery}, 1) as score
    from article_fts where document @@ ${tsquery} and ${restrict}`.execute(trx);
  // The listed tag needs no second check; visibility, category and dates do.
  const check: SearchFilter = listedTag ? { ...filter, tagId: undefined } : filter;
  // The filter check runs as a statement of its own, with index scans back on: each match
  // is then one probe of a covering index, not one bitmap scan of the article table (3x).
  await sql`select set_config('enable_indexscan', 'on', true)`.execute(trx);
  hits.sort((a, b) => b.score - a.score);
  // The best scores first, ties at the cut kept whole: once MAX_RANKED of them pass, no
  // match below the cut can enter the list.
  const best = bestWithTies(hits, CHECKED_FIRST);
  const first = await visibleInOrder(trx, best, check, now);
  if (first.length >= MAX_RANKED || best.length === hits.length) return first;
  return visibleInOrder(trx, hits, check, now);
}

/** Matches checked before the rest: the list, plus room for drafts among them. */
const CHECKED_FIRST = Math.round(MAX_RANKED * 1.2);

/** The first `n` of `sorted` (best score first), and every later one tied with the n-th. */
export function bestWithTies<T extends { score: number }>(sorted: T[], n: number): T[] {
  let end = Math.min(n, sorted.length);
  const last = sorted[end - 1]?.score;
  while (end < sorted.length && sorted[end]?.score === last) end += 1;
  return sorted.slice(0, end);
}

async function visibleInOrder(
  trx: Trx,
  hits: { id: number; score: number }[],
  filter: SearchFilter,
  now: string,
): Promise<RankedRow[]> {
  if (hits.length === 0) return [];
  const { rows } = await sql<RankedRow>`
    select article.id as id
    from unnest(${hits.map((h) => h.id)}::integer[], ${hits.map((h) => h.score)}::real[])
      as hits(id, score)
    join article on article.id = hits.id
    where ${filterSql(filter, now)}
    order by hits.score desc, article.published_at desc
    limit ${MAX_RANKED}`.execute(trx);
  return rows;
}

/**
 * The ids of the filter's tag (or else category) inside its id range, or `undefined`
 * when the planner expects more than `limit` (judged first: listing a large category only
 * to drop the list costs as much as the search). A superset is fine: the filter is applied
 * again.
 */
async function listFilterIds(
  trx: Trx,
  filter: SearchFilter,
  now: string,
  range: IdRange | undefined,
  limit: number,
): Promise<number[] | undefined> {
  const inRange = (column: RawBuilder<unknown>) =>
    range ? sql`and ${column} between ${range.lo} and ${range.hi}` : sql``;
  const listing =
    filter.tagId !== undefined
      ? sql`select article_id as id from article_tag
          where tag_id = ${filter.tagId} ${inRange(sql`article_id`)}`
      : sql`select id from article
          where ${filterSql({ categoryId: filter.categoryId }, now)} ${inRange(sql`id`)}`;
  const { rows: plan } = await sql<{ "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }>`
    explain (format json) ${listing}`.execute(trx);
  if ((plan[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? Infinity) > limit) return undefined;
  const { rows } = await sql<{ id: number }>`${listing} limit ${limit + 1}`.execute(trx);
  return rows.length > limit ? undefined : rows.map((r) => r.id);
}
