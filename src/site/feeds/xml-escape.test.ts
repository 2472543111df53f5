import { describe, expect, it } from "vitest";
import { asReaderHtml, node, parseXml, text } from "./feed-fixtures.js";
import { rfc822Date } from "./rss.js";
import { cdata, escapeXml, rssTextElement, xmlElement } from "./xml-escape.js";

describe("escapeXml and cdata", () => {
  it("escapes the five XML specials for text and attributes", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;",
    );
    const xml = `<root>${xmlElement("t", `<b>"x" & 'y'</b>`, { title: `a"b<c>` })}</root>`;
    const t = node(node(parseXml(xml).root).t);
    expect(t["@_title"]).toBe(`a"b<c>`);
    expect(text(t)).toBe(`<b>"x" & 'y'</b>`);
  });

  it("drops characters XML 1.0 cannot carry, keeping tab, newlines and astral text", () => {
    expect(escapeXml("a\u0000b\u0008c\u000bd\u001fe\ufffff\td\ne\r🙂热")).toBe(
      "abcdef\td\ne\r🙂热",
    );
    expect(escapeXml("lone \ud800 surrogate")).toBe("lone  surrogate");
  });

  it("keeps `]]>` inside CDATA by splitting the section", () => {
    const body = "<p>before ]]> after ]]]]> end</p>";
    const wrapped = cdata(body);
    expect(wrapped.match(/\]\]>/g)?.length).toBe(3);
    expect(text(node(parseXml(`<root><c>${wrapped}</c></root>`).root).c)).toBe(body);
  });
});

describe("rssTextElement", () => {
  it("escapes for HTML, then for XML, so a reader's HTML parser shows the typed text", () => {
    const typed = `<svg onload=alert(1)> & &amp; "q" 'a'`;
    const element = rssTextElement("title", typed, { domain: "https://x.example/?a=1&b=2" });
    expect(element).toBe(
      `<title domain="https://x.example/?a=1&amp;b=2">&amp;lt;svg onload=alert(1)&amp;gt; &amp;amp; &amp;amp;amp; &amp;quot;q&amp;quot; &amp;#39;a&amp;#39;</title>`,
    );
    const title = node(parseXml(`<root>${element}</root>`).root).title;
    expect(node(title)["@_domain"]).toBe("https://x.example/?a=1&b=2");
    expect(asReaderHtml(text(title))).toEqual({ text: typed, elements: [] });
  });
});

describe("rfc822Date", () => {
  it("writes the wall-clock time and offset of the zone", () => {
    expect(rfc822Date("2025-08-26T01:30:00.000Z", "Asia/Shanghai")).toBe(
      "Tue, 26 Aug 2025 09:30:00 +0800",
    );
    expect(rfc822Date("2025-01-05T23:00:00.000Z", "America/New_York")).toBe(
      "Sun, 05 Jan 2025 18:00:00 -0500",
    );
    expect(rfc822Date("2025-12-31T23:59:59.000Z", "UTC")).toBe("Wed, 31 Dec 2025 23:59:59 +0000");
  });
});
