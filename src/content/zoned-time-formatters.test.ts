import { afterEach, describe, expect, it } from "vitest";
import { formatLongDate, formatShortDate, toZonedIso } from "./zoned-time.js";

describe("date formatting under load", () => {
  const original = Intl.DateTimeFormat;
  afterEach(() => {
    Intl.DateTimeFormat = original;
  });

  it("keeps one formatter per kind and zone instead of building one per date", () => {
    let built = 0;
    Intl.DateTimeFormat = class extends original {
      constructor(...args: ConstructorParameters<typeof original>) {
        super(...args);
        built += 1;
      }
    } as typeof original;
    const dates: string[] = [];
    for (let i = 0; i < 300; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString();
      dates.push(formatShortDate(at, "Europe/Paris"), formatLongDate(at, "Europe/Paris"));
      toZonedIso(at, "Europe/Paris");
    }
    // A home page formats dozens of dates per request: building a formatter costs ~1 ms.
    expect(built).toBeLessThanOrEqual(3);
    expect(dates[0]).toBe("1 Jan 2026");
    expect(dates[1]).toBe("1 January 2026");
    expect(formatShortDate("2025-09-01T12:00:00Z", "Asia/Shanghai")).toBe("1 Sep 2025");
    expect(toZonedIso("2026-07-01T00:00:00.000Z", "Europe/Paris")).toBe(
      "2026-07-01T02:00:00+02:00",
    );
  });
});
