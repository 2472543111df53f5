import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { articleInput } from "../../src/content/article-input.js";
import { saveArticles } from "../../src/content/article-store.js";
import { silentLogger } from "../../src/core/log.js";
import { type Running, startResou } from "../../src/runtime/start.js";
import { hotSearchNow } from "../../src/trends/trend-queries.js";
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from "../support/chromium.js";

/** Phone and desktop, the widths the front page is judged at. */
const WIDTHS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

describe("the front page in a real browser", () => {
  let dataDir: string;
  let running: Running;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;
  let coveredSlug: string;
  const problems: string[] = [];

  /**
   * Opens the home page with a layout-shift observer installed before any of the page runs,
   * and waits until every image above the fold has loaded, so late shifts would be counted.
   */
  async function openHome(width: number, height: number): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console at ${width}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error at ${width}: ${e.message}`));
    await page.addInitScript(() => {
      const w = window as unknown as { __shifts: number[] };
      w.__shifts = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          const shift = entry as PerformanceEntry & { value: number; hadRecentInput: boolean };
          if (!shift.hadRecentInput) w.__shifts.push(shift.value);
        }
      }).observe({ type: "layout-shift", buffered: true });
    });
    const response = await page.goto(`${origin}/`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    await page.waitForFunction(() =>
      [...document.images]
        .filter((img) => img.getBoundingClientRect().top < window.innerHeight)
        .every((img) => img.complete && img.naturalWidth > 0),
    );
    return page;
  }

  const box = (page: Page, selector: string): Promise<Box | null> =>
    page.evaluate((s) => {
      const r = document.querySelector(s)?.getBoundingClientRect();
      return r ? { top: r.top, bottom: r.bottom, left: r.left, right: r.right } : null;
    }, selector);

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`,
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "resou-home-"));
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: `sqlite:${join(dataDir, "resou.db")}`,
      DATA_DIR: dataDir,
      DEMO_CONTENT: "1",
      DEMO_TRENDS: "1",
      ROLES: "web",
      LOG_LEVEL: "silent",
    });
    // The first start loads the demo articles and the recorded hot-search day.
    running = await startResou(config, silentLogger);
    origin = `http://127.0.0.1:${running.port}`;
    // A story about the third topic (older than the demo articles, so it stays out of the
    // lead and the grid): the trending module must link to it.
    const db = running.database.db;
    const topic = (await hotSearchNow(db)).rows.filter((r) => !r.isCommercial)[2];
    if (!topic) throw new Error("the replayed day has no third topic");
    coveredSlug = "why-this-topic-trends";
    await saveArticles(
      db,
      [
        articleInput.parse({
          slug: coveredSlug,
          headline: "Why this topic trended on Weibo",
          category: "Society",
          hashtag: topic.word,
          lead: "A lead paragraph.",
          published_at: "2025-08-26T18:00:00+08:00",
        }),
      ],
      {
        dialect: running.database.dialect,
        now: new Date(),
        deskByline: config.DESK_BYLINE,
        timeZone: config.TIME_ZONE,
      },
    );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ locale: "en-GB" });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  for (const { width, height } of WIDTHS) {
    it(`shows the first story, headline and picture, without scrolling at ${width} px`, async () => {
      const page = await openHome(width, height);
      const headline = await box(page, ".lead-story h2");
      const picture = await box(page, ".lead-story .lead-picture img");
      expect(headline).not.toBeNull();
      expect(picture).not.toBeNull();
      for (const b of [headline, picture]) {
        expect(b?.top).toBeGreaterThanOrEqual(0);
        expect(b?.bottom).toBeLessThanOrEqual(height);
        expect(b?.right).toBeLessThanOrEqual(width);
      }
      expect(
        await page.locator(".lead-story .lead-picture img").evaluate((img: HTMLImageElement) => ({
          loaded: img.complete && img.naturalWidth > 0,
          alt: img.hasAttribute("alt"),
        })),
      ).toEqual({ loaded: true, alt: true });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      // Scroll through the whole page so lazy pictures load, then count every shift.
      await page.evaluate(async () => {
        for (let y = 0; y < document.body.scrollHeight; y += window.innerHeight / 2) {
          window.scrollTo(0, y);
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 30)));
        }
        window.scrollTo(0, 0);
      });
      await page.waitForFunction(() =>
        [...document.images].every((img) => img.complete && img.naturalWidth > 0),
      );
      const shifts = await page.evaluate(
        () => (window as unknown as { __shifts: number[] }).__shifts,
      );
      expect(shifts).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `home-${width}.png`), fullPage: true });
      await page.screenshot({ path: join(SCREENSHOTS, `home-${width}-first-screen.png`) });
      await page.close();
      expect(problems).toEqual([]);
    }, 90_000);

    it(`repeats no story and lists at most 10 trending topics with links at ${width} px`, async () => {
      const page = await openHome(width, height);
      const stories = await page.$$eval(
        ".lead-story h2 a, .top-stories .card h3 a, .category-row .card h3 a",
        (links) => links.map((a) => a.getAttribute("href")),
      );
      expect(stories.length).toBeGreaterThanOrEqual(10);
      expect(new Set(stories).size).toBe(stories.length);
      expect(await page.locator(".category-row").count()).toBeGreaterThanOrEqual(2);

      const trending = page.getByRole("region", { name: "Trending on Weibo" });
      expect(await trending.isVisible()).toBe(true);
      const items = trending.locator("ol.trending-list > li");
      const count = await items.count();
      expect(count).toBeGreaterThan(0);
      expect(count).toBeLessThanOrEqual(10);
      for (const item of await items.all()) {
        const topic = item.locator('a[href^="/trends/topic/"]');
        expect(await topic.count()).toBe(1);
        expect(await topic.isVisible()).toBe(true);
      }
      const ours = trending.locator(`a[href="/news/${coveredSlug}"]`);
      expect(await ours.isVisible()).toBe(true);
      expect(await ours.textContent()).toBe("Why this topic trended on Weibo");
      // A replayed day says so, with its date.
      expect(await trending.locator(".replay-note").textContent()).toContain(
        "Replay of 26 August 2025",
      );
      await page.close();
      expect(problems).toEqual([]);
    }, 90_000);
  }

  it("keeps the first story in view at 768 and 1920 px too", async () => {
    for (const [width, height] of [
      [768, 1024],
      [1920, 1080],
    ] as const) {
      const page = await openHome(width, height);
      const headline = await box(page, ".lead-story h2");
      expect(headline?.bottom).toBeLessThanOrEqual(height);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SCREENSHOTS, `home-${width}.png`), fullPage: true });
      await page.close();
    }
    expect(problems).toEqual([]);
  }, 120_000);
});
