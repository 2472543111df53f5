import { describe, expect, it } from "vitest";
import { dateCheck } from "./date-check.js";
import { runCheck } from "./testing/check-fixture.js";

describe("date check", () => {
  const dmz = {
    text: "On Sunday, June 30, 2019, Trump stepped into North Korea.",
    publishedAt: "2019-06-30T18:00:00+09:00",
  };
  it("accepts the same day in another format or in Chinese", () => {
    expect(runCheck(dateCheck, "They met on 30 June 2019 [1].", [dmz])).toEqual([]);
    expect(
      runCheck(dateCheck, "They met on June 30, 2019 [1].", [
        { text: "2019年6月30日，两人会面。" },
      ]),
    ).toEqual([]);
  });
  it("flags a date the cited source does not give", () => {
    const flags = runCheck(dateCheck, "They met on July 1, 2019 [1].", [dmz]);
    expect(flags[0]?.message).toContain("July 1, 2019");
    expect(flags[0]?.evidence).toContain("June 30, 2019");
  });
  it("flags a weekday that does not match its date", () => {
    const flags = runCheck(dateCheck, "They met on Monday, June 30, 2019 [1].", [dmz]);
    expect(flags[0]?.message).toContain("was a Sunday");
  });
});
