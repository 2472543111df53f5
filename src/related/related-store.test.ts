import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { loadPublicDocs } from "./related-docs.js";
import { createRelatedIndex } from "./related-index.js";
import { loadRelatedList, saveRelatedLists } from "./related-store.js";

interface Spec {
  headline?: string;
  text?: string;
  status?: "published" | "draft";
  hashtag?: string;
}

async function seedArticles(database: TestDatabase, specs: number | Spec[]): Promise<number[]> {
  const list: Spec[] =
    typeof specs === "number" ? Array.from({ length: specs }, () => ({})) : specs;
  const { db } = database;
  const category =
    (await db.selectFrom("category").select("id").where("slug", "=", "news").executeTakeFirst()) ??
    (await db
      .insertInto("category")
      .values({ slug: "news", name: "News", description: "", position: 0 })
      .returning("id")
      .executeTakeFirstOrThrow());
  const author =
    (await db.selectFrom("author").select("id").where("slug", "=", "desk").executeTakeFirst()) ??
    (await db
      .insertInto("author")
      .values({ slug: "desk", name: "Desk", kind: "desk", bio: "" })
      .returning("id")
      .executeTakeFirstOrThrow());
  const start = Number(
    (
      await db
        .selectFrom("article")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const ids: number[] = [];
  for (const [index, spec] of list.entries()) {
    const i = start + index + 1;
    const now = `2025-08-${String(i).padStart(2, "0")}T00:00:00.000Z`;
    const row = await db
      .insertInto("article")
      .values({
        slug: `story-${i}`,
        kind: "article",
        headline: spec.headline ?? `Story ${i}`,
        dek: "",
        lead: "",
        sections: "[]",
        category_id: Number(category.id),
        author_id: Number(author.id),
        hashtag: spec.hashtag ?? "",
        hashtag_en: "",
        image_url: "",
        image_alt: "",
        status: spec.status ?? "published",
        published_at: now,
        updated_at: now,
        created_at: now,
        time_zone: "UTC",
        word_count: 0,
        is_demo: 0,
        plain_text: spec.text ?? "",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    ids.push(Number(row.id));
  }
  return ids;
}

const NOW = "2026-01-01T00:00:00.000Z";

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
      { id: b, rank: 1, score: expect.closeTo(0.9, 5), fill: false },
      { id: c, rank: 2, score: expect.closeTo(0.5, 5), fill: false },
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

  it("publishing a story on the same event lists both ways; unpublishing takes it out", async () => {
    const [quake, other, draft] = (await seedArticles(database, [
      {
        headline: "Magnitude 4.6 earthquake shakes Sonoma County",
        text: "A 4.6 earthquake near the Geysers woke residents of Santa Rosa and Healdsburg; the US Geological Survey said there was no damage.",
        hashtag: "#加州地震#",
      },
      {
        headline: "Typhoon Wipha brings floods to Guangdong",
        text: "Heavy rain from Typhoon Wipha flooded streets in Zhuhai and Macau; schools closed across the Pearl River Delta.",
      },
      {
        headline: "Draft: Sonoma earthquake aftershocks",
        text: "Aftershocks near the Geysers in Sonoma County.",
        status: "draft",
      },
    ])) as [number, number, number];
    const index = createRelatedIndex();
    const docs = await loadPublicDocs(database.db, NOW);
    expect(docs.map((d) => d.id)).toEqual([quake, other]);
    expect(docs[0]?.hashtags).toEqual(["#加州地震#"]);
    index.rebuild(docs);
    await saveRelatedLists(database.db, new Map(docs.map((d) => [d.id, index.topK(d.id, 5)])));

    // Publish a second report of the same earthquake.
    const [second] = (await seedArticles(database, [
      {
        headline: "Sonoma County quake of magnitude 4.6 rattles the Geysers",
        text: "Residents of Healdsburg and Santa Rosa felt the 4.6 earthquake; the Geological Survey reported no damage.",
        hashtag: "#加州地震#",
      },
    ])) as [number];
    expect(second).toBeGreaterThan(0);
    const doc = (await loadPublicDocs(database.db, NOW)).find((d) => d.id === second);
    if (!doc) throw new Error("expected the new article");
    index.add(doc);
    const affected = [second, ...index.affectedBy(second)];
    await saveRelatedLists(database.db, new Map(affected.map((id) => [id, index.topK(id, 5)])));
    expect((await loadRelatedList(database.db, quake))[0]?.id).toBe(second);
    expect((await loadRelatedList(database.db, second))[0]?.id).toBe(quake);
    expect((await loadRelatedList(database.db, second)).map((r) => r.id)).not.toContain(draft);

    // Unpublish it.
    await database.db
      .updateTable("article")
      .set({ status: "unpublished" })
      .where("id", "=", second)
      .execute();
    const holders = index.remove(second);
    expect(holders).toContain(quake);
    await saveRelatedLists(database.db, [
      [second, []],
      ...holders.map((id) => [id, index.topK(id, 5)] as const),
    ]);
    expect((await loadRelatedList(database.db, quake)).map((r) => r.id)).not.toContain(second);
    expect(await loadRelatedList(database.db, second)).toEqual([]);
  });
});
