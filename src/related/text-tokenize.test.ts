import { describe, expect, it } from "vitest";
import { segmentChinese } from "../core/chinese-segment.js";
import { findHashtags, normalizeTag, tokenize } from "./text-tokenize.js";

describe("tokenize", () => {
  it("lower-cases, drops stop words and possessives, stems", () => {
    expect(tokenize("The shootings in Ohio's capital")).toEqual(["shoot", "ohio", "capital"]);
  });

  it("keeps decimal and grouped numbers whole, counts from 2 up, maps aliases", () => {
    expect(tokenize("A 4.6 magnitude quake, 1,200 homes, 3 dead")).toEqual([
      "4.6",
      "magnitud",
      "quak",
      "1200",
      "hom",
      "3",
      "die",
    ]);
    // A count reads the same in digits and in words; "1" and "one" are everywhere.
    expect(tokenize("Three dead, five hurt")).toEqual(tokenize("3 dead, 5 hurt"));
    expect(tokenize("quintuple shooting")).toEqual(tokenize("5 shooting"));
    expect(tokenize("1 one")).toEqual([]);
  });

  it("segments Chinese with jieba's bundled dictionary and drops particles", () => {
    expect(segmentChinese("特朗普称与金正恩关系非常好")).toEqual(
      expect.arrayContaining(["特朗普", "金正恩", "关系"]),
    );
    const tokens = tokenize("#特朗普称与金正恩关系非常好# Trump praises Kim");
    expect(tokens).toEqual(expect.arrayContaining(["特朗普", "金正恩", "trump", "kim"]));
    expect(tokens).not.toContain("的");
    expect(tokens).not.toContain("称");
  });
});

describe("hashtags", () => {
  it("normalises tags and finds Weibo hashtags, not Twitter ones", () => {
    expect(normalizeTag("#特朗普称与金正恩关系非常好#")).toBe("特朗普称与金正恩关系非常好");
    expect(normalizeTag("Tara_Reid")).toBe("tara reid");
    expect(findHashtags("热议 #高考作文题# 和 #MeToo and #TimesUp")).toEqual(["高考作文题"]);
  });
});
