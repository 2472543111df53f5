import { describe, expect, it } from "vitest";
import { citationCheck } from "./citation-check.js";
import { runCheck } from "./testing/check-fixture.js";

describe("citation check", () => {
  const src = [{ text: "Ten stations closed." }];
  it("passes cited sentences", () => {
    expect(runCheck(citationCheck, "Ten stations closed [1].", src)).toEqual([]);
  });
  it("flags a sentence without a marker, as an error when it states a figure", () => {
    const flags = runCheck(
      citationCheck,
      "Ten stations closed [1]. About 12 trains stopped. Commuters waited.",
      src,
    );
    expect(flags.map((f) => [f.severity, f.sentence])).toEqual([
      ["error", "About 12 trains stopped."],
      ["warning", "Commuters waited."],
    ]);
  });
  it("flags a marker that points at no source", () => {
    const flags = runCheck(citationCheck, "Ten stations closed [3].", src);
    expect(flags[0]?.message).toContain("[3]");
  });
});
