import { type RawBuilder, sql, type Transaction } from "kysely";
import type { Tables } from "../db/schema.js";
import { filterSql, MAX_RANKED, type RankedRow, type SearchFilter } from "./search-filter.js";

/** Were matches left out at the candidate limit? Assumed when no candidate was visible. */
export function isCut(rows: { candidates: number }[], limit: number): boolean {
  return (rows[0]?.candidates ?? limit) >= limit;
}

/**
 * Every match scored on its headline and opening words; the best `limit` of them are
 * checked for visibility and filters (all of them when filters may reject many).
 * `restrict` narrows the matches read on `article_fts` (an id range or id list from a
 * filter); the filter itself still decides. The article rows are read as one bitmap
 * (id = any), not one lookup per match, which with index scans off is a bitmap scan each.
 */
export async function rankAllMatches(
  trx: Transaction<Tables>,
  tsquery: RawBuilder<unknown>,
  now: string,
  filter: SearchFilter,
  limit: number,
  restrict: RawBuilder<unknown> = sql`true`,
): Promise<{ ranked: RankedRow[]; cut: boolean }> {
  const { rows } = await sql<RankedRow & { candidates: number }>`
    with hits as materialized (
      select rowid as id, ts_rank(summary, ${tsquery}, 1) as score
      from article_fts where document @@ ${tsquery} and ${restrict}
      order by score desc, rowid desc
      limit ${limit})
    select article.id as id, (select count(*) from hits) as candidates
    from hits join article on article.id = hits.id
    where ${filterSql(filter, now)}
    order by hits.score desc, article.published_at desc
    limit ${MAX_RANKED}`.execute(trx);
  return { ranked: rows.map((r) => ({ id: r.id })), cut: isCut(rows, limit) };
}
