import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { importCapture } from "./backfill-import.js";
import { ingestSnapshot } from "./snapshot-store.js";
import { validateList } from "./snapshot-validate.js";
import { trendCounts } from "./testing/ingest-capture.js";
import { fixturePath } from "./testing/weibo-fixtures.js";
import type { TrendRow } from "./trend-row.js";

/** Issue 12, finding 7: a list from the future, and a list that is mostly adverts. */
function row(rank: number | null, word: string, kind: TrendRow["kind"]): TrendRow {
  return {
    kind,
    rank,
    word,
    query: word,
    isHashtag: false,
    heat: 1000,
    heatCategory: "",
    label: "",
    isCommercial: kind === "ad",
    url: "",
  };
}
const ranked = (n: number) =>
  Array.from({ length: n }, (_, i) => row(i + 1, `词${i + 1}`, "ranked"));
const ads = (n: number) => Array.from({ length: n }, (_, i) => row(null, `广告${i}`, "ad"));

describe("the size of a list", () => {
  it("rejects 50 ranked rows carrying 9,950 advert rows", () => {
    const result = validateList({ rows: [...ranked(50), ...ads(9950)], generatedAt: null });
    expect(result).toMatchObject({ ok: false, reason: "row_count" });
    expect(!result.ok && result.detail).toContain("9950 advert or pinned rows");
  });
  it("still accepts a real list's handful of adverts and pinned rows", () => {
    const rows = [row(null, "置顶", "pinned"), ...ranked(50), ...ads(8)];
    expect(validateList({ rows, generatedAt: null }).ok).toBe(true);
  });
});

describe.each(TEST_DIALECTS)("capture times in the future on %s", (dialect) => {
  let database: TestDatabase;
  const now = new Date("2026-11-27T09:00:00Z");
  const capture = fixturePath("m-weibo-cn-container", "realtimehot-2025-08-26T12-28+0800.json");
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("refuses a backfill dated 2099 and stores nothing", async () => {
    const before = await trendCounts(database);
    const result = await importCapture(
      database.db,
      {
        name: "x.json",
        body: readFileSync(capture, "utf8"),
        capturedAt: new Date("2099-01-01T00:00:00Z"),
      },
      now,
    );
    expect(result).toMatchObject({ status: "rejected", reason: "future_time" });
    expect(await trendCounts(database)).toEqual(before);
  });

  it("accepts a capture a few seconds ahead of the clock (skew), not one an hour ahead", async () => {
    const body = readFileSync(capture, "utf8");
    const skewed = await importCapture(
      database.db,
      { name: "a.json", body, capturedAt: new Date(now.getTime() + 30_000) },
      now,
    );
    expect(skewed.status).toBe("stored");
    const ahead = await importCapture(
      database.db,
      { name: "b.json", body: `${body} `, capturedAt: new Date(now.getTime() + 3_600_000) },
      now,
    );
    expect(ahead.status).toBe("rejected");
  });

  it("guards the store itself, so live ingest cannot store a future list either", async () => {
    const list = validateList({ rows: ranked(50), generatedAt: null });
    if (!list.ok) throw new Error(list.detail);
    const input = {
      source: "m-weibo-cn" as const,
      capturedAt: new Date("2099-01-01T00:00:00Z"),
      payload: "{}",
      contentType: "application/json",
      list,
    };
    await expect(ingestSnapshot(database.db, input, now)).rejects.toThrow(/in the future/);
    expect((await trendCounts(database)).trend_snapshot).toBe(0);
  });
});
