import { describe, expect, it } from "vitest";
import { structureCheck } from "./structure-check.js";
import { runCheck } from "./testing/check-fixture.js";

const paragraph = (n: number) => `${"Word ".repeat(n).trim()} [1].`;

describe("structure check", () => {
  it("accepts a full story with dek, three sections and the target length", () => {
    const body = [
      paragraph(200),
      "## One",
      paragraph(200),
      "## Two",
      paragraph(200),
      "## Three",
      paragraph(200),
    ].join("\n\n");
    expect(runCheck(structureCheck, body, [{ text: "x" }])).toEqual([]);
  });
  it("flags a missing headline and dek, too few sections, and an uncited paragraph", () => {
    const body = [paragraph(200), "## Only", `${"Word ".repeat(150)}.`].join("\n\n");
    const flags = runCheck(structureCheck, body, [{ text: "x" }], { headline: "", dek: "" });
    expect(flags.map((f) => f.message)).toEqual([
      "The story has no headline",
      "The story has no dek",
      "The story has 1 section headings; the style asks for 3–4",
      "The story is 350 words; the target is 600–1600",
      "This paragraph cites no source",
    ]);
  });
});
