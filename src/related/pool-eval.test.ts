import { describe, expect, it } from "vitest";
import { FEATURE_COUNT, PAIR_FEATURES } from "./pair-features.js";
import { poolRPrecision } from "./pool-eval.js";
import { createRelatedModel } from "./related-model.js";

/** A model that ranks by cosine alone. */
const byCosine = createRelatedModel({
  version: 1,
  features: [...PAIR_FEATURES],
  mean: new Array(FEATURE_COUNT).fill(0),
  scale: new Array(FEATURE_COUNT).fill(1),
  weights: PAIR_FEATURES.map((f) => (f === "cosine" ? 1 : 0)),
  bias: 0,
  floor: 0.5,
  fittedOn: ["test"],
  fittedAt: "2026-12-07T00:00:00.000Z",
});

const row = (cosine: number) => {
  const r = new Float64Array(FEATURE_COUNT);
  r[PAIR_FEATURES.indexOf("cosine")] = cosine;
  return r;
};

describe("poolRPrecision", () => {
  it("ranks each query's pool by the model and counts relevant articles the pool missed", () => {
    const set = {
      name: "t",
      rows: [row(0.9), row(0.5), row(0.4), row(0.8), row(0.3)],
      labels: Uint8Array.from([1, 0, 1, 1, 0]),
      queries: [
        // Top 2 of 0.9 (same story), 0.5, 0.4 (same story): one of two.
        { start: 0, count: 3, relevant: 2 },
        // One same-story article in the pool, a second one outside it: one of two.
        { start: 3, count: 2, relevant: 2 },
      ],
    };
    expect(poolRPrecision(set, byCosine)).toBeCloseTo(0.5, 12);
    set.queries[1] = { start: 3, count: 2, relevant: 1 };
    expect(poolRPrecision(set, byCosine)).toBeCloseTo(0.75, 12);
  });
});
