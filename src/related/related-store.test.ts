import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { loadRelatedList, saveRelatedLists } from "./related-store.js";

async function seedArticles(database: TestDatabase, count: number): Promise<number[]> {
  const { db } = database;
  const category = await db
    .insertInto("category")
    .values({ slug: "news", name: "News", description: "", position: 0 })
    .returning("id")
    .executeTakeFirstOrThrow();
  const author = await db
    .insertInto("author")
    .values({ slug: "desk", name: "Desk", kind: "desk", bio: "" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (let i = 1; i <= count; i++) {
    const now = `2025-08-${String(i).padStart(2, "0")}T00:00:00.000Z`;
    const row = await db
      .insertInto("article")
      .values({
        slug: `story-${i}`,
        kind: "article",
        headline: `Story ${i}`,
        dek: "",
        lead: "",
        sections: "[]",
        category_id: Number(category.id),
        author_id: Number(author.id),
        hashtag: "",
        hashtag_en: "",
        image_url: "",
        image_alt: "",
        status: "published",
        published_at: now,
        updated_at: now,
        created_at: now,
        time_zone: "UTC",
        word_count: 0,
        is_demo: 0,
        plain_text: "",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(Number(row.id));
  }
  return ids;
}

describe.each(TEST_DIALECTS)("related lists on %s", (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("writes ranked lists, replaces only the given articles' lists, and clears with []", async () => {
    const [a, b, c, d] = (await seedArticles(database, 4)) as [number, number, number, number];
    await saveRelatedLists(
      database.db,
      new Map([
        [
          a,
          [
            { id: b, score: 0.9 },
            { id: a, score: 1 },
            { id: c, score: 0.5 },
            { id: b, score: 0.1 },
          ],
        ],
        [b, [{ id: a, score: 0.9 }]],
      ]),
    );
    expect(await loadRelatedList(database.db, a)).toEqual([
      { id: b, rank: 1, score: expect.closeTo(0.9, 5) },
      { id: c, rank: 2, score: expect.closeTo(0.5, 5) },
    ]);

    const result = await saveRelatedLists(database.db, [
      [String(a), [{ id: d, score: 0.7 }]],
      [c, []],
    ]);
    expect(result).toEqual({ articles: 2, rows: 1 });
    expect((await loadRelatedList(database.db, a)).map((r) => r.id)).toEqual([d]);
    expect((await loadRelatedList(database.db, b)).map((r) => r.id)).toEqual([a]);
    expect(await loadRelatedList(database.db, c)).toEqual([]);
  });

  it("is all or nothing: a list naming a missing article changes no list", async () => {
    const [a, b] = (await seedArticles(database, 2)) as [number, number];
    await saveRelatedLists(database.db, new Map([[a, [{ id: b, score: 1 }]]]));
    await expect(
      saveRelatedLists(
        database.db,
        new Map([
          [b, [{ id: a, score: 1 }]],
          [a, [{ id: 999_999, score: 1 }]],
        ]),
      ),
    ).rejects.toThrow();
    expect((await loadRelatedList(database.db, a)).map((r) => r.id)).toEqual([b]);
    expect(await loadRelatedList(database.db, b)).toEqual([]);
    await expect(saveRelatedLists(database.db, [["x", []]])).rejects.toThrow(/not an article id/);
  });
});
