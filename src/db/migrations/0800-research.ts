import type { AnyDb, DialectMigration } from "../migration-kit.js";
import { withId } from "../migration-kit.js";

/**
 * Research: immutable source versions (a refetch with other content is a new row; the same
 * content reuses the row), each story's bundle of them, the links editors pasted for a story,
 * and the problems met while fetching.
 */
export const researchMigration: DialectMigration = (dialect) => ({
  async up(db: AnyDb) {
    await withId(db.schema.createTable("research_source"), dialect)
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("outlet", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("language", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("title", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("published_at", "text")
      .addColumn("retrieved_at", "text", (c) => c.notNull())
      .addColumn("text", "text", (c) => c.notNull())
      .addColumn("content_hash", "text", (c) => c.notNull())
      .addColumn("kind", "text", (c) => c.notNull())
      .addUniqueConstraint("research_source_version", ["url", "content_hash"])
      .execute();

    await db.schema
      .createTable("story_source")
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("source_id", "integer", (c) => c.notNull().references("research_source.id"))
      .addColumn("position", "integer", (c) => c.notNull())
      .addColumn("added_at", "text", (c) => c.notNull())
      .addColumn("via", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("story_source_pk", ["article_id", "source_id"])
      .execute();

    await db.schema
      .createTable("story_pasted_link")
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("added_at", "text", (c) => c.notNull())
      .addColumn("added_by", "integer")
      .addPrimaryKeyConstraint("story_pasted_link_pk", ["article_id", "url"])
      .execute();

    await withId(db.schema.createTable("research_problem"), dialect)
      .addColumn("article_id", "integer", (c) =>
        c.notNull().references("article.id").onDelete("cascade"),
      )
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("detail", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("research_problem_article")
      .on("research_problem")
      .column("article_id")
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.dropTable("research_problem").ifExists().execute();
    await db.schema.dropTable("story_pasted_link").ifExists().execute();
    await db.schema.dropTable("story_source").ifExists().execute();
    await db.schema.dropTable("research_source").ifExists().execute();
  },
});
