import { describe, expect, it } from "vitest";
import { validateList } from "./snapshot-validate.js";
import type { TrendRow } from "./trend-row.js";

function row(rank: number | null, word = `词${rank}`, kind: TrendRow["kind"] = "ranked"): TrendRow {
  return {
    kind,
    rank,
    word,
    query: word,
    isHashtag: false,
    heat: 1000,
    heatCategory: "",
    label: "",
    isCommercial: false,
    url: "",
  };
}
const ranks = (n: number) => Array.from({ length: n }, (_, i) => row(i + 1));

describe("validateList", () => {
  it("accepts 50 ranked rows given in any order", () => {
    const result = validateList({ rows: [...ranks(50)].reverse(), generatedAt: null });
    expect(result.ok && result.ranked.map((r) => r.rank)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it.each([
    [0, "empty_list"],
    [39, "row_count"],
    [61, "row_count"],
  ])("rejects %i ranked rows as %s", (n, reason) => {
    const result = validateList({ rows: ranks(n), generatedAt: null });
    expect(!result.ok && result.reason).toBe(reason);
  });

  it("rejects a gap, a repeated rank and a repeated topic", () => {
    const gap = ranks(50).filter((r) => r.rank !== 17);
    gap.push(row(51));
    expect(validateList({ rows: gap, generatedAt: null })).toMatchObject({ reason: "rank_gap" });
    const twice = ranks(50);
    twice[4] = row(4, "other");
    expect(validateList({ rows: twice, generatedAt: null })).toMatchObject({ reason: "rank_gap" });
    const dup = ranks(50);
    dup[9] = row(10, "词1");
    expect(validateList({ rows: dup, generatedAt: null })).toMatchObject({
      reason: "duplicate_topic",
    });
  });

  it("does not count pinned and ad rows", () => {
    const rows = [row(null, "置顶", "pinned"), ...ranks(45), row(null, "广告", "ad")];
    const result = validateList({ rows, generatedAt: null });
    expect(result.ok && [result.ranked.length, result.pinned.length, result.ads.length]).toEqual([
      45, 1, 1,
    ]);
  });
});
