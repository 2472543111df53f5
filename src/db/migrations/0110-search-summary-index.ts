import { sql } from "kysely";
import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * PostgreSQL: a GIN index on `summary` (headline and opening words), so search scores the
 * articles matching there instead of visiting every match (see search-rank-postgres.ts).
 * About 30 MB at 100,000 articles, beside 61 MB for `document`. Nothing on SQLite.
 */
export const searchSummaryIndexMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    if (dialect !== "postgres") return;
    await sql`create index if not exists article_fts_summary on article_fts using gin (summary)`.execute(
      db,
    );
  },
  async down(db: AnyDb) {
    if (dialect !== "postgres") return;
    await sql`drop index if exists article_fts_summary`.execute(db);
  },
});
