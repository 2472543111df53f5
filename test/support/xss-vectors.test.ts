import { describe, expect, it } from "vitest";
import { loadVectors, parseVectors } from "./xss-vectors.js";

describe("the XSS corpus file", () => {
  it("holds at least 150 distinct vectors in every kind, with a fast tier of about 40", () => {
    const all = loadVectors("all");
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((v) => v.text)).size).toBe(all.length);
    const kinds = new Set(all.map((v) => v.kind));
    expect(kinds.size).toBeGreaterThanOrEqual(10);
    const fast = loadVectors("fast");
    expect(fast.length).toBeGreaterThanOrEqual(40);
    expect(fast.length).toBeLessThanOrEqual(60);
    // The fast tier samples every kind, not only the first ones.
    expect(new Set(fast.map((v) => v.kind))).toEqual(kinds);
  });

  it("decodes \\u{…} and nothing else, and refuses a line without a tier", () => {
    const [rlo, literal] = parseVectors("## k\nF a\\u{202E}b\\u{A}c\n- \\x3c\\u003c\n");
    expect(rlo).toMatchObject({ n: 1, text: "a\u202Eb\nc", fast: true, kind: "k" });
    expect(literal?.text).toBe("\\x3c\\u003c");
    expect(() => parseVectors("<script>\n")).toThrow(/bad line/);
  });
});
