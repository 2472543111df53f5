import type { AnyDb, DialectMigration } from "../migration-kit.js";

/**
 * Both databases: the article body rendered to safe HTML when the article is written
 * (`src/content/body-html.ts`), so a cold article page does not run Markdown and the
 * sanitizer per request. Existing rows keep an empty value and are rendered per request as
 * before until their next save; nothing is backfilled here, because rendering 100,000 bodies
 * would hold up the start for minutes.
 */
export const articleBodyHtmlMigration: DialectMigration = () => ({
  async up(db: AnyDb) {
    await db.schema
      .alterTable("article")
      .addColumn("body_html", "text", (c) => c.notNull().defaultTo(""))
      .execute();
  },
  async down(db: AnyDb) {
    await db.schema.alterTable("article").dropColumn("body_html").execute();
  },
});
