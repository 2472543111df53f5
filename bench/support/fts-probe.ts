import { sql } from "kysely";
import type { Database } from "../../src/db/database.js";

export interface FtsProbe {
  /** `pragma integrity_check`'s rows joined ("ok" when sound). */
  integrity: string;
  /** Rows a full-text match for the workload's word finds. */
  matches: number;
  /** Articles, to compare with `matches` (every workload article has the word). */
  articles: number;
}

/**
 * What one SQLite connection sees of the search index: the integrity check (which includes
 * FTS5's own check of every index entry against the structure it has loaded) and a search.
 * Run on the bench's long-lived connection and on a fresh one after each kill, it tells a
 * stale view of one connection from real damage in the file.
 */
export async function probeFts(database: Database): Promise<FtsProbe> {
  return database.db.connection().execute(async (conn) => {
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(conn);
    const matches = await sql<{ n: number }>`select count(*) as n from article_fts
      where article_fts match 'drill OR job OR rain OR written'`.execute(conn);
    const articles = await sql<{ n: number }>`select count(*) as n from article`.execute(conn);
    return {
      integrity: check.rows.map((r) => r.integrity_check).join("; "),
      matches: Number(matches.rows[0]?.n ?? 0),
      articles: Number(articles.rows[0]?.n ?? 0),
    };
  });
}
