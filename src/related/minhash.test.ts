import { describe, expect, it } from "vitest";
import { estimateJaccard, minhashSignature, shingles } from "./minhash.js";
import { tokenize } from "./text-tokenize.js";

const sig = (text: string) => minhashSignature(shingles(tokenize(text)), 128);

describe("minhash", () => {
  const wire =
    "A magnitude 4.6 earthquake struck Northern California early Thursday near the Geysers, shaking residents from Santa Rosa to Napa, the US Geological Survey said; there were no reports of damage or injuries and officials said aftershocks were likely over the coming days";
  it("rates a lightly edited copy as a near-duplicate", () => {
    const copy = `${wire.replace("early Thursday", "on Thursday morning")} across the region`;
    expect(estimateJaccard(sig(wire), sig(copy))).toBeGreaterThan(0.6);
    expect(estimateJaccard(sig(wire), sig(wire))).toBe(1);
  });

  it("rates a different story on the same subject as far apart", () => {
    const other =
      "A magnitude 4.4 earthquake rattled Sonoma County on Sunday, the largest of a weekend swarm; a resident of Cobb said dishes fell from shelves but nobody was hurt, according to the sheriff";
    expect(estimateJaccard(sig(wire), sig(other))).toBeLessThan(0.15);
  });

  it("is deterministic and handles empty text", () => {
    expect([...sig("one two three four")]).toEqual([...sig("one two three four")]);
    expect(estimateJaccard(sig(""), sig(""))).toBe(0);
  });
});
