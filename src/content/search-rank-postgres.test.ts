import { describe, expect, it } from "vitest";
import { needsRetry, tier1Plan } from "./search-rank-postgres.js";

describe("tier1Plan", () => {
  it("skips the newest matches when the scored tier alone fills the list", () => {
    expect(tier1Plan(40_000, 4_000, 100_000)).toEqual({ floor: 0, newest: 0 });
  });

  it("searches a range of the newest ids sized to the word's share of articles", () => {
    // A word in 40% of 100,000 articles: 1,800 matches wanted (1.5 × 1,200) need 4,500 ids.
    expect(tier1Plan(40_000, 500, 100_000)).toEqual({ floor: 95_500, newest: 1200 });
    // A rarer word needs a wider range; one rarer still, all of them.
    expect(tier1Plan(4_000, 500, 100_000).floor).toBe(55_000);
    expect(tier1Plan(1_000, 500, 100_000).floor).toBe(0);
    expect(tier1Plan(0, 0, 0)).toEqual({ floor: 0, newest: 1200 });
  });
});

describe("needsRetry", () => {
  it("searches everything again only when a guess left the list short", () => {
    expect(needsRetry(1000, { floor: 95_500, newest: 1200 })).toBe(false);
    expect(needsRetry(999, { floor: 95_500, newest: 1200 })).toBe(true);
    expect(needsRetry(999, { floor: 0, newest: 0 })).toBe(true);
    // Every match was searched: a short list is the true one.
    expect(needsRetry(12, { floor: 0, newest: 1200 })).toBe(false);
  });
});
