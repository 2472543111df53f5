import { describe, expect, it } from "vitest";
import { extractAges } from "./age-extract.js";

describe("extractAges", () => {
  it("reads the forms news gives ages in", () => {
    expect(
      extractAges(
        "Kelly Boren, 32, and Marie King, 55, were found. A 7-year-old boy and a man aged 19. Officer Joshua Boren (34) lived there.",
      ),
    ).toEqual([7, 19, 32, 34, 55]);
  });

  it("takes no year, sum or count for an age", () => {
    expect(extractAges("In 2013, 45 people were hurt and $300 was taken on Route 66.")).toEqual([]);
  });
});
