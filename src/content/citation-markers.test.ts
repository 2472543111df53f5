import { describe, expect, it } from "vitest";
import {
  citationNumbers,
  citationProblems,
  splitSentences,
  stripCitationMarkers,
  withMarkers,
} from "./citation-markers.js";

describe("citation markers", () => {
  it("puts markers before a plain full stop and after a closing quote", () => {
    expect(withMarkers("Trump met Kim in Hanoi.", [2, 1, 2])).toBe("Trump met Kim in Hanoi[2][1].");
    expect(withMarkers("He said “very good.”", [1])).toBe("He said “very good.”[1]");
    expect(withMarkers("No stop here", [3])).toBe("No stop here[3].");
  });

  it("splits sentences without breaking at U.S. or Mr.", () => {
    const text =
      "The U.S. president spoke on Monday[1]. Mr. Lee answered.[2][3] Nobody cited this one.\n\n## Heading\n\nA new paragraph[4].";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.citations)).toEqual([[1], [2, 3], [], [4]]);
    expect(sentences[0]?.text).toBe("The U.S. president spoke on Monday[1].");
  });

  it("reports uncited sentences and markers out of range", () => {
    const problems = citationProblems("Cited[1]. Not cited. Too far[5].", 2);
    expect(problems).toEqual([
      { sentence: "Not cited.", problem: "uncited" },
      { sentence: "Too far[5].", problem: "out_of_range" },
    ]);
    expect(citationProblems("All good[1]. Also good[2].", 2)).toEqual([]);
  });

  it("reads and strips numbers", () => {
    expect(citationNumbers("a[3] b[1][3]")).toEqual([3, 1]);
    expect(stripCitationMarkers("Text [1][2]. More[3].")).toBe("Text. More.");
  });
});
