import { describe, expect, it } from "vitest";
import { fromDayNumber, isoDay } from "./date-extract.js";
import { relativeDateCheck, resolveRelative } from "./relative-date-check.js";
import { runCheck } from "./testing/check-fixture.js";

describe("relative dates", () => {
  it("resolves phrases against a calendar day", () => {
    const day = { year: 2025, month: 8, day: 26 }; // a Tuesday
    const iso = (n: number) => {
      const d = fromDayNumber(n);
      return isoDay(d.year, d.month, d.day);
    };
    const r = (t: string, future = false) =>
      resolveRelative(t, day, future).map((m) => `${iso(m.range.from)}..${iso(m.range.to)}`);
    expect(r("next year's summit")).toEqual(["2026-01-01..2026-12-31"]);
    expect(r("on Saturday")).toEqual(["2025-08-23..2025-08-23"]);
    expect(r("on Saturday", true)).toEqual(["2025-08-30..2025-08-30"]);
    expect(r("last week")).toEqual(["2025-08-18..2025-08-24"]);
  });
  it("flags 'next year's' for an event the source dates this year", () => {
    const sources = [
      {
        text: "The APEC summit in Gyeongju runs from Oct. 31 to Nov. 1 this year.",
        publishedAt: "2025-08-26T07:00:00+09:00",
      },
    ];
    const flags = runCheck(
      relativeDateCheck,
      "They may meet at next year's APEC summit in Gyeongju [1].",
      sources,
    );
    expect(flags[0]?.message).toContain("2026-01-01");
    expect(
      runCheck(
        relativeDateCheck,
        "They may meet at the APEC summit in Gyeongju this October [1].",
        sources,
      ),
    ).toEqual([]);
  });
  it("compares weekdays with the source's own relative date", () => {
    const sources = [
      { text: "Nvidia shares fell 17% on Monday.", publishedAt: "2025-01-28T06:00:00+08:00" },
    ];
    const at = { publishedAt: "2025-01-28T09:00:00+08:00" };
    expect(
      runCheck(relativeDateCheck, "Nvidia shares fell 17% on Monday [1].", sources, at),
    ).toEqual([]);
    expect(
      runCheck(relativeDateCheck, "Nvidia shares fell 17% on Friday [1].", sources, at),
    ).toHaveLength(1);
  });
});
