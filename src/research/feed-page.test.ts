import { describe, expect, it } from "vitest";
import { classifyAddress } from "./address-policy.js";
import { feedDate, parseFeed } from "./feed-parse.js";
import { extractPage } from "./page-extract.js";
import { EN_PAGE, enAtom, ZH_PAGE, zhRss } from "./testing/news-fixtures.js";

const O = "https://news.example";

describe("feed parsing", () => {
  it("reads RSS 2.0 with its language, CDATA summaries and RFC 822 dates", () => {
    const feed = parseFeed(zhRss(O), `${O}/feeds/zh.xml`);
    expect(feed).toMatchObject({ format: "rss", title: "东方快讯·国际", language: "zh-cn" });
    expect(feed?.items[0]).toEqual({
      url: `${O}/zh/lee-visit.html`,
      title: "李在明称愿与特朗普一同访华",
      text: "韩国总统李在明25日在华盛顿表示，愿意与美国总统特朗普一起访华。",
      publishedAt: "2025-08-26T02:42:00.000Z",
    });
    expect(feed?.items).toHaveLength(3);
  });

  it("reads Atom with relative links, escaped HTML and entities", () => {
    const feed = parseFeed(enAtom(O), `${O}/feeds/en-atom.xml`);
    expect(feed).toMatchObject({ format: "atom", title: "Harbour Post — Asia", language: "en" });
    expect(feed?.items[0]).toMatchObject({
      url: `${O}/en/lee-china-trump`,
      title: "South Korea’s Lee Jae-myung says he would visit China with Trump",
      text: "South Korean President Lee Jae-myung said he was willing to visit China together with Trump.",
      publishedAt: "2025-08-26T02:30:00.000Z",
    });
    expect(feed?.items[1]?.publishedAt).toBe("2025-08-25T22:00:00.000Z");
  });

  it("rejects what is not a feed and reads zone-less Chinese dates as China time", () => {
    expect(parseFeed("<html><body>hi</body></html>", O)).toBeNull();
    expect(parseFeed("not xml at all <<<", O)).toBeNull();
    expect(feedDate("2025-08-26 10:42", "zh-cn")).toBe("2025-08-26T02:42:00.000Z");
    expect(feedDate("2025-08-26 10:42", "en")).toBe("2025-08-26T10:42:00.000Z");
    expect(feedDate("someday", "en")).toBeNull();
  });
});

describe("page reduction", () => {
  it("keeps the article text and drops navigation, ads, sharing and scripts", () => {
    const zh = extractPage(ZH_PAGE, `${O}/zh/lee-visit.html`);
    expect(zh).toMatchObject({
      title: "李在明称愿与特朗普一同访华",
      outlet: "东方快讯",
      language: "zh",
      publishedAt: "2025-08-26T02:42:00.000Z",
    });
    expect(zh.text.split("\n")).toEqual([
      "李在明称愿与特朗普一同访华",
      "据韩联社报道，韩国总统李在明当地时间25日在华盛顿出席活动时表示，他愿意与美国总统特朗普一起访问中国。",
      "李在明当天与特朗普举行了会谈。他说，韩方希望在推动朝鲜半岛和平方面发挥作用。",
    ]);
  });

  it("dates a page from JSON-LD and names its outlet from og:site_name", () => {
    const en = extractPage(EN_PAGE, `${O}/en/lee-china-trump`);
    expect(en).toMatchObject({
      title: "South Korea's Lee Jae-myung says he would visit China with Trump",
      outlet: "Harbour Post",
      language: "en",
      publishedAt: "2025-08-26T02:30:00.000Z",
    });
    expect(en.text).not.toMatch(/Advertisement|Most read|Harbour Post Ltd/);
    const bare = extractPage(
      '<html><body><div><p>Plain page with a <time datetime="2025-08-20T08:00:00+08:00">date</time> and enough text.</p></div></body></html>',
      "https://www.example.org/a",
    );
    expect(bare).toMatchObject({ outlet: "example.org", publishedAt: "2025-08-20T00:00:00.000Z" });
  });
});

describe("address policy", () => {
  it("tells public, loopback and private addresses apart", () => {
    expect(classifyAddress("93.184.216.34")).toBe("public");
    expect(classifyAddress("2606:4700::1111")).toBe("public");
    expect(classifyAddress("127.0.0.1")).toBe("loopback");
    expect(classifyAddress("::1")).toBe("loopback");
    expect(classifyAddress("::ffff:127.0.0.1")).toBe("loopback");
    for (const ip of [
      "10.1.2.3",
      "172.20.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "fd00::1",
      "fe80::1",
      "0.0.0.0",
      "::ffff:10.0.0.1",
    ]) {
      expect(classifyAddress(ip)).toBe("private");
    }
    expect(classifyAddress("example.com")).toBe("invalid");
  });
});
