import { describe, expect, it } from "vitest";
import { quoteCheck } from "./quote-check.js";
import { runCheck } from "./testing/check-fixture.js";

describe("quote check", () => {
  const src = [
    { text: "Trump said: “We have a very good relationship,” adding that talks would go on." },
  ];
  it("accepts a quote verbatim up to case, spacing, punctuation and curly quotes", () => {
    expect(runCheck(quoteCheck, 'He said "we have a very  good relationship" [1].', src)).toEqual(
      [],
    );
    expect(runCheck(quoteCheck, "He said “We have … good relationship” [1].", src)).toEqual([]);
  });
  it("flags an altered quote", () => {
    const flags = runCheck(
      quoteCheck,
      "He said “we have an extremely good relationship” [1].",
      src,
    );
    expect(flags).toHaveLength(1);
    expect(flags[0]?.kind).toBe("quote");
  });
});
