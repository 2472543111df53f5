import { describe, expect, it } from "vitest";
import { superlativeCheck } from "./superlative-check.js";
import { runCheck } from "./testing/check-fixture.js";

describe("firsts and superlatives", () => {
  const sources = [
    {
      text: "The second summit, held in Hanoi on February 27 and 28, 2019, ended without a deal, eight months after their first meeting in Singapore.",
    },
    {
      text: "On June 30, 2019, Trump became the first sitting U.S. president to set foot in North Korea.",
    },
  ];
  it("accepts a first the source states about the same event", () => {
    expect(
      runCheck(
        superlativeCheck,
        "On June 30, 2019, Trump became the first sitting U.S. president to enter North Korea [2].",
        sources,
      ),
    ).toEqual([]);
    expect(
      runCheck(superlativeCheck, "The second summit was held in Hanoi in 2019 [1].", sources),
    ).toEqual([]);
  });
  it("flags a first the source attaches to another event", () => {
    const flags = runCheck(
      superlativeCheck,
      "The first meeting took place in Hanoi on February 27, 2019 [1].",
      sources,
    );
    expect(flags.map((f) => f.kind)).toEqual(["ordinal"]);
  });
  it("flags a superlative missing from the cited text, and ignores idioms", () => {
    expect(runCheck(superlativeCheck, "It was the largest rally [2].", sources)).toHaveLength(1);
    expect(runCheck(superlativeCheck, "At first, talks stalled last week [2].", sources)).toEqual(
      [],
    );
  });
});
