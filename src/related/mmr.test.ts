import { describe, expect, it } from "vitest";
import { mmrSelect } from "./mmr.js";

// Items are labelled "<sub-event>-<n>"; same sub-event = similarity 1, else 0.
const sim = (a: string, b: string) => (a.split("-")[0] === b.split("-")[0] ? 1 : 0);
const candidates = [
  { item: "a-1", relevance: 1 },
  { item: "a-2", relevance: 0.95 },
  { item: "a-3", relevance: 0.9 },
  { item: "b-1", relevance: 0.7 },
  { item: "c-1", relevance: 0.5 },
];

describe("mmrSelect", () => {
  it("is plain ranking at lambda 1", () => {
    expect(mmrSelect(candidates, 3, 1, sim).map((c) => c.item)).toEqual(["a-1", "a-2", "a-3"]);
  });

  it("spreads the list over sub-events at lower lambda", () => {
    expect(mmrSelect(candidates, 3, 0.5, sim).map((c) => c.item)).toEqual(["a-1", "b-1", "c-1"]);
  });

  it("handles k larger than the pool and empty input", () => {
    expect(mmrSelect(candidates, 10, 0.7, sim)).toHaveLength(5);
    expect(mmrSelect([], 3, 0.7, sim)).toEqual([]);
  });
});
