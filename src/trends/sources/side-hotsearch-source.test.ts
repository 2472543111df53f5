import { describe, expect, it } from "vitest";
import { validateList } from "../snapshot-validate.js";
import { readFixture } from "../testing/weibo-fixtures.js";
import { parseSideHotSearch } from "./side-hotsearch-source.js";
import { isFailure } from "./trend-source.js";

describe("weibo.com/ajax/side/hotSearch parser", () => {
  const body = readFixture("synthetic", "side-hotsearch-2025-08-26T12-28+0800.json");

  it("reads 50 ranked rows, the pinned row and the ad slot", () => {
    const list = parseSideHotSearch(body);
    if (isFailure(list)) throw new Error(list.reason);
    expect(list.rows.filter((r) => r.kind === "ranked")).toHaveLength(50);
    expect(list.rows.filter((r) => r.kind === "pinned")).toHaveLength(1);
    expect(list.rows.filter((r) => r.kind === "ad").map((r) => r.word)).toEqual([
      "曹骏一款可以许愿的艺人",
    ]);
    expect(list.rows.find((r) => r.rank === 2)).toMatchObject({
      word: "九三盛大阅兵",
      query: "#九三盛大阅兵#",
      isHashtag: true,
      heat: 648472,
      label: "新",
    });
    expect(list.rows.find((r) => r.rank === 1)).toMatchObject({
      query: "赴山海",
      isHashtag: false,
    });
    expect(validateList(list).ok).toBe(true);
  });

  it("rejects ok:-100, ok:0, a missing realtime list and an empty one", () => {
    const cases: [string, string][] = [
      ['{"ok":-100,"msg":"login"}', "login_required"],
      ['{"ok":0,"msg":"这里还没有内容"}', "not_ok"],
      ['{"ok":1,"data":{}}', "shape"],
      ['{"ok":1,"data":{"realtime":[]}}', "empty_list"],
      ['{"ok":1,"data":{"realtime":[', "truncated"],
    ];
    for (const [payload, reason] of cases) {
      const result = parseSideHotSearch(payload);
      expect(isFailure(result) && result.reason, payload).toBe(reason);
    }
  });
});
