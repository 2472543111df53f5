import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkCase } from "./check-case.js";
import { runCase, summarise } from "./check-eval.js";
import { seedReferenceData } from "./reference-seed-data.js";

const DIR = "test/fixtures/check-cases";

describe("checkArticle on the reference article", () => {
  it("flags the four slips of the reference article with their kinds", () => {
    const raw = JSON.parse(readFileSync(join(DIR, "reference-trump-kim-2025-08-26.json"), "utf8"));
    const result = runCase("reference", checkCase.parse(raw), seedReferenceData());
    expect(result.planted.map((p) => [p.kind, p.caught])).toEqual([
      ["title", true],
      ["relative_date", true],
      ["ordinal", true],
      ["date", true],
    ]);
  });
  it("raises no error or warning on the clean cases", () => {
    const results = readdirSync(DIR)
      .filter((f) => f.endsWith("-clean.json"))
      .map((f) =>
        runCase(
          f,
          checkCase.parse(JSON.parse(readFileSync(join(DIR, f), "utf8"))),
          seedReferenceData(),
        ),
      );
    expect(results.length).toBeGreaterThanOrEqual(4);
    expect(summarise(results).false_flags_per_1000_words).toBe(0);
  });
});
