import { describe, expect, it } from "vitest";
import {
  meanMetrics,
  ndcgAt,
  precisionAt,
  queryMetrics,
  recallAt,
  rPrecision,
} from "./eval-metrics.js";

describe("eval metrics", () => {
  const relevant = new Set(["a", "b", "c"]);

  it("computes precision, recall and R-precision", () => {
    const ranked = ["a", "x", "b", "y", "z"];
    expect(precisionAt(ranked, relevant, 5)).toBeCloseTo(2 / 5);
    expect(recallAt(ranked, relevant, 5)).toBeCloseTo(2 / 3);
    expect(rPrecision(ranked, relevant)).toBeCloseTo(2 / 3);
    const big = new Set(["1", "2", "3", "4", "5", "6", "7"]);
    expect(rPrecision(["1", "2", "3", "4", "x", "5"], big)).toBeCloseTo(4 / 5);
  });

  it("computes binary nDCG against the ideal ranking", () => {
    expect(ndcgAt(["a", "b", "c"], relevant, 10)).toBeCloseTo(1);
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const ideal = 1 + 1 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAt(["x", "a", "y", "b"], relevant, 10)).toBeCloseTo(dcg / ideal);
    expect(ndcgAt(["x"], new Set<string>(), 10)).toBe(0);
  });

  it("averages over queries", () => {
    const summary = meanMetrics([
      queryMetrics(["a", "b", "c"], relevant),
      queryMetrics(["x", "y", "z"], relevant),
    ]);
    expect(summary.r_precision).toBeCloseTo(0.5);
    expect(summary.ndcg_at_10).toBeCloseTo(0.5);
    expect(summary.queries).toBe(2);
    expect(meanMetrics([]).r_precision).toBe(0);
  });
});
