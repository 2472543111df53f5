import { type Kysely, sql } from "kysely";
import type { Tables } from "../db/schema.js";
import { filterSql, type SearchFilter } from "./search-filter.js";

/** Inclusive bounds on the article ids a filtered search can return. */
export interface IdRange {
  lo: number;
  hi: number;
}

/**
 * The ids of the public articles inside the filter's dates (and category), or `undefined`
 * when the filter has no dates; `null` when none is inside them. Both full-text indexes
 * seek an id range for free (FTS5 on rowid, PostgreSQL by intersecting the GIN match with
 * the primary key), and articles are numbered roughly in publication order, so a date
 * filter cuts the matches to be scored to about its share before any is read. The range is
 * only a bound: the filter itself still decides, so an article published long after it was
 * written costs time, never correctness. Reading the range walks the date index over the
 * filter's span (2.4 ms for a year of 100,000 articles on SQLite).
 */
export async function filterIdRange(
  db: Kysely<Tables>,
  filter: SearchFilter,
  now: string,
): Promise<IdRange | null | undefined> {
  if (filter.from === undefined && filter.to === undefined) return undefined;
  const dated: SearchFilter = { categoryId: filter.categoryId, from: filter.from, to: filter.to };
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`
    select min(article.id) as lo, max(article.id) as hi from article
    where ${filterSql(dated, now)}`.execute(db);
  const lo = rows[0]?.lo;
  const hi = rows[0]?.hi;
  return lo === null || lo === undefined || hi === null || hi === undefined
    ? null
    : { lo: Number(lo), hi: Number(hi) };
}
