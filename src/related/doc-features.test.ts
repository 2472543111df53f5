import { describe, expect, it } from "vitest";
import { extractFeatures } from "./doc-features.js";
import { resolveOptions } from "./related-types.js";

describe("extractFeatures", () => {
  it("weighs number terms by weights.numbers, other words by 1 + ln tf", () => {
    const doc = {
      id: 1,
      title: "A 4.6 quake shook Healdsburg; 4.6 is rare.",
      body: "",
    };
    const plain = extractFeatures(doc, resolveOptions({}));
    const options = resolveOptions({});
    const boosted = extractFeatures(doc, {
      ...options,
      weights: { ...options.weights, numbers: 2 },
    });
    const base = 1 + Math.log(2 * options.fieldBoosts.title);
    expect(boosted.weights.get("4.6")).toBeCloseTo(2 * base);
    expect(boosted.weights.get("4.6")).toBeCloseTo(
      (2 / options.weights.numbers) * (plain.weights.get("4.6") ?? 0),
    );
    expect(boosted.weights.get("healdsburg")).toBeCloseTo(1 + Math.log(options.fieldBoosts.title));
  });

  it("records the weekdays and months named", () => {
    const f = extractFeatures(
      { id: 1, title: "Quake on Sunday", body: "It struck in March." },
      resolveOptions({}),
    );
    expect(f.mentions).toBe((1 << 6) | (1 << 9));
  });
});
