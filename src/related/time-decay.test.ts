import { describe, expect, it } from "vitest";
import { toEpochDays } from "./time-decay.js";

describe("toEpochDays", () => {
  it("reads dates and date-times, NaN when absent or unreadable", () => {
    expect(toEpochDays("1970-01-02")).toBe(1);
    expect(toEpochDays("1970-01-01T12:00:00Z")).toBe(0.5);
    expect(Number.isNaN(toEpochDays(undefined))).toBe(true);
    expect(Number.isNaN(toEpochDays("not a date"))).toBe(true);
  });
});
