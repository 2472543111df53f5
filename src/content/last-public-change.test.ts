import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { articleRow } from "../../test/support/article-row.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { lastPublicChange } from "./taxonomy-queries.js";

describe.each(TEST_DIALECTS)("the newest public change on %s", (dialect) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.destroy();
  });

  it("ignores drafts and scheduled articles, and never reads the article rows", async () => {
    database = await createTestDatabase(dialect);
    const db = database.db;
    const author = await db
      .insertInto("author")
      .values({ slug: "desk", name: "Desk", kind: "desk", bio: "" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const category = await db
      .insertInto("category")
      .values({ slug: "society", name: "Society", description: "", position: 0 })
      .returning("id")
      .executeTakeFirstOrThrow();
    const base = { categoryId: category.id, authorId: author.id, text: "Text." };
    const row = (slug: string, at: string, updated: string, status?: "draft") => ({
      ...articleRow({ ...base, slug, headline: slug, at, ...(status ? { status } : {}) }),
      updated_at: updated,
    });
    await db
      .insertInto("article")
      .values([
        row("old", "2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z"),
        row("edited", "2026-01-03T00:00:00.000Z", "2026-02-01T00:00:00.000Z"),
        row("draft", "2026-01-04T00:00:00.000Z", "2026-03-01T00:00:00.000Z", "draft"),
        // Scheduled: published later than "now", edited most recently.
        row("scheduled", "2026-06-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z"),
      ])
      .execute();
    const now = "2026-05-01T00:00:00.000Z";
    expect(await lastPublicChange(db, now)).toBe("2026-02-01T00:00:00.000Z");
    expect(await lastPublicChange(db, "2025-01-01T00:00:00.000Z")).toBeUndefined();

    if (dialect === "sqlite") {
      // Every list page asks this; a scan of the article table cost ~200 ms at 20,000
      // articles. The plan must stay inside an index.
      const compiled = db
        .selectFrom("article")
        .select("article.updated_at as at")
        .where("article.status", "=", "published")
        .where("article.published_at", "<=", now)
        .orderBy("article.updated_at", "desc")
        .limit(1)
        .compile();
      const plan = await sql
        .raw<{ detail: string }>(
          `explain query plan ${compiled.sql.replace(/\?/g, (_, i) => (i === compiled.sql.indexOf("?") ? "'published'" : `'${now}'`))}`,
        )
        .execute(db);
      const details = plan.rows.map((r) => r.detail).join("\n");
      expect(details).toMatch(/COVERING INDEX article_status_updated/);
      expect(details).not.toMatch(/TEMP B-TREE/);
    }
  });
});
