import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * An article's uploaded lead image: one row per article (a new upload replaces it). The
 * variants' keys name content-addressed objects in the media store, so a served URL never
 * changes meaning and can be cached forever.
 */
export const picturesMigration: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .createTable("article_picture")
      .addColumn("article_id", "integer", (c) =>
        c.primaryKey().references("article.id").onDelete("cascade"),
      )
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("width", "integer", (c) => c.notNull())
      .addColumn("height", "integer", (c) => c.notNull())
      .addColumn("alt", "text", (c) => c.notNull())
      .addColumn("caption", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("credit", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("variants", "text", (c) => c.notNull())
      .addColumn("uploaded_at", "text", (c) => c.notNull())
      .addColumn("uploaded_by", "integer")
      .execute();
    await db.schema
      .createIndex("article_picture_hash")
      .on("article_picture")
      .column("content_hash")
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("article_picture").ifExists().execute();
  },
});
