import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { articleRow } from "../../test/support/article-row.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import type { SearchFilter } from "./search-filter.js";
import { searchArticles } from "./search-queries.js";
import { bestWithTies } from "./search-rank-postgres-filtered.js";

describe("bestWithTies", () => {
  it("keeps every match tied with the last one kept", () => {
    const scores = [5, 4, 3, 3, 3, 2].map((score) => ({ score }));
    expect(bestWithTies(scores, 3).length).toBe(5);
    expect(bestWithTies(scores, 2).length).toBe(2);
    expect(bestWithTies(scores, 10).length).toBe(6);
    expect(bestWithTies([], 3)).toEqual([]);
  });
});

const NOW = "2025-07-01T00:00:00.000Z";

interface Row {
  id: number;
  category: number;
  tags: number[];
  at: string;
  visible: boolean;
}

/**
 * 120 articles all matching "harbour", over two categories, three tags and six months;
 * every fifth a draft or scheduled, with the word in its headline so it would rank first.
 */
async function build(
  database: TestDatabase,
): Promise<{ rows: Row[]; cats: number[]; tags: number[] }> {
  const db = database.db;
  const author = await db
    .insertInto("author")
    .values({ slug: "desk", name: "Desk", kind: "desk", bio: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const cats = (
    await db
      .insertInto("category")
      .values([
        { slug: "port", name: "Port", description: "", position: 0 },
        { slug: "city", name: "City", description: "", position: 1 },
      ])
      .returning("id")
      .execute()
  ).map((c) => c.id);
  const tags = (
    await db
      .insertInto("tag")
      .values([
        { slug: "ships", name: "Ships" },
        { slug: "strike", name: "Strike" },
        { slug: "rare", name: "Rare" },
      ])
      .returning("id")
      .execute()
  ).map((t) => t.id);
  const rows: Row[] = [];
  for (let i = 0; i < 120; i += 1) {
    const hidden = i % 5 === 0;
    const month = 1 + (i % 6);
    const scheduled = hidden && i % 10 === 0;
    const at = scheduled
      ? "2025-09-01T00:00:00.000Z"
      : `2025-0${month}-${String(1 + (i % 27)).padStart(2, "0")}T0${i % 10}:00:00.000Z`;
    const headline = hidden || i % 7 === 0 ? `Harbour story ${i}` : `Quay story ${i}`;
    const body = `The harbour${i % 3 === 0 ? " harbour" : ""} was busy on day ${i}.`;
    const article = await db
      .insertInto("article")
      .values(
        articleRow({
          slug: `a-${i}`,
          headline,
          text: body,
          at,
          categoryId: cats[i % 2] ?? 0,
          authorId: author.id,
          status: hidden && !scheduled ? "draft" : "published",
        }),
      )
      .returning("id")
      .executeTakeFirstOrThrow();
    const own = [
      tags[0] ?? 0,
      ...(i % 3 === 1 ? [tags[1] ?? 0] : []),
      ...(i % 17 === 0 ? [tags[2] ?? 0] : []),
    ];
    await db
      .insertInto("article_tag")
      .values(own.map((tag_id, position) => ({ article_id: article.id, tag_id, position })))
      .execute();
    await sql`insert into article_fts (rowid, headline, body, cjk)
      values (${article.id}, ${headline}, ${body}, '')`.execute(db);
    rows.push({ id: article.id, category: cats[i % 2] ?? 0, tags: own, at, visible: !hidden });
  }
  if (database.dialect === "postgres") await sql`analyze`.execute(db);
  return { rows, cats, tags };
}

function inside(row: Row, filter: SearchFilter): boolean {
  return (
    row.visible &&
    (filter.categoryId === undefined || row.category === filter.categoryId) &&
    (filter.tagId === undefined || row.tags.includes(filter.tagId)) &&
    (filter.from === undefined || row.at >= filter.from) &&
    (filter.to === undefined || row.at <= filter.to)
  );
}

describe.each(TEST_DIALECTS)("filtered search on %s", (dialect) => {
  let database: TestDatabase;
  let built: Awaited<ReturnType<typeof build>>;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    built = await build(database);
  });
  afterEach(async () => {
    await database.destroy();
  });

  const search = (filter: SearchFilter, page = { limit: 200, offset: 0 }, fullRankLimit?: number) =>
    searchArticles(
      database,
      "harbour",
      NOW,
      page,
      filter,
      fullRankLimit ? { fullRankLimit } : undefined,
    );

  function filters(): SearchFilter[] {
    const [port, city] = built.cats;
    const [ships, strike, rare] = built.tags;
    return [
      { categoryId: port },
      { categoryId: city, tagId: strike },
      { tagId: rare },
      { tagId: ships, from: "2025-03-01T00:00:00.000Z" },
      { from: "2025-02-01T00:00:00.000Z", to: "2025-04-30T23:59:59.999Z" },
      { categoryId: port, to: "2025-02-28T23:59:59.999Z" },
      { from: "2025-08-01T00:00:00.000Z" },
    ];
  }

  it("returns exactly the public matches inside each filter, in the unfiltered order", async () => {
    const all = (await search({})).hits.map((h) => h.article.id);
    for (const filter of filters()) {
      const result = await search(filter);
      const expected = all.filter((id) => {
        const row = built.rows.find((r) => r.id === id);
        return row !== undefined && inside(row, filter);
      });
      expect(built.rows.filter((r) => inside(r, filter)).length).toBe(expected.length);
      expect(result.hits.map((h) => h.article.id)).toEqual(expected);
      expect(result.total).toBe(expected.length);
    }
  });

  // Past fullRankLimit matches the ranking is tiered. SQLite's filtered tiers must hold the
  // same articles in the same order as the unfiltered ones; PostgreSQL's headline tier is
  // kept only when it fills the whole list, never here, so it falls back to scoring all.
  it("keeps the tier order inside each filter", async () => {
    const all = (await search({}, undefined, 1)).hits.map((h) => h.article.id);
    for (const filter of filters()) {
      const result = await search(filter, undefined, 1);
      const expected =
        dialect === "sqlite"
          ? all.filter((id) => {
              const row = built.rows.find((r) => r.id === id);
              return row !== undefined && inside(row, filter);
            })
          : (await search(filter)).hits.map((h) => h.article.id);
      expect(result.hits.map((h) => h.article.id)).toEqual(expected);
      expect(result.total).toBe(expected.length);
    }
  });

  it("never shows drafts or scheduled articles, and pages through the filtered list", async () => {
    const filter = { categoryId: built.cats[0] };
    const whole = (await search(filter)).hits.map((h) => h.article.id);
    const visible = new Set(built.rows.filter((r) => r.visible).map((r) => r.id));
    expect(whole.every((id) => visible.has(id))).toBe(true);
    const second = await search(filter, { limit: 7, offset: 7 });
    expect(second.hits.map((h) => h.article.id)).toEqual(whole.slice(7, 14));
    expect(second.total).toBe(whole.length);
  });
});
