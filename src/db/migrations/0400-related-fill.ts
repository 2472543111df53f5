import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * Both databases: marks the entries of a stored related list that are fill (same category,
 * newest first) rather than engine picks, so pages and the evaluation can tell them apart.
 */
export const relatedFillMigration: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .alterTable("article_related")
      .addColumn("fill", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable("article_related").dropColumn("fill").execute();
  },
});
