import { describe, expect, it } from "vitest";
import { extractEntities, isTitleCase } from "./entity-extract.js";

describe("extractEntities", () => {
  const text =
    'LOS ANGELES (AP) — A publicist says Tara Reid has checked into rehab. Jack Ketsoyan said Friday the "American Pie" star went to Promises Treatment Center in Malibu, California. Police said Reid, 33, was fine. Mr. Smith of the Bank of America agreed.';
  const entities = extractEntities(text);

  it("finds people, places and organisations as multi-word spans and their words", () => {
    expect(entities).toEqual(
      expect.arrayContaining([
        "los angeles",
        "tara reid",
        "reid",
        "jack ketsoyan",
        "promises treatment center",
        "malibu",
        "california",
        "bank of america",
        "smith",
      ]),
    );
  });

  it("splits at commas and skips sentence-initial words, weekdays and wire tags", () => {
    expect(entities).not.toContain("malibu california");
    expect(entities).not.toContain("police");
    expect(entities).not.toContain("friday");
    expect(entities).not.toContain("ap");
    expect(entities).not.toContain("a publicist");
  });

  it("tells Title Case headlines from sentence-case ones", () => {
    expect(isTitleCase("Glenn Beck Rips Progressivism at CPAC")).toBe(true);
    expect(isTitleCase("A publicist says Tara Reid has checked into rehab")).toBe(false);
  });
});
