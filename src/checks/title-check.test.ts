import { describe, expect, it } from "vitest";
import { runCheck, seed } from "./testing/check-fixture.js";
import { titleCheck } from "./title-check.js";

describe("title check", () => {
  const reference = seed();
  it("flags 'former President' for the sitting president on the publication date", () => {
    const flags = runCheck(titleCheck, "Former President Donald Trump spoke [1].", [], {
      reference,
    });
    expect(flags[0]?.severity).toBe("error");
    expect(flags[0]?.evidence).toContain("2025-01-20");
  });
  it("resolves 'the former president' to the last person mentioned who held the office", () => {
    const flags = runCheck(titleCheck, "Trump met Kim [1]. The former president smiled [1].", [], {
      reference,
    });
    expect(flags.map((f) => f.sentenceIndex)).toEqual([1]);
  });
  it("accepts 'former' for someone out of office, and titles true on the day", () => {
    expect(
      runCheck(
        titleCheck,
        "Former President Joe Biden spoke [1]. President Lee Jae-myung spoke [1].",
        [],
        { reference },
      ),
    ).toEqual([]);
    // On 2020-06-01 Trump was president too (first term), and Biden was not yet.
    expect(
      runCheck(titleCheck, "Former President Donald Trump spoke [1].", [], {
        reference,
        publishedAt: "2022-06-01T00:00:00Z",
      }),
    ).toEqual([]);
  });
  it("warns on a title the person no longer holds", () => {
    const flags = runCheck(titleCheck, "President Yoon Suk Yeol spoke [1].", [], {
      reference,
      publishedAt: "2025-06-05T00:00:00Z",
    });
    expect(flags[0]?.severity).toBe("warning");
  });
});
