import { type RawBuilder, sql, type Transaction } from "kysely";
import type { Database } from "../db/database.js";
import type { Tables } from "../db/schema.js";
import { estimateMatches } from "./search-estimate-postgres.js";
import {
  filterSql,
  MAX_RANKED,
  type RankedRow,
  type SearchFilter,
  unfiltered,
} from "./search-filter.js";
import { isCut, rankAllMatches } from "./search-rank-postgres-all.js";
import { rankFilteredPostgres } from "./search-rank-postgres-filtered.js";
import type { QueryPart } from "./search-terms.js";
import { toTsQuery } from "./search-tsquery.js";

/**
 * PostgreSQL ranking. Every article a ranking touches costs a heap visit (2–4 µs at
 * 100,000 articles, the table being larger than shared_buffers), so the work is bounded
 * by how many rows are visited, not by how many match:
 *
 * - tier 0, scored by ts_rank: the articles matching in their headline and opening words
 *   (`summary`, GIN-indexed since 0110), or in the headline alone (`head`) when a word is in
 *   more summaries than SUMMARY_RANK_LIMIT;
 * - tier 1, the newest of the other matches, found among the newest ids only: the GIN
 *   match and an id range are intersected as bitmaps, so only rows in both are read. A
 *   backward walk of the primary key would instead decompress every visited article's
 *   whole `document` to test it (4,700 of them for `elect*`). When tier 0 alone fills the
 *   list, tier 1 is not searched at all.
 *
 * With few matches every match is scored; with filters too, after the filter has narrowed
 * the matches read (search-rank-postgres-filtered.ts).
 */

/** Up to this many matches (planner's estimate) every one is scored in one pass. */
export const FULL_RANK_LIMIT = 3000;
/** Above this many summary matches, tier 0 is the headline matches. */
export const SUMMARY_RANK_LIMIT = 4000;
/** Candidates kept for the visibility check: the best, plus room for drafts among them. */
const CANDIDATES = Math.round(MAX_RANKED * 1.2);
/** The id range searched for tier 1 is sized for this many times the matches needed. */
const WINDOW_MARGIN = 1.5;

type Trx = Transaction<Tables>;

export async function rankPostgres(
  database: Database,
  parts: QueryPart[],
  now: string,
  filter: SearchFilter,
  fullRankLimit: number,
): Promise<RankedRow[]> {
  // The query is written out in each place, not taken from a CTE: a tsquery from another
  // relation turns the index match into a join and the GIN index goes unused.
  const tsquery = toTsQuery(parts);
  return database.db.transaction().execute(async (trx) => {
    // Planned before its settings apply, so max() reads the end of the primary key. No
    // parallel plans (they would divide the estimates below, and gain nothing on the few
    // thousand rows a search reads); no sequential scan, which the planner would pick for
    // common words at ten times the cost of the bitmap scan.
    const { rows } = await sql<{ top: number | null }>`
      select max(rowid) as top,
        set_config('max_parallel_workers_per_gather', '0', true) as parallel,
        set_config('enable_seqscan', 'off', true) as seqscan
      from article_fts`.execute(trx);
    if (!unfiltered(filter))
      return rankFilteredPostgres(trx, parts, tsquery, now, filter, {
        top: rows[0]?.top ?? 0,
        fullRankLimit: Math.min(fullRankLimit, FULL_RANK_LIMIT),
        summaryRankLimit: Math.min(fullRankLimit, SUMMARY_RANK_LIMIT),
      });
    const estimates = await estimateMatches(trx, parts);
    // Between the planner's low guess and its high one (see Estimates). Too low a guess
    // scores thousands of rows one by one; too high a guess of the matches shrinks tier 1's
    // id range below what it needs, and the search runs twice.
    const between = (low: number, high: number) => Math.sqrt(low * high);
    const matches = between(estimates.document, estimates.documentMost);
    // Few matches: one pass scores them all.
    if (matches <= Math.min(fullRankLimit, FULL_RANK_LIMIT)) {
      const best = await rankAllMatches(trx, tsquery, now, filter, CANDIDATES);
      // Drafts among the candidates left the list short while more matches wait.
      if (best.ranked.length < MAX_RANKED && best.cut)
        return (await rankAllMatches(trx, tsquery, now, filter, 1_000_000)).ranked;
      return best.ranked;
    }
    // For tier 1 the planner would walk the primary key and test every row's document.
    await sql`select set_config('enable_indexscan', 'off', true)`.execute(trx);
    const head =
      between(estimates.summary, estimates.summaryMost) >
      Math.min(fullRankLimit, SUMMARY_RANK_LIMIT);
    // Tier 1 is skipped only on the low guess of tier 0's size.
    const tier0Rows = head ? estimates.head : estimates.summary;
    const plan = tier1Plan(matches, tier0Rows, rows[0]?.top ?? 0);
    let tiers = await rankTiers(trx, tsquery, now, head, plan);
    if (!tiers.cut && needsRetry(tiers.ranked.length, plan))
      tiers = await rankTiers(trx, tsquery, now, head, ALL_NEWEST);
    // Drafts crowded the candidates out: score every match.
    if (tiers.cut && tiers.ranked.length < MAX_RANKED)
      return (await rankAllMatches(trx, tsquery, now, filter, 1_000_000)).ranked;
    return tiers.ranked;
  });
}

