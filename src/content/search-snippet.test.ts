import { describe, expect, it } from "vitest";
import { inflectionRoot, makeSnippet, markSnippet } from "./search-snippet.js";
import { parseQuery } from "./search-terms.js";

const snippet = (text: string, query: string) => markSnippet(makeSnippet(text, parseQuery(query)));

describe("inflectionRoot", () => {
  it("joins the inflections a stemmer joins, and only those", () => {
    for (const [a, b] of [
      ["killed", "kills"],
      ["killing", "kill"],
      ["rulings", "rule"],
      ["carried", "carries"],
      ["stopped", "stop"],
      ["actresses", "actress"],
      ["Courts", "court"],
    ] as const)
      expect(inflectionRoot(a), `${a} ~ ${b}`).toBe(inflectionRoot(b));
    expect(inflectionRoot("presidential")).not.toBe(inflectionRoot("president"));
    expect(inflectionRoot("2024")).toBe("2024");
  });
});

describe("makeSnippet", () => {
  it("marks every form of the query words", () => {
    expect(
      snippet("Judges ruled on the appeals; the court's ruling stands.", "court ruling appeal"),
    ).toBe(
      "Judges <mark>ruled</mark> on the <mark>appeals</mark>; the <mark>court</mark>&#39;s <mark>ruling</mark> stands.",
    );
  });

  it("marks words starting with a prefix, not words containing it", () => {
    expect(snippet("Elected officials said the re-election of electors was set.", "elect*")).toBe(
      "<mark>Elected</mark> officials said the re-<mark>election</mark> of <mark>electors</mark> was set.",
    );
    expect(snippet("Unelected", "elect*")).toBe("Unelected");
  });

  it("marks Chinese words inside longer runs", () => {
    expect(snippet("网友说：特朗普称与金正恩关系非常好。", "金正恩")).toBe(
      "网友说：特朗普称与<mark>金正恩</mark>关系非常好。",
    );
  });

  it("marks each word of a phrase", () => {
    expect(snippet("The prime minister met another minister.", '"prime minister"')).toBe(
      "The <mark>prime</mark> <mark>minister</mark> met another <mark>minister</mark>.",
    );
  });

  it("escapes hostile article text and ignores marker characters in it", () => {
    const html = snippet('<img src=x onerror="alert(1)"> \u0002summit\u0003 & more', "summit");
    expect(html).toBe(
      "&#60;img src=x onerror=&#34;alert(1)&#34;&#62; <mark>summit</mark> &#38; more",
    );
    expect(snippet("<b>summit</b>", "b")).toBe(
      "&#60;<mark>b</mark>&#62;summit&#60;/<mark>b</mark>&#62;",
    );
  });

  it("shows the passage with the most query words, cut at word boundaries", () => {
    const filler = "Nothing to see in this sentence at all. ".repeat(20);
    const text = `${filler}A fire broke out. ${filler}The fire killed two people. ${filler}`;
    const html = snippet(text, "fire killed");
    expect(html).toContain("The <mark>fire</mark> <mark>killed</mark> two people.");
    expect(html.startsWith("…")).toBe(true);
    expect(html.endsWith(" …")).toBe(true);
    expect(html).not.toMatch(/…\S*[a-z]…/);
    expect(html.length).toBeLessThan(400);
  });

  it("shows the opening when the text has no match, and copes with huge or empty input", () => {
    expect(snippet("Short text.", "summit")).toBe("Short text.");
    expect(snippet("", "summit")).toBe("");
    expect(snippet("Some words here.", "***")).toBe("Some words here.");
    const long = `${"word ".repeat(20_000)}summit`;
    expect(snippet(long, "summit").length).toBeLessThan(400);
    expect(snippet("a ".repeat(5000), "a b c d e f g h i j k l m n o p").length).toBeLessThan(3000);
  });

  it("never splits a character outside the BMP", () => {
    const text = `${"😀".repeat(200)} summit`;
    const html = snippet(text, "summit");
    expect(html).toContain("<mark>summit</mark>");
    expect(html).not.toMatch(
      /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/,
    );
  });
});
