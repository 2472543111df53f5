import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import {
  asReaderHtml,
  HIDDEN_SLUGS,
  HOSTILE_HEADLINE,
  NOW,
  node,
  nodes,
  parseXml,
  publishFixtures,
  RFC822,
  RFC3339_OFFSET,
  SITE_URL,
  text,
  texts,
} from "./feed-fixtures.js";
import { JSON_FEED_VERSION } from "./json-feed.js";

const VISIBLE_NEWEST_FIRST = ["rain-beijing", "leaders-meet", "august-first", "july-story"];
const articleUrl = (slug: string) => `${SITE_URL}/news/${slug}`;

describe.each(TEST_DIALECTS)("feeds on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, NOW);
    await publishFixtures(site);
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("serves RSS 2.0 with the required channel elements and full items", async () => {
    const res = await site.request("/feed.xml");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=utf-8");
    const body = await res.text();
    const rss = node(parseXml(body).rss);
    expect(rss["@_version"]).toBe("2.0");
    const channel = node(rss.channel);
    expect(text(channel.title)).toBe("Resou");
    expect(text(channel.link)).toBe(`${SITE_URL}/`);
    expect(text(channel.description)).not.toBe("");
    expect(text(channel.lastBuildDate)).toMatch(RFC822);
    const self = node(channel["atom:link"]);
    expect(self["@_rel"]).toBe("self");
    expect(self["@_href"]).toBe(`${SITE_URL}/feed.xml`);

    const items = nodes(channel.item);
    expect(items.map((i) => text(i.link))).toEqual(VISIBLE_NEWEST_FIRST.map(articleUrl));
    for (const item of items) {
      expect(text(item.title)).not.toBe("");
      const guid = node(item.guid);
      expect(guid["@_isPermaLink"]).toBe("true");
      expect(text(guid)).toBe(text(item.link));
      expect(text(item.pubDate)).toMatch(RFC822);
      expect(text(item["dc:creator"])).not.toBe("");
    }
    const leaders = items[1] ?? {};
    // Dateline wall-clock time and Beijing's offset, not UTC.
    expect(text(leaders.pubDate)).toBe("Tue, 26 Aug 2025 09:30:00 +0800");
    expect(text(leaders["dc:creator"])).toBe("Trending on Weibo");
    // RSS text is HTML inside XML (see rssTextElement): one decode leaves the HTML entity.
    expect(texts(leaders.category)).toEqual(["News &amp; Politics", "Diplomacy", "North Korea"]);
    const content = text(leaders["content:encoded"]);
    expect(content).toContain("<strong>lead</strong>");
    expect(content).toContain("a stray ]]&gt; that must survive CDATA");
    expect(content).toContain("<h2>What happened</h2>");
    expect(content).toContain("<h2>Why it&#39;s trending</h2>");
    expect(content).toContain("Correction, <time");
    expect(content).toContain("27 August 2025");
    expect(content).toContain("misnamed the &lt;b&gt;venue&lt;/b&gt;.");
    expect(content).not.toContain("<script");
  });

  it("serves Atom 1.0 with required feed and entry elements", async () => {
    const res = await site.request("/atom.xml");
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const feed = node(parseXml(await res.text()).feed);
    expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(text(feed.id)).toBe(`${SITE_URL}/`);
    expect(text(feed.title)).toBe("Resou");
    // Feed `updated` is the newest change among its entries.
    expect(text(feed.updated)).toBe("2025-08-28T08:00:00+08:00");
    const links = nodes(feed.link);
    expect(links.find((l) => l["@_rel"] === "self")?.["@_href"]).toBe(`${SITE_URL}/atom.xml`);
    expect(links.find((l) => l["@_rel"] === "alternate")?.["@_href"]).toBe(`${SITE_URL}/`);

    const entries = nodes(feed.entry);
    expect(entries.map((e) => text(e.id))).toEqual(VISIBLE_NEWEST_FIRST.map(articleUrl));
    for (const entry of entries) {
      expect(text(entry.title)).not.toBe("");
      expect(text(entry.updated)).toMatch(RFC3339_OFFSET);
      expect(text(entry.published)).toMatch(RFC3339_OFFSET);
      const author = node(entry.author);
      expect(text(author.name)).not.toBe("");
      expect(text(author.uri)).toMatch(/^https:\/\/resou\.example\/byline\//);
      const alternate = nodes(entry.link).find((l) => l["@_rel"] === "alternate");
      expect(alternate?.["@_href"]).toBe(text(entry.id));
      expect(node(entry.content)["@_type"]).toBe("html");
    }
    const leaders = entries[1] ?? {};
    expect(text(leaders.published)).toBe("2025-08-26T09:30:00+08:00");
    expect(text(leaders.content)).toContain("<h2>What&#39;s next</h2>");
    expect(nodes(leaders.category).map((c) => c["@_term"])).toEqual([
      "News & Politics",
      "Diplomacy",
      "North Korea",
    ]);
  });

  it("serves JSON Feed 1.1 with ids, full HTML and zoned dates", async () => {
    const res = await site.request("/feed.json");
    expect(res.headers.get("content-type")).toBe("application/feed+json; charset=utf-8");
    const feed = (await res.json()) as {
      version: string;
      title: string;
      home_page_url: string;
      feed_url: string;
      items: {
        id: string;
        url: string;
        title: string;
        content_html: string;
        date_published: string;
        date_modified: string;
        authors: { name: string; url: string }[];
      }[];
    };
    expect(feed.version).toBe(JSON_FEED_VERSION);
    expect(feed.title).toBe("Resou");
    expect(feed.home_page_url).toBe(`${SITE_URL}/`);
    expect(feed.feed_url).toBe(`${SITE_URL}/feed.json`);
    expect(feed.items.map((i) => i.id)).toEqual(VISIBLE_NEWEST_FIRST.map(articleUrl));
    for (const item of feed.items) {
      expect(item.content_html).not.toBe("");
      expect(item.date_published).toMatch(RFC3339_OFFSET);
      expect(item.date_modified).toMatch(RFC3339_OFFSET);
      expect(item.authors[0]?.url).toMatch(/^https:\/\/resou\.example\/byline\//);
    }
    expect(feed.items[0]?.title).toBe(HOSTILE_HEADLINE);
    expect(feed.items[1]?.content_html).toContain("<h2>What happened</h2>");
  });

  it("keeps markup in a headline as text in every format", async () => {
    for (const path of ["/feed.xml", "/atom.xml"]) {
      const body = await (await site.request(path)).text();
      expect(body).not.toContain("<script");
    }
    const atomBody = await (await site.request("/atom.xml")).text();
    expect(atomBody).toContain("Rain &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;");
    // RSS titles are read as HTML, so the text is escaped for HTML and then for XML.
    const rssBody = await (await site.request("/feed.xml")).text();
    expect(rssBody).toContain("Rain &amp;lt;script&amp;gt;alert(&amp;quot;x&amp;quot;)");
    const rss = node(node(parseXml(rssBody).rss).channel);
    expect(asReaderHtml(text(nodes(rss.item)[0]?.title)).text).toBe(HOSTILE_HEADLINE);
    const atom = node(parseXml(await (await site.request("/atom.xml")).text()).feed);
    expect(text(nodes(atom.entry)[0]?.title)).toBe(HOSTILE_HEADLINE);
  });

  it("never lists scheduled, future, unpublished or draft articles", async () => {
    for (const path of ["/feed.xml", "/atom.xml", "/feed.json", "/category/society/feed.xml"]) {
      const body = await (await site.request(path)).text();
      for (const slug of HIDDEN_SLUGS) expect(body, `${path} ${slug}`).not.toContain(slug);
    }
  });

  it("serves per-category feeds with their own self links", async () => {
    const rss = node(
      node(parseXml(await (await site.request("/category/society/feed.xml")).text()).rss).channel,
    );
    expect(text(rss.title)).toBe("Resou: Society");
    expect(text(rss.link)).toBe(`${SITE_URL}/category/society`);
    expect(nodes(rss.item).map((i) => text(i.link))).toEqual([articleUrl("rain-beijing")]);

    const atom = node(
      parseXml(await (await site.request("/category/news-politics/atom.xml")).text()).feed,
    );
    const self = nodes(atom.link).find((l) => l["@_rel"] === "self");
    expect(self?.["@_href"]).toBe(`${SITE_URL}/category/news-politics/atom.xml`);
    expect(nodes(atom.entry).map((e) => text(e.id))).toEqual([articleUrl("leaders-meet")]);

    const json = (await (await site.request("/category/sports/feed.json")).json()) as {
      feed_url: string;
      items: { id: string }[];
    };
    expect(json.feed_url).toBe(`${SITE_URL}/category/sports/feed.json`);
    expect(json.items.map((i) => i.id)).toEqual([articleUrl("july-story")]);

    expect((await site.request("/category/no-such-desk/feed.xml")).status).toBe(404);
  });

  it("answers conditional requests with 304 and sends cache tags", async () => {
    const first = await site.request("/atom.xml");
    const etag = first.headers.get("etag") ?? "";
    const lastModified = first.headers.get("last-modified") ?? "";
    expect(etag).not.toBe("");
    expect(new Date(lastModified).toISOString()).toBe("2025-08-28T00:00:00.000Z");
    expect(first.headers.get("cache-tag")).toContain("feed");
    const byEtag = await site.request("/atom.xml", { headers: { "If-None-Match": etag } });
    expect(byEtag.status).toBe(304);
    const byDate = await site.request("/atom.xml", {
      headers: { "If-Modified-Since": lastModified },
    });
    expect(byDate.status).toBe(304);
    const stale = await site.request("/atom.xml", { headers: { "If-None-Match": '"old"' } });
    expect(stale.status).toBe(200);
  });

  it("stops answering 304 to a date-only client once a listed article is withdrawn", async () => {
    const first = await site.request("/feed.xml");
    const since = first.headers.get("last-modified") ?? "";
    await site.publish({
      slug: "leaders-meet",
      status: "unpublished",
      headline: "Leaders meet at the border",
      published_at: "2025-08-26T09:30:00+08:00",
    });
    const again = await site.request("/feed.xml", { headers: { "If-Modified-Since": since } });
    expect(again.status).toBe(200);
    expect(await again.text()).not.toContain("leaders-meet");
    const sitemap = await site.request("/sitemaps/articles-2025-08.xml", {
      headers: { "If-Modified-Since": since },
    });
    expect(sitemap.status).toBe(200);
    expect(await sitemap.text()).not.toContain("leaders-meet");
  });
});

describe.each(TEST_DIALECTS)("feed size on %s", (dialect) => {
  let site: SiteHarness;
  beforeEach(async () => {
    site = await createSiteHarness(dialect, NOW);
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("holds the 50 most recent items and dates the feed by the newest", async () => {
    const day = (n: number) => `2025-08-${String(n).padStart(2, "0")}`;
    const inputs = Array.from({ length: 55 }, (_, i) => ({
      slug: `bulk-${i}`,
      // Spread over 1–27 August, two a day, so order is by time and not by insertion.
      published_at: `${day(1 + Math.floor(i / 2))}T${i % 2 ? "15" : "09"}:00:00+08:00`,
    }));
    await site.publish(...inputs);
    const json = (await (await site.request("/feed.json")).json()) as { items: { id: string }[] };
    expect(json.items).toHaveLength(50);
    expect(json.items[0]?.id).toBe(articleUrl("bulk-54"));
    expect(json.items.at(-1)?.id).toBe(articleUrl("bulk-5"));
    const rss = node(node(parseXml(await (await site.request("/feed.xml")).text()).rss).channel);
    expect(nodes(rss.item)).toHaveLength(50);
    expect(text(rss.lastBuildDate)).toBe("Thu, 28 Aug 2025 09:00:00 +0800");
  });

  it("serves a valid empty feed when nothing is public", async () => {
    const atom = node(parseXml(await (await site.request("/atom.xml")).text()).feed);
    expect(text(atom.updated)).toMatch(RFC3339_OFFSET);
    expect(atom.entry).toBeUndefined();
  });
});
