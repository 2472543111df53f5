import { describe, expect, it } from "vitest";
import { attributionCheck } from "./attribution-check.js";
import { runCheck, seed } from "./testing/check-fixture.js";

describe("attribution check", () => {
  const sources = [
    {
      outlet: "Reuters",
      text: "Nvidia fell 17%, said analyst Jane Roe.",
      url: "https://www.reuters.com/x",
    },
  ];
  const reference = seed();
  it("accepts an outlet that is the cited source and a speaker in the cited text", () => {
    expect(
      runCheck(
        attributionCheck,
        "Nvidia fell 17%, Reuters reported [1]. Jane Roe said it fell [1].",
        sources,
        { reference },
      ),
    ).toEqual([]);
  });
  it("flags an outlet that is not among the cited sources", () => {
    const flags = runCheck(attributionCheck, "Nvidia fell 17%, Bloomberg reported [1].", sources, {
      reference,
    });
    expect(flags[0]?.message).toContain("Bloomberg");
  });
  it("flags a dateline no source reports from", () => {
    expect(
      runCheck(attributionCheck, "SHANGHAI — Nvidia fell 17% [1].", sources, { reference }),
    ).toHaveLength(1);
    expect(
      runCheck(
        attributionCheck,
        "Nvidia fell 17% [1].",
        [{ ...sources[0], text: "SHANGHAI (Reuters) - Nvidia fell 17%." }],
        { reference, dateline: "Shanghai" },
      ),
    ).toEqual([]);
  });
});
