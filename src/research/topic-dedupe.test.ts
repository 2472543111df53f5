import { describe, expect, it } from "vitest";
import { bigrams, normaliseWord, wordSimilarity } from "./topic-dedupe.js";

describe("topic word similarity", () => {
  it("compares character bigrams without #, spaces and punctuation", () => {
    expect(normaliseWord("#特朗普称与金正恩关系非常好#")).toBe("特朗普称与金正恩关系非常好");
    expect([...bigrams("郑恺 小姨子")]).toEqual(["郑恺", "恺小", "小姨", "姨子"]);
    expect(wordSimilarity("#王楚钦撤回一个王楚钦#", "王楚钦撤回一个王楚钦")).toBe(1);
  });

  it("scores rewordings of one event high and different events low", () => {
    expect(
      wordSimilarity("特朗普称与金正恩关系非常好", "特朗普称与金正恩关系很好"),
    ).toBeGreaterThan(0.6);
    expect(wordSimilarity("广州暴雨致地铁停运", "广州暴雨致地铁全线停运")).toBeGreaterThanOrEqual(
      0.6,
    );
    expect(wordSimilarity("郑恺小姨子", "郑恺工作室发声明")).toBeLessThan(0.2);
    expect(wordSimilarity("广州暴雨致地铁停运", "广州地铁新线开通")).toBeLessThan(0.3);
    expect(wordSimilarity("", "x")).toBe(0);
  });
});
