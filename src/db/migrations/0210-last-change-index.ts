import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * Both databases: "newest update among public articles" (the Last-Modified of the home page,
 * lists, feeds and sitemaps) walks this index from its newest `updated_at` and stops at the
 * first public entry, instead of reading every article row. At 20,000 articles on SQLite the
 * old aggregate cost ~200 ms of blocked event loop per home-page request, which capped the
 * site at a few requests a second under load (issue 12, finding 5).
 */
export const lastChangeIndexMigration: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .createIndex("article_status_updated")
      .ifNotExists()
      .on("article")
      .columns(["status", "updated_at", "published_at"])
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropIndex("article_status_updated").ifExists().execute();
  },
});
