import type { AnyDb, DialectMigration } from "../migration-kit.js";

/** Newsroom settings admins change at run time (each change is audited). */
export const newsroomSettingsMigration: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable("newsroom_setting")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("updated_by", "integer")
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("newsroom_setting").ifExists().execute();
  },
});
