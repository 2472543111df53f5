import { sql } from "kysely";
import { articleInput } from "../../src/content/article-input.js";
import { saveArticles } from "../../src/content/article-store.js";
import { ensureCategories } from "../../src/content/categories.js";
import { isUnavailable } from "../../src/core/errors.js";
import { createTestDatabase } from "../../test/support/test-database.js";

const article = (i: number) =>
  articleInput.parse({
    slug: `full-${i}`,
    headline: `Disk full ${i}`,
    category: "Society",
    lead: "x".repeat(3000),
    published_at: "2026-01-01",
  });

/**
 * SQLite with no room left (`PRAGMA max_page_count` at the current size, which works even
 * as root): a write must fail with a clear `unavailable` error, save nothing and leave the
 * file sound. Returns the problems found.
 */
export async function checkFullAndReadOnly(): Promise<string[]> {
  const problems: string[] = [];
  const database = await createTestDatabase("sqlite");
  try {
    await ensureCategories(database.db, ["Society"]);
    const context = {
      dialect: "sqlite" as const,
      now: new Date(),
      deskByline: "Desk",
      timeZone: "UTC",
    };
    await saveArticles(database.db, [article(0)], context);
    await database.db.connection().execute(async (conn) => {
      const pages = Number(
        (await sql<{ page_count: number }>`pragma page_count`.execute(conn)).rows[0]?.page_count,
      );
      await sql.raw(`pragma max_page_count = ${pages}`).execute(conn);
      const error = await saveArticles(
        conn,
        Array.from({ length: 40 }, (_, i) => article(i + 1)),
        context,
      ).catch((e: unknown) => e);
      if (!isUnavailable(error) || !/database is full/.test(error.message))
        problems.push(`disk full gave ${String(error)}`);
      await sql.raw("pragma max_page_count = 1073741823").execute(conn);
    });
    const saved = await database.db.selectFrom("article").select("slug").execute();
    if (saved.length !== 1) problems.push(`disk full left ${saved.length} articles, expected 1`);
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(
      database.db,
    );
    if (check.rows[0]?.integrity_check !== "ok")
      problems.push("integrity_check failed after disk full");
  } finally {
    await database.destroy();
  }
  return problems;
}
