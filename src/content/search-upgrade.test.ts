import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { articleRow } from "../../test/support/article-row.js";
import { TEST_DIALECTS, TEST_POSTGRES_URL } from "../../test/support/test-database.js";
import { type Database, type DialectName, openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import { migrationsFor } from "../db/migrations/index.js";
import { articleInput } from "./article-input.js";
import { saveArticles } from "./article-store.js";
import { searchArticles } from "./search-queries.js";
import { chineseSearchTerms } from "./search-terms.js";

/** A database as 0100-content left it, recorded as migrated that far. */
async function databaseAt0100(dialect: DialectName) {
  const dir = mkdtempSync(join(tmpdir(), "resou-upgrade-"));
  const schema = `u_${randomBytes(4).toString("hex")}`;
  const database = await openDatabase(
    dialect === "sqlite"
      ? { url: `sqlite:${join(dir, "u.db")}` }
      : { url: TEST_POSTGRES_URL, schema },
  );
  const content = migrationsFor(dialect)["0100-content"];
  if (!content) throw new Error("0100-content missing");
  await content.up(database.db as unknown as Kysely<unknown>);
  await sql`create table resou_migration (name text primary key, executed_at text not null)`.execute(
    database.db,
  );
  await sql`insert into resou_migration values ('0100-content', '2025-01-01T00:00:00Z')`.execute(
    database.db,
  );
  const cleanup = async () => {
    if (dialect === "postgres")
      await sql`drop schema ${sql.id(schema)} cascade`.execute(database.db);
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  };
  return { database, cleanup };
}

async function save(database: Database, headline: string) {
  const input = articleInput.parse({
    slug: "upgrade",
    headline,
    category: "News & Politics",
    lead: "Delegates met in Gyeongju. 两国领导人的关系非常好。",
    sections: [],
    tags: ["Typhoon season"],
    byline: "Lena Whitcombe",
    hashtag: "#台风季#",
    hashtag_en: "Storm watch",
    published_at: "2025-08-26T10:00:00+08:00",
  });
  await saveArticles(database.db, [input], {
    dialect: database.dialect,
    now: new Date("2025-08-27T00:00:00Z"),
    deskByline: "Desk",
    timeZone: "Asia/Shanghai",
  });
}

/** The article as the store wrote it before 0140: no labels in its search entry. */
async function saveAsBefore(database: Database, headline: string) {
  const db = database.db;
  const category = await db.selectFrom("category").select("id").executeTakeFirstOrThrow();
  const author = await db
    .insertInto("author")
    .values({ slug: "lena-whitcombe", name: "Lena Whitcombe", kind: "person", bio: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const text = "Delegates met in Gyeongju. 两国领导人的关系非常好。";
  const row = await db
    .insertInto("article")
    .values({
      ...articleRow({
        slug: "upgrade",
        headline,
        text,
        at: "2025-08-26T02:00:00.000Z",
        categoryId: category.id,
        authorId: author.id,
      }),
      hashtag: "#台风季#",
      hashtag_en: "Storm watch",
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const tag = await db
    .insertInto("tag")
    .values({ slug: "typhoon-season", name: "Typhoon season" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("article_tag")
    .values({ article_id: row.id, tag_id: tag.id, position: 0 })
    .execute();
  const cjk = chineseSearchTerms(`${headline}\n${text}\n#台风季#`);
  await sql`insert into article_fts (rowid, headline, body, cjk)
    values (${row.id}, ${headline}, ${text}, ${cjk})`.execute(db);
}

describe.each(TEST_DIALECTS)("search after upgrading an existing database on %s", (dialect) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("keeps finding articles saved before the search migrations, and saves them again", async () => {
    const old = await databaseAt0100(dialect);
    cleanup = old.cleanup;
    const { database } = old;
    // As 0100-era code created them (today's `ensureCategories` also records a change,
    // whose table comes later).
    await database.db
      .insertInto("category")
      .values({ slug: "news-politics", name: "News & Politics", description: "", position: 0 })
      .execute();
    await saveAsBefore(database, "Leaders plan a summit");
    const applied = await migrateToLatest(database);
    const names = applied.results.map((r) => r.migrationName);
    expect(names).toContain("0110-search-summary-index");
    expect(names).toContain("0140-search-labels");

    const now = "2025-09-01T00:00:00Z";
    const page = { limit: 10, offset: 0 };
    const found = await searchArticles(database, "summ*", now, page);
    expect(found.total).toBe(1);
    const byBody = await searchArticles(database, "gyeongju", now, page);
    expect(byBody.hits[0]?.snippet).toContain("<mark>Gyeongju</mark>");
    expect((await searchArticles(database, "领导人", now, page)).total).toBe(1);
    // The upgrade indexed what older entries lacked: tag, byline, the hashtag's title.
    for (const q of ["Typhoon season", "Whitcombe", "storm watch", "台风季"])
      expect((await searchArticles(database, q, now, page)).total, q).toBe(1);

    // Saving replaces the search entry (delete, then insert) in the upgraded table.
    await save(database, "Leaders cancel the meeting");
    expect((await searchArticles(database, "summit", now, page)).total).toBe(0);
    expect((await searchArticles(database, "cancel*", now, page)).total).toBe(1);
    expect((await searchArticles(database, "typhoon", now, page)).total).toBe(1);
  });
});
