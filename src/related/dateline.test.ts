import { describe, expect, it } from "vitest";
import { datelineDate, isDatelineOnly, urlDate } from "./dateline.js";

describe("dateline dates", () => {
  it("reads the common news date forms near the top of a text", () => {
    expect(datelineDate("Thursday, March 14, 2013 An earthquake struck")).toBe("2013-03-14");
    expect(datelineDate("18 September 2013 Last updated at 13:59 GMT")).toBe("2013-09-18");
    expect(datelineDate("Published on 18th September 2013 Microsoft…")).toBe("2013-09-18");
    expect(datelineDate("Posted: 03 / 14 / 2013 06:37:46 AM PDT")).toBe("2013-03-14");
    expect(datelineDate("Sep 18, 2013, 02.16PM IST")).toBe("2013-09-18");
    expect(datelineDate("2013 - 09 - 26")).toBe("2013-09-26");
    expect(datelineDate("Published: 2012.08.08 09:01 AM")).toBe("2012-08-08");
    expect(datelineDate("Last updated 13:26 14 / 09 / 2013")).toBe("2013-09-14");
    expect(datelineDate("Sunday, November 27 - 2005 at 16:12")).toBe("2005-11-27");
    expect(datelineDate("2013 - 09.26 mixed separators")).toBeUndefined();
    expect(datelineDate("No date here at all")).toBeUndefined();
    expect(datelineDate(`${"x ".repeat(400)} March 14, 2013`)).toBeUndefined();
  });

  it("tells a bare dateline line from a first paragraph", () => {
    for (const line of [
      "Posted: May 24, 2005",
      "Updated: May 24, 2005, 3:23 PM ET",
      "Reuters Sep 18, 2013, 02.16PM IST",
      "POSTED: 1052 GMT (1852 HKT), April 10, 2007",
      "17 September 2013 - 21:29",
    ]) {
      expect(isDatelineOnly(line), line).toBe(true);
    }
    for (const line of [
      "The gang member shot Jerry Ortiz outside a Hawaiian Gardens building in 2005.",
      "Microsoft releases fix for zero-day IE browser bug",
      "On May 24, 2005 the Sixers fired Jim O'Brien after one season.",
    ]) {
      expect(isDatelineOnly(line), line).toBe(false);
    }
  });

  it("reads dates in URLs", () => {
    expect(urlDate("http://www.bit-tech.net/news/bits/2013/09/18/ms-ie-patch/1")).toBe(
      "2013-09-18",
    );
    expect(urlDate("http://example.com/2013-09-18/internet/42182019.html")).toBe("2013-09-18");
    expect(urlDate("http://www.bbc.co.uk/news/technology-24142934")).toBeUndefined();
    expect(urlDate(null)).toBeUndefined();
  });
});
