import { JSDOM } from "jsdom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { createApp } from "../../app/create-app.js";
import { recordHealth } from "../source-health.js";
import { ingestCapture } from "../testing/ingest-capture.js";
import { mWeiboCnCaptures } from "../testing/weibo-fixtures.js";
import { setTopicTitleEn } from "../topic-store.js";
import { hotSearchNow, topicFactsForHashtag } from "../trend-queries.js";
import { HashtagTrendBox } from "./hashtag-trend-box.js";
import { rankHeatChartSvg } from "./rank-chart-svg.js";

const dom = (html: string) => new JSDOM(html).window.document;

describe.each(TEST_DIALECTS)("trends pages on %s", (dialect) => {
  let site: SiteHarness;
  let request: (path: string) => Promise<Response>;
  beforeEach(async () => {
    site = await createSiteHarness(dialect);
    const app = createApp(site.deps);
    request = async (path) => app.request(path);
    const captures = mWeiboCnCaptures();
    for (const capture of captures.slice(0, 16)) await ingestCapture(site.database, capture.body);
  });
  afterEach(async () => {
    await site.destroy();
  });

  it("shows the hot search now with movement, age, sparkline and our coverage", async () => {
    const top = (await hotSearchNow(site.database.db)).rows[0];
    await site.publish({
      slug: "top-story",
      headline: "Why the top topic trends",
      hashtag: `#${top?.word}#`,
    });
    const res = await request("/trends");
    expect(res.status).toBe(200);
    const doc = dom(await res.text());
    const rows = [...doc.querySelectorAll("table.trend-table tbody tr")];
    expect(rows).toHaveLength(50);
    expect(rows[0]?.querySelector("td")?.textContent).toBe("1");
    expect(doc.querySelectorAll("svg.trend-sparkline[role=img][aria-label]")).toHaveLength(50);
    expect(doc.querySelector('a[href^="/trends/topic/"]')).not.toBeNull();
    const moves = rows.map((r) => r.querySelectorAll("td")[3]?.textContent ?? "");
    expect(moves.some((m) => /^[▲▼=]/.test(m))).toBe(true);
    expect(doc.querySelector("h1")?.textContent).toBe("Hot search now");
    expect(rows[0]?.querySelector('a[href="/news/top-story"]')?.textContent).toBe(
      "Why the top topic trends",
    );
  });

  it("renders a topic page with an accessible SVG chart and the facts", async () => {
    const facts = await topicFactsForHashtag(site.database.db, "九三盛大阅兵");
    const res = await request(`/trends/topic/${facts?.id}`);
    expect(res.status).toBe(200);
    const doc = dom(await res.text());
    const svg = doc.querySelector("svg.trend-chart");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg?.querySelector("title")?.textContent).toBe(
      "Rank and heat of #九三盛大阅兵# on Weibo's hot search list",
    );
    expect(svg?.querySelector("desc")?.textContent).toContain("best rank 2, highest heat 648,472");
    expect(svg?.querySelectorAll("circle")).toHaveLength(5);
    const facts_ = [...doc.querySelectorAll("dl.trend-facts dd")].map((d) => d.textContent);
    expect(facts_).toContain("4 hours 5 minutes");
    expect(doc.querySelector("p.dek")?.textContent).toBe("Off the list");
    await setTopicTitleEn(site.database.db, facts?.id ?? 0, "Grand military parade", new Date());
    const translated = dom(await (await request(`/trends/topic/${facts?.id}`)).text());
    expect(translated.querySelector("h1")?.textContent).toBe(
      "#九三盛大阅兵# — Grand military parade",
    );
    expect((await request("/trends/topic/999999")).status).toBe(404);
  });

  it("shows source health to operators, not indexed", async () => {
    await recordHealth(site.database.db, "m-weibo-cn", new Date("2025-08-27T11:59:00Z"), {
      ok: false,
      reason: "blocked",
      detail: "HTTP 432",
      httpStatus: 432,
    });
    const res = await request("/trends/status");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-robots-tag")).toBe("noindex");
    const doc = dom(await res.text());
    const first = doc.querySelector("table tbody tr");
    expect(first?.textContent).toContain("m-weibo-cn");
    expect(first?.textContent).toContain("failing");
    expect(first?.textContent).toContain("HTTP 432");
  });

  it("gives the article hashtag box its peak rank, peak heat, time on list and chart", async () => {
    const facts = await topicFactsForHashtag(site.database.db, "#九三盛大阅兵#");
    if (!facts) throw new Error("missing");
    const html = String(await (<HashtagTrendBox facts={facts} timeZone="Asia/Shanghai" />));
    const doc = dom(html);
    expect([...doc.querySelectorAll("dd")].map((d) => d.textContent)).toEqual([
      "2",
      "648,472",
      "4 hours 5 minutes",
    ]);
    expect(doc.querySelector("svg title")).not.toBeNull();
  });
});

describe("rank/heat chart", () => {
  it("is a pure function of its points and escapes text", () => {
    const points = [
      { at: "2025-08-26T04:28:23Z", rank: 2, heat: 648472 },
      { at: "2025-08-26T05:24:12Z", rank: 4, heat: 428052 },
    ];
    const opts = { title: "<b>x</b>", desc: "a & b", formatTime: (s: string) => s.slice(11, 16) };
    const svg = rankHeatChartSvg(points, opts);
    expect(svg).toBe(rankHeatChartSvg(points, opts));
    expect(svg).toContain('<title id="chart-title">&lt;b&gt;x&lt;/b&gt;</title>');
    expect(svg).toContain('<desc id="chart-desc">a &amp; b</desc>');
    expect(rankHeatChartSvg([], opts)).toContain("No data");
  });
});
