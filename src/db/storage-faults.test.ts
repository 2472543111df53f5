import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.js";
import { articleInput } from "../content/article-input.js";
import { saveArticles } from "../content/article-store.js";
import { ensureCategories } from "../content/categories.js";
import { isUnavailable } from "../core/errors.js";
import { describeDatabaseFault } from "./database-faults.js";

/**
 * Issue 12, deliverable 6: a full disk and a read-only database refuse the write with a
 * clear message, save nothing and leave the data sound.
 *
 * Disk full: a test cannot fill a real disk here (no small tmpfs, and the test runs as
 * root). SQLite's `max_page_count` caps the file at its current size for one connection,
 * and a write past the cap fails exactly as one on a full disk: SQLite reports both as
 * SQLITE_FULL ("database or disk is full") from the same pager path and rolls the
 * transaction back, so the error mapping and the rollback under test are the ones a real
 * ENOSPC takes. PostgreSQL's disk-full (53100) cannot be provoked without filling the
 * server's disk; its mapping is covered by the fault table test below.
 *
 * Read-only: the SQLite file and folder cases run the real CLI as an unprivileged user
 * (src/cli/database-faults.test.ts). PostgreSQL gets a read-only session, as a hot standby
 * or a read-only role gives: every write fails with 25006.
 */
const context = { now: new Date("2026-01-01T00:00:00Z"), deskByline: "Desk", timeZone: "UTC" };
const article = (i: number) =>
  articleInput.parse({
    slug: `full-${i}`,
    headline: `Disk full ${i}`,
    category: "Society",
    lead: "x".repeat(3000),
    published_at: "2026-01-01",
  });

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.destroy();
  database = undefined;
});

const slugs = async (db: TestDatabase) =>
  (await db.db.selectFrom("article").select("slug").orderBy("slug").execute()).map((r) => r.slug);

describe("a full SQLite database", () => {
  it("refuses the import with a clear message, keeps what was there and stays sound", async () => {
    database = await createTestDatabase("sqlite");
    const db = database;
    await ensureCategories(db.db, ["Society"]);
    const save = { ...context, dialect: "sqlite" as const };
    await saveArticles(db.db, [article(0)], save);
    await db.db.connection().execute(async (conn) => {
      const pages = (await sql<{ page_count: number }>`pragma page_count`.execute(conn)).rows[0];
      await sql.raw(`pragma max_page_count = ${Number(pages?.page_count)}`).execute(conn);
      const batch = Array.from({ length: 40 }, (_, i) => article(i + 1));
      const error = await saveArticles(conn, batch, save).catch((e: unknown) => e);
      expect(isUnavailable(error)).toBe(true);
      expect((error as Error).message).toMatch(/database is full .*nothing was saved/i);
      // The CLI's one line for the same fault.
      expect(describeDatabaseFault(error, "/data/resou.db")).toEqual({
        kind: "failed",
        message: expect.stringMatching(/disk holding the database \/data\/resou\.db is full/),
      });
      // Room again: the same batch goes in whole.
      await sql.raw("pragma max_page_count = 1073741823").execute(conn);
      expect(await slugs(db)).toEqual(["full-0"]);
      expect(
        (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(conn)).rows[0],
      ).toEqual({
        integrity_check: "ok",
      });
      await saveArticles(conn, batch, save);
    });
    expect(await slugs(db)).toHaveLength(41);
    const fts = await sql<{ n: number }>`select count(*) as n from article_fts`.execute(db.db);
    expect(Number(fts.rows[0]?.n)).toBe(41);
  });
});

describe("a read-only PostgreSQL session", () => {
  it("refuses the write with a clear message and saves nothing", async () => {
    database = await createTestDatabase("postgres");
    const db = database;
    await ensureCategories(db.db, ["Society"]);
    const save = { ...context, dialect: "postgres" as const };
    await db.db.connection().execute(async (conn) => {
      await sql`set session characteristics as transaction read only`.execute(conn);
      try {
        const error = await saveArticles(conn, [article(1)], save).catch((e: unknown) => e);
        expect(describeDatabaseFault(error, "postgres://db/resou")).toEqual({
          kind: "configuration",
          message: expect.stringMatching(/Cannot use the database postgres:\/\/db\/resou \(25006/),
        });
      } finally {
        await sql`set session characteristics as transaction read write`.execute(conn);
      }
    });
    expect(await slugs(db)).toEqual([]);
  });
});

describe("the fault table", () => {
  it("names a full disk on either database as a retryable failure", () => {
    for (const code of ["SQLITE_FULL", "ENOSPC", "53100"]) {
      expect(describeDatabaseFault({ code }, "x")).toEqual({
        kind: "failed",
        message: expect.stringMatching(/disk holding the database x is full/),
      });
    }
  });
});
