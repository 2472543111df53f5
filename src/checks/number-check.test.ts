import { describe, expect, it } from "vitest";
import { numberCheck } from "./number-check.js";
import { chineseNumeral, findNumbers } from "./number-normalise.js";
import { runCheck } from "./testing/check-fixture.js";

describe("number normalisation", () => {
  it("reads Chinese numerals, 万 and 亿, and percents", () => {
    expect(chineseNumeral("一千二百")).toBe(1200);
    expect(chineseNumeral("三点五")).toBe(3.5);
    expect(findNumbers("增长百分之三点五").map((n) => [n.value, n.percent])).toEqual([[3.5, true]]);
    expect(findNumbers("1.2万人").map((n) => n.value)).toEqual([12000]);
    expect(findNumbers("1,200 people and 3.5 percent").map((n) => [n.value, n.percent])).toEqual([
      [1200, false],
      [3.5, true],
    ]);
  });
});

describe("number check", () => {
  it("finds figures in the cited text after normalisation", () => {
    const body =
      "Some 1,200 people left [1]. Prices rose 3.5 percent [2]. It cost $2.5 billion [1]. About 12,000 came [2].";
    const sources = [
      { text: "1200 people left; it cost US$2,500,000,000." },
      { text: "物价上涨百分之三点五，1.2万人到场。" },
    ];
    expect(runCheck(numberCheck, body, sources)).toEqual([]);
  });
  it("flags a figure the cited source does not give, even if another source has it", () => {
    const flags = runCheck(numberCheck, "Prices rose 3.8% [1]. Some 1,200 people left [1].", [
      { text: "Prices rose 3.5%." },
      { text: "1,200 people left" },
    ]);
    expect(flags.map((f) => f.message)).toEqual([
      "“3.8%” is not in the cited text",
      "“1,200” is not in the cited text",
    ]);
  });
  it("checks uncited sentences against the whole bundle", () => {
    expect(
      runCheck(numberCheck, "Some 1,200 people left.", [
        { text: "x" },
        { text: "1,200 people left" },
      ]),
    ).toEqual([]);
    expect(
      runCheck(numberCheck, "Some 1,500 people left.", [
        { text: "x" },
        { text: "1,200 people left" },
      ]),
    ).toHaveLength(1);
  });
});
