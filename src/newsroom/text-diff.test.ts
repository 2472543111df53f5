import { describe, expect, it } from "vitest";
import { diffLines } from "./text-diff.js";

describe("diffLines", () => {
  it("marks removed and added lines around common ones", () => {
    expect(diffLines("a\nb\nc\nd", "a\nx\nc\nd\ne")).toEqual([
      { op: "same", text: "a" },
      { op: "del", text: "b" },
      { op: "add", text: "x" },
      { op: "same", text: "c" },
      { op: "same", text: "d" },
      { op: "add", text: "e" },
    ]);
  });

  it("reports no change for equal texts", () => {
    expect(diffLines("one\ntwo", "one\ntwo").every((l) => l.op === "same")).toBe(true);
  });

  it("stays bounded on huge inputs", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 3000 }, (_, i) => `b${i}`).join("\n");
    const diff = diffLines(a, b);
    expect(diff.filter((l) => l.op === "del")).toHaveLength(3000);
    expect(diff.filter((l) => l.op === "add")).toHaveLength(3000);
  });
});
