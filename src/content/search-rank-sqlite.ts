import { type RawBuilder, sql } from "kysely";
import type { Database } from "../db/database.js";
import {
  filterSql,
  MAX_RANKED,
  type RankedRow,
  type SearchFilter,
  unfiltered,
} from "./search-filter.js";
import { filterIdRange } from "./search-filter-range.js";
import { parseQuery, type QueryOption, type QueryPart } from "./search-terms.js";

/** Up to this many matches every one is scored; beyond it ranking is tiered (see below). */
export const FULL_RANK_LIMIT = 2000;

/** FTS5 MATCH text: every word quoted, so it is always valid syntax. */
export function toFtsQuery(input: string): string | undefined {
  return ftsQuery(parseQuery(input));
}

export function ftsQuery(parts: QueryPart[]): string | undefined {
  // FTS5 joins parenthesised groups with an explicit AND only.
  const text = parts.map(ftsPart);
  return text.length ? text.join(" AND ") : undefined;
}

function ftsPart(part: QueryPart | QueryOption): string {
  switch (part.kind) {
    case "term":
      return `"${part.text}"${part.prefix ? "*" : ""}`;
    case "phrase":
      return `"${part.words.join(" ")}"`;
    case "cjk":
      return `cjk : "${part.words.join(" ")}"`;
    case "all":
      return `(${part.words.map((w) => `"${w}"`).join(" AND ")})`;
    case "query":
      return `(${part.parts.map(ftsPart).join(" AND ")})`;
    case "any":
      return `(${part.options.map(ftsPart).join(" OR ")})`;
  }
}

export async function rankSqlite(
  database: Database,
  parts: QueryPart[],
  now: string,
  filter: SearchFilter,
  fullRankLimit: number,
): Promise<RankedRow[] | undefined> {
  const fts = ftsQuery(parts);
  if (!fts) return undefined;
  const range = await filterIdRange(database.db, filter, now);
  if (range === null) return [];
  // A date filter bounds the ids first (see filterIdRange): FTS5 seeks the range and
  // neither counts nor scores the matches outside it.
  const inRange = range
    ? sql`and article_fts.rowid >= ${range.lo} and article_fts.rowid <= ${range.hi}`
    : sql``;
  // Counted only as far as the choice below needs: a common word's full count costs as much
  // as a third of the whole search (9 ms for `president` at 100,000 articles).
  const { rows: counted } = await sql<{ n: number }>`
    select count(*) as n from (
      select 1 from article_fts where article_fts match ${fts} ${inRange}
      limit ${fullRankLimit + 1})`.execute(database.db);
  const matches = Number(counted[0]?.n ?? 0);
  if (matches === 0) return [];
  // Column weights: a word in the headline counts eight times one in the body. Scoring
  // every match costs ~0.5 µs each; for a word in a third of 100,000 articles that is the
  // whole latency budget. Past `fullRankLimit` matches the ranking is tiered instead:
  // articles matching in the headline, by score, then the newest of the rest. Readers of a
  // news site expect exactly that.
  const candidates =
    matches <= fullRankLimit
      ? sql`
        select rowid as id, 0 as tier, bm25(article_fts, 8.0, 1.0, 1.0) as score
        from article_fts where article_fts match ${fts} ${inRange}`
      : unfiltered(filter)
        ? tiers(fts)
        : filteredTiers(fts, inRange, filter, now);
  // The full-text match runs first, on its own, and drives the join (SQLite keeps the
  // left table of a CROSS JOIN outside): otherwise the planner may walk every published
  // article through the status index and probe the matches for each. The covering index
  // answers each probe without touching the article rows (half the time at 100k).
  const { rows } = await sql<RankedRow>`
    with hits as materialized (${candidates})
    select article.id as id
    from hits cross join article indexed by article_search_filter on article.id = hits.id
    where ${filterSql(filter, now)}
    order by hits.tier, hits.score, article.published_at desc
    limit ${MAX_RANKED}`.execute(database.db);
  return rows;
}

/** Tier 0, the best headline matches, and tier 1, the newest matches. */
function tiers(fts: string) {
  return sql`
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
    ) group by id`;
}

/**
 * The same tiers among the articles inside the filter: each tier checks the filter before
 * its limit, or a selective filter would reject most of the few kept. Tier 1 walks the
 * matches newest first and stops at the MAX_RANKED-th inside the filter, so a common
 * filter ends it early; a rare one walks every match at one index probe each (~7 ms for a
 * word in 44,000 articles), still far below scoring them all.
 */
function filteredTiers(
  fts: string,
  inRange: RawBuilder<unknown>,
  filter: SearchFilter,
  now: string,
) {
  // A tag is checked by a join on article_tag's primary key, before the article probe:
  // a correlated EXISTS per match costs seven times as much (47 → 7 ms for a rare tag).
  const tagged =
    filter.tagId === undefined
      ? sql``
      : sql`cross join article_tag on article_tag.article_id = article_fts.rowid
          and article_tag.tag_id = ${filter.tagId}`;
  const probe = sql`${tagged} cross join article indexed by article_search_filter
    on article.id = article_fts.rowid`;
  const rest = filterSql({ ...filter, tagId: undefined }, now);
  return sql`
    select id, min(tier) as tier, min(score) as score from (
      select * from (
        select article_fts.rowid as id, 0 as tier, bm25(article_fts, 8.0, 1.0, 1.0) as score
        from article_fts ${probe}
        where article_fts match ${`{headline cjk} : (${fts})`} ${inRange} and ${rest}
        order by score limit ${MAX_RANKED})
      union all
      select * from (
        select article_fts.rowid as id, 1 as tier, 0.0 as score
        from article_fts ${probe}
        where article_fts match ${fts} ${inRange} and ${rest}
        order by article_fts.rowid desc limit ${MAX_RANKED})
    ) group by id`;
}
