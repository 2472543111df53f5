import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * Marks an English topic title as machine translation and names the model that wrote it,
 * so pages can say so and an editor's own title is never overwritten by a model.
 */
export const trendTitleMachineMigration: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .alterTable("trend_topic")
      .addColumn("title_en_machine", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .alterTable("trend_topic")
      .addColumn("title_en_model", "text", (c) => c.notNull().defaultTo(""))
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable("trend_topic").dropColumn("title_en_model").execute();
    await db.schema.alterTable("trend_topic").dropColumn("title_en_machine").execute();
  },
});
