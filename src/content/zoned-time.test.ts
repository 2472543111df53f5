import { describe, expect, it } from "vitest";
import { formatLongDate, formatShortDate, toUtcIso, toZonedIso } from "./zoned-time.js";

describe("zoned time", () => {
  it("reads bare dates as midnight in the article's zone", () => {
    expect(toUtcIso("2025-08-26", "Asia/Shanghai")).toBe("2025-08-25T16:00:00.000Z");
    expect(toUtcIso("2025-08-26T09:30", "Europe/London")).toBe("2025-08-26T08:30:00.000Z");
    expect(toUtcIso("2025-08-26T09:30+02:00", "Asia/Shanghai")).toBe("2025-08-26T07:30:00.000Z");
  });

  it("handles daylight-saving edges", () => {
    expect(toUtcIso("2025-03-30T12:00", "Europe/London")).toBe("2025-03-30T11:00:00.000Z");
    expect(toUtcIso("2025-11-02T12:00", "America/New_York")).toBe("2025-11-02T17:00:00.000Z");
  });

  it("formats datelines and offsets", () => {
    expect(formatLongDate("2025-08-25T16:00:00.000Z", "Asia/Shanghai")).toBe("26 August 2025");
    expect(formatShortDate("2025-08-25T16:00:00.000Z", "Asia/Shanghai")).toBe("26 Aug 2025");
    expect(formatShortDate("2025-09-25T16:00:00.000Z", "Asia/Shanghai")).toBe("26 Sep 2025");
    expect(toZonedIso("2025-08-25T16:00:00.000Z", "Asia/Shanghai")).toBe(
      "2025-08-26T00:00:00+08:00",
    );
  });
});
