import { type AnyDb, type DialectMigration, withId } from "../migration-kit.js";

/**
 * One row per checked revision, flags or not: flags alone cannot tell a clean check from
 * no check, and the public "How we checked this story" note needs the counts.
 */
export const checkRunsMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("check_run"), dialect)
      .addColumn("article_id", "integer", (c) => c.notNull())
      .addColumn("revision", "integer", (c) => c.notNull())
      .addColumn("sentence_count", "integer", (c) => c.notNull())
      .addColumn("source_count", "integer", (c) => c.notNull())
      .addColumn("checked_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("check_run_article_revision")
      .on("check_run")
      .columns(["article_id", "revision"])
      .unique()
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("check_run").ifExists().execute();
  },
});
