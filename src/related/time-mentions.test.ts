import { describe, expect, it } from "vitest";
import { MONTH_BITS, mentionAgreement, mentionMask, WEEKDAY_BITS } from "./time-mentions.js";

const day = (i: number) => 1 << i;
const month = (i: number) => 1 << (7 + i);

describe("mentionMask", () => {
  it("collects the weekdays and months a text names", () => {
    expect(mentionMask("The quake struck on Sunday, March 9, near Healdsburg.")).toBe(
      day(6) | month(2),
    );
    expect(mentionMask("TUESDAY 28 APRIL")).toBe(day(1) | month(3));
  });

  it("takes abbreviations only with their dot and never lower-case words", () => {
    expect(mentionMask("Rules proposed Dec. 11 and Sept. 3")).toBe(month(11) | month(8));
    expect(mentionMask("Officials may march on; Jan Smith spoke")).toBe(0);
    expect(mentionMask("It happened in May.")).toBe(month(4));
  });

  it("keeps weekdays and months in separate fields", () => {
    const all = mentionMask(
      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December",
    );
    expect(all & WEEKDAY_BITS).toBe(WEEKDAY_BITS);
    expect(all & MONTH_BITS).toBe(MONTH_BITS);
  });
});

describe("mentionMask years", () => {
  const year = (y: number) => 2 ** 19 * 2 ** (y % 32);
  it("adds one bit per year named, above the day and month fields", () => {
    expect(mentionMask("Posted March 14, 2013")).toBe(month(2) + year(2013));
    expect(mentionMask("From 2008 to 2013; not 1,300 or 13000")).toBe(year(2008) + year(2013));
  });

  it("compares years like days and months", () => {
    const a = mentionMask("Thursday, March 14, 2013");
    expect(mentionAgreement(a, mentionMask("in 2013"))).toEqual({ shared: 1, differ: 0 });
    expect(mentionAgreement(a, mentionMask("in 2008"))).toEqual({ shared: 0, differ: 1 });
    expect(mentionAgreement(a, mentionMask("Thursday, March 2008"))).toEqual({
      shared: 2,
      differ: 1,
    });
  });
});

describe("mentionAgreement", () => {
  const thursdayMarch = day(3) | month(2);
  it("counts fields shared and fields named differently", () => {
    expect(mentionAgreement(thursdayMarch, day(3))).toEqual({ shared: 1, differ: 0 });
    expect(mentionAgreement(thursdayMarch, day(6) | month(8))).toEqual({ shared: 0, differ: 2 });
    expect(mentionAgreement(thursdayMarch, day(3) | month(8))).toEqual({ shared: 1, differ: 1 });
  });

  it("counts nothing for a field either names nothing of", () => {
    expect(mentionAgreement(thursdayMarch, 0)).toEqual({ shared: 0, differ: 0 });
    expect(mentionAgreement(day(3), month(2))).toEqual({ shared: 0, differ: 0 });
  });
});
