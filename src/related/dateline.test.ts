import { describe, expect, it } from "vitest";
import { datelineDate, urlDate } from "./dateline.js";

describe("dateline dates", () => {
  it("reads the common news date forms near the top of a text", () => {
    expect(datelineDate("Thursday, March 14, 2013 An earthquake struck")).toBe("2013-03-14");
    expect(datelineDate("18 September 2013 Last updated at 13:59 GMT")).toBe("2013-09-18");
    expect(datelineDate("Published on 18th September 2013 Microsoft…")).toBe("2013-09-18");
    expect(datelineDate("Posted: 03 / 14 / 2013 06:37:46 AM PDT")).toBe("2013-03-14");
    expect(datelineDate("Sep 18, 2013, 02.16PM IST")).toBe("2013-09-18");
    expect(datelineDate("No date here at all")).toBeUndefined();
    expect(datelineDate(`${"x ".repeat(400)} March 14, 2013`)).toBeUndefined();
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
