import { sql } from "kysely";
import type { Database } from "../db/database.js";
import {
  filterSql,
  MAX_RANKED,
  type RankedRow,
  type SearchFilter,
  unfiltered,
} from "./search-filter.js";
import { parseQuery } from "./search-terms.js";

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

export async function rankSqlite(
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