/** Where tier 1 looks: ids above `floor`, keeping the `newest` matches (0: not at all). */
export interface Tier1Plan {
  floor: number;
  newest: number;
}

const ALL_NEWEST: Tier1Plan = { floor: 0, newest: CANDIDATES };

/**
 * Tier 1 from the planner's estimates and the highest id: skipped when tier 0 alone fills
 * the list (with room for drafts among it); else an id range expected to hold
 * WINDOW_MARGIN times the matches needed, ids being roughly dense.
 */
export function tier1Plan(documentRows: number, tier0Rows: number, top: number): Tier1Plan {
  if (tier0Rows >= CANDIDATES * 1.25) return { floor: 0, newest: 0 };
  const share = Math.max(documentRows, 1) / Math.max(top, 1);
  const span = Math.ceil((WINDOW_MARGIN * CANDIDATES) / share);
  return { floor: span >= top ? 0 : top - span, newest: CANDIDATES };
}

/** An estimate was high (tier 0 or the id range held fewer than hoped): search all. */
export function needsRetry(found: number, plan: Tier1Plan): boolean {
  return found < MAX_RANKED && (plan.floor > 0 || plan.newest === 0);
}

async function rankTiers(
  trx: Trx,
  tsquery: RawBuilder<unknown>,
  now: string,
  head: boolean,
  tier1: Tier1Plan,
): Promise<{ ranked: RankedRow[]; cut: boolean }> {
  const scored = head
    ? sql`select rowid as id, 0 as tier, ts_rank(head, ${tsquery}) as score
          from article_fts where head @@ ${tsquery}`
    : sql`select rowid as id, 0 as tier, ts_rank(summary, ${tsquery}, 1) as score
          from article_fts where summary @@ ${tsquery}`;
  // The visibility check reads the candidates' article rows as one bitmap (id = any), which
  // costs half what a lookup per candidate does with index scans off.
  const { rows } = await sql<RankedRow & { candidates: number }>`
    with hits as materialized (
      select id, min(tier) as tier, max(score) as score from (
        (${scored} order by score desc, id desc limit ${CANDIDATES})
        union all
        (select rowid as id, 1 as tier, 0 as score
         from article_fts where ${tier1.newest > 0 ? sql`document @@ ${tsquery}` : sql`false`}
           and rowid > ${tier1.floor}
         order by rowid desc limit ${tier1.newest})
      ) c group by id
      order by tier, score desc, id desc
      limit ${CANDIDATES})
    select article.id as id, (select count(*) from hits) as candidates
    from hits join article on article.id = hits.id
    where article.id = any(array(select id from hits)) and ${filterSql({}, now)}
    order by hits.tier, hits.score desc, article.published_at desc
    limit ${MAX_RANKED}`.execute(trx);
  return { ranked: rows.map((r) => ({ id: r.id })), cut: isCut(rows, CANDIDATES) };
}
