import { describe, expect, it } from "vitest";
import { labelFromIcon, parseHeat, searchUrl, topicQuery } from "./normalise-row.js";

describe("row normalisation", () => {
  it("parses heat from numbers and board strings", () => {
    expect(parseHeat(1157529)).toEqual({ heat: 1157529, category: "" });
    expect(parseHeat("综艺 133258")).toEqual({ heat: 133258, category: "综艺" });
    expect(parseHeat(" 985000")).toEqual({ heat: 985000, category: "" });
    expect(parseHeat("演出")).toEqual({ heat: null, category: "演出" });
    expect(parseHeat("")).toEqual({ heat: null, category: "" });
    expect(parseHeat(undefined)).toEqual({ heat: null, category: "" });
    expect(parseHeat(-3)).toEqual({ heat: null, category: "" });
  });

  it("maps the flag icons to 新/热/爆/暖", () => {
    expect(labelFromIcon("https://simg.s.weibo.com/moter/flags/1_0.png")).toBe("新");
    expect(labelFromIcon("https://simg.s.weibo.com/moter/flags/2_0.png")).toBe("热");
    expect(labelFromIcon("https://simg.s.weibo.com/moter/flags/4_0.png")).toBe("爆");
    expect(labelFromIcon("https://simg.s.weibo.com/moter/flags/32768_0.png")).toBe("暖");
    expect(labelFromIcon("https://simg.s.weibo.com/20200925_recom_yellow.png")).toBe("");
    expect(labelFromIcon(undefined)).toBe("");
  });

  it("keeps #hashtag# and bare word apart", () => {
    expect(topicQuery("#九三盛大阅兵#")).toEqual({
      word: "九三盛大阅兵",
      query: "#九三盛大阅兵#",
      isHashtag: true,
    });
    expect(topicQuery("赴山海")).toEqual({ word: "赴山海", query: "赴山海", isHashtag: false });
    expect(searchUrl("#a b#")).toBe("https://s.weibo.com/weibo?q=%23a%20b%23");
  });
});
