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
  ranking: { top: number; fullRankLimit: number; summaryRankLimit: number },
): Promise<RankedRow[]> {
  const range = await filterIdRange(trx, filter, now);
  if (range === null) return [];
  let restrict = range ? sql`rowid between ${range.lo} and ${range.hi}` : sql`true`;
  let check = filter;
  if (filter.tagId !== undefined || filter.categoryId !== undefined) {
    const estimates = await estimateMatches(trx, parts);
    const most = Math.max(estimates.documentMost, estimates.document);
    const limit = Math.min(LISTED_FILTER_LIMIT, Math.ceil(most * LIST_PER_MATCH));
    const listing = listingSql(filter, now, range);
    const filterRows = await plannedRows(trx, listing);
    const ids = filterRows <= limit ? await listIds(trx, listing, limit) : undefined;
    if (ids) restrict = sql`${restrict} and rowid = any(${ids}::integer[])`;
    // The listed tag needs no second check; visibility, category and dates do.
    if (ids && filter.tagId !== undefined) check = { ...filter, tagId: undefined };
    // Many matches inside the filter: ranked in tiers as without filters, and tier 0 (the
    // best headline or summary matches) read first, inside the filter. When it fills the
    // list, the other matches need not be read: for `president` in the largest category
    // that is 4,000 rows read instead of 44,000.
    const top = Math.max(ranking.top, 1);
    // A tag and a category together: their shares multiplied (the list holds the tag's).
    const categoryShare =
      filter.tagId !== undefined && filter.categoryId !== undefined
        ? (await plannedRows(trx, listingSql({ categoryId: filter.categoryId }, now, range))) / top
        : 1;
    const share = Math.min(1, filterRows / top) * Math.min(1, categoryShare);
    const between = (low: number, high: number) => Math.sqrt(low * high);
    const summary = between(estimates.summary, estimates.summaryMost);
    const head = summary * (ids ? share : 1) > ranking.summaryRankLimit;
    // Tried only when tier 0 is expected to fill the list inside the filter: when it
    // falls short, every match is scored after all and the attempt was wasted.
    if (
      between(estimates.document, estimates.documentMost) * share > ranking.fullRankLimit &&
      (head ? estimates.head : summary) * share >= MAX_RANKED
    ) {
      const tier0 = await scoreThenCheck(
        trx,
        head
          ? sql`select rowid as id, ts_rank(head, ${tsquery}) as score
              from article_fts where head @@ ${tsquery} and ${restrict}`
          : sql`select rowid as id, ts_rank(summary, ${tsquery}, 1) as score
              from article_fts where summary @@ ${tsquery} and ${restrict}`,
        check,
        now,
      );
      if (tier0.length >= MAX_RANKED) return tier0;
    }
  }
  return scoreThenCheck(
    trx,
    sql`select rowid as id, ts_rank(summary, ${tsquery}, 1) as score
      from article_fts where document @@ ${tsquery} and ${restrict}`,
    check,
    now,
  );
}

/**
 * Scores the matches `scored` selects, then checks them against `filter` in score order.
 * The scoring runs with index scans off: an index scan of the primary key would test each
 * id's whole document. The check runs as a statement of its own with them back on, so
 * each match is one probe of a covering index, not one bitmap scan of the article table.
 */
async function scoreThenCheck(
  trx: Trx,
  scored: RawBuilder<unknown>,
  filter: SearchFilter,
  now: string,
): Promise<RankedRow[]> {
  await sql`select set_config('enable_indexscan', 'off', true)`.execute(trx);
  const { rows: hits } = await sql<{ id: number; score: number }>`${scored}`.execute(trx);
  await sql`select set_config('enable_indexscan', 'on', true)`.execute(trx);
  hits.sort((a, b) => b.score - a.score);
  // The best scores first, ties at the cut kept whole: every match below the cut ranks
  // after every match above it, so once MAX_RANKED pass the rest need no check, and
  // otherwise only the rest are checked, their passes following the first ones.
  const best = bestWithTies(hits, CHECKED_FIRST);
  const first = await visibleInOrder(trx, best, filter, now);
  if (first.length >= MAX_RANKED || best.length === hits.length) return first;
  const rest = await visibleInOrder(trx, hits.slice(best.length), filter, now);
  return [...first, ...rest].slice(0, MAX_RANKED);
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
 * The ids of the filter's tag (or else category) inside its id range. A superset is fine:
 * the filter is applied again.
 */
function listingSql(filter: SearchFilter, now: string, range: IdRange | undefined) {
  const inRange = (column: RawBuilder<unknown>) =>
    range ? sql`and ${column} between ${range.lo} and ${range.hi}` : sql``;
  return filter.tagId !== undefined
    ? sql`select article_id as id from article_tag
        where tag_id = ${filter.tagId} ${inRange(sql`article_id`)}`
    : sql`select id from article
        where ${filterSql({ categoryId: filter.categoryId }, now)} ${inRange(sql`id`)}`;
}

/** The planner's row estimate: judged first, as listing a large category only to drop the list costs as much as the search. */
async function plannedRows(trx: Trx, query: RawBuilder<unknown>): Promise<number> {
  const { rows } = await sql<{ "QUERY PLAN": { Plan: { "Plan Rows": number } }[] }>`
    explain (format json) ${query}`.execute(trx);
  return rows[0]?.["QUERY PLAN"][0]?.Plan["Plan Rows"] ?? Number.POSITIVE_INFINITY;
}

/** The listed ids, or `undefined` when there are more than `limit` after all. */
async function listIds(
  trx: Trx,
  listing: RawBuilder<unknown>,
  limit: number,
): Promise<number[] | undefined> {
  const { rows } = await sql<{ id: number }>`${listing} limit ${limit + 1}`.execute(trx);
  return rows.length > limit ? undefined : rows.map((r) => r.id);
}
