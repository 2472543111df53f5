import { describe, expect, it } from "vitest";
import { expandQuery } from "./search-expand.js";
import { buildLexicon } from "./search-lexicon.js";
import { ftsQuery } from "./search-rank-sqlite.js";
import { cutQuery, parseQuery } from "./search-terms.js";

const LEXICON = buildLexicon([
  { kind: "alias", name: "Donald Trump", alias: "特朗普" },
  { kind: "alias", name: "Donald Trump", alias: "Donald J. Trump" },
  { kind: "alias", name: "Kim Jong Un", alias: "金正恩" },
  { kind: "alias", name: "Kim Jong Un", alias: "Kim Jong-un" },
  { kind: "person", name: "Donald Trump", alias: "" },
  { kind: "person", name: "Joe Biden", alias: "" },
  { kind: "outlet", name: "Reuters", alias: "" },
]);

const expanded = (q: string, titles = new Map<string, string>()) =>
  ftsQuery(expandQuery(parseQuery(q), LEXICON, titles));

describe("expandQuery", () => {
  it("widens a Chinese name to its English spellings", () => {
    expect(expanded("特朗普")).toBe('(cjk : "特朗普" OR "donald trump" OR "donald j trump")');
  });

  it("widens an English name, whole or by family name, to its Chinese spelling", () => {
    expect(expanded("Kim Jong Un summit")).toBe(
      '(("Kim" AND "Jong" AND "Un") OR "kim jong un" OR cjk : "金正恩") AND "summit"',
    );
    expect(expanded("Trump")).toBe(
      '("Trump" OR "donald trump" OR cjk : "特朗普" OR "donald j trump")',
    );
  });

  it("cuts names out of a longer Chinese run and keeps the words between", () => {
    expect(expanded("特朗普称与金正恩关系")).toBe(
      '(cjk : "特朗普" OR "donald trump" OR "donald j trump") AND cjk : "称 与" AND (cjk : "金正恩" OR "kim jong un") AND cjk : "关系"',
    );
  });

  it("widens a hashtag to the words of its English title", () => {
    const titles = new Map([["台风杨柳登陆", "Typhoon Yangliu makes landfall in the south"]]);
    expect(expanded("台风杨柳登陆", titles)).toBe(
      '(cjk : "台风 杨柳 登陆" OR ("typhoon" AND "yangliu" AND "makes" AND "landfall" AND "south"))',
    );
  });

  it("adds other spellings to words and phrases, never to prefixes", () => {
    expect(expanded("colour")).toBe('("colour" OR "color")');
    expect(expanded('"harbour centre"')).toBe('("harbour centre" OR "harbor center")');
    expect(expanded("organis*")).toBe('"organis"*');
  });

  it("leaves names without another spelling, and other words, as typed", () => {
    expect(expanded("Biden Reuters police")).toBe('"Biden" AND "Reuters" AND "police"');
  });
});

describe("cutQuery", () => {
  it("cuts a long query where a word ends", () => {
    const text = "denuclearisation talks resumed ".repeat(20);
    const cut = cutQuery(text, 50);
    expect(cut).toBe("denuclearisation talks resumed denuclearisation");
    expect(cutQuery("short query", 50)).toBe("short query");
  });

  it("cuts Chinese between words, and one overlong word at the limit", () => {
    const cut = cutQuery("特朗普称与金正恩关系非常好".repeat(3), 8);
    expect(cut.length).toBeLessThanOrEqual(8);
    expect(["特朗普称与金正恩", "特朗普称与"]).toContain(cut);
    expect(cutQuery("x".repeat(300), 200)).toBe("x".repeat(200));
    // Never half a character outside the Basic Multilingual Plane.
    expect(cutQuery(`${"x".repeat(199)}😀😀`, 200)).toBe("x".repeat(199));
  });
});
