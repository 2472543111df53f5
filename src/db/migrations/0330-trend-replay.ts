import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * Marks hot-search lists loaded from the recorded demo day (`resou demo trends`, the first
 * start offline), so pages can say that what they show is a replay and of which date.
 */
export const trendReplayMigration: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .alterTable("trend_snapshot")
      .addColumn("is_replay", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable("trend_snapshot").dropColumn("is_replay").execute();
  },
});
