import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { silentLogger } from "../../src/core/log.js";
import { type Running, startResou } from "../../src/runtime/start.js";
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from "../support/chromium.js";

const SHOTS = SCREENSHOTS;
const ARTICLE = "/news/demo-typhoon-evacuation-drill";

/** The text of an element the reader can see; fails when it is hidden. */
async function visibleText(locator: Locator): Promise<string> {
  expect(await locator.isVisible()).toBe(true);
  return ((await locator.textContent()) ?? "").replace(/\s+/g, " ").trim();
}

describe("an article page in a real browser", () => {
  let dataDir: string;
  let running: Running;
  let browser: Browser;
  let context: BrowserContext;
  let origin: string;
  const problems: string[] = [];

  /** A page that records every console error and uncaught exception as a failure. */
  async function openPage(path: string, width = 1280): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    const response = await page.goto(`${origin}${path}`, { waitUntil: "load" });
    expect(response?.status()).toBe(200);
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`,
      );
    }
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "resou-browser-"));
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: `sqlite:${join(dataDir, "resou.db")}`,
      DEMO_CONTENT: "1",
      ROLES: "web",
      LOG_LEVEL: "silent",
    });
    running = await startResou(config, silentLogger);
    origin = `http://127.0.0.1:${running.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    context = await browser.newContext({ locale: "en-GB" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await running?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows headline, dateline, byline, category, hashtag, share links and related list", async () => {
    const page = await openPage(ARTICLE);
    const headline = page.getByRole("heading", { level: 1 });
    await expect(headline.textContent()).resolves.toBe(
      "A Coastal City's Typhoon Drill Goes Viral as Residents Film Every Step",
    );
    expect(await headline.isVisible()).toBe(true);
    const dateline = page.locator("time.dateline");
    expect(await dateline.isVisible()).toBe(true);
    expect(await dateline.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}$/);
    expect(await visibleText(page.locator(".byline"))).toBe("By Resou Desk");
    const category = page.locator(".kicker a");
    expect(await category.isVisible()).toBe(true);
    expect(await category.textContent()).toBe("News & Politics");
    expect(await visibleText(page.locator(".hashtag-box"))).toContain("#台风撤离演练#");

    const share = page.getByRole("region", { name: "Share this article" });
    expect(await share.isVisible()).toBe(true);
    const networks = share.locator("a[data-network]");
    expect(await networks.count()).toBe(8);
    for (const link of await networks.all()) expect(await link.isVisible()).toBe(true);

    const related = page.getByRole("region", { name: "Related Articles" });
    expect(await related.isVisible()).toBe(true);
    // The follow-up story shares the typhoon tag: whatever rule ranks related articles,
    // it belongs in the list, shown with title, byline, category and short date (and, being
    // demo content, marked as such).
    const followUp = related.locator("li").filter({
      hasText: "After the Storm Drill, Parents Ask: Who Decides When Schools Close?",
    });
    expect(await followUp.count()).toBe(1);
    expect(await visibleText(followUp.locator(".meta"))).toMatch(
      /^Lin Qiaoyu · News & Politics · \d{1,2} [A-Z][a-z]{2} \d{4} · Demo article$/,
    );
    await page.screenshot({ path: join(SHOTS, "article.png"), fullPage: true });
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("copies the article link and says so", async () => {
    const page = await openPage(ARTICLE);
    const expected = await page.locator("[data-share]").getAttribute("data-url");
    expect(expected).toMatch(/\/news\/demo-typhoon-evacuation-drill$/);
    const copy = page.getByRole("button", { name: "Copy link" });
    expect(await copy.isVisible()).toBe(true);
    await copy.click();
    const status = page.locator("[data-share-status]");
    await status.filter({ hasText: "Link copied" }).waitFor({ timeout: 5_000 });
    expect(await visibleText(status)).toBe("Link copied to the clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    await page.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it("renders the home page and a narrow mobile article without errors", async () => {
    const home = await openPage("/");
    expect(await home.locator("main h2, main h3").count()).toBeGreaterThanOrEqual(5);
    await home.screenshot({ path: join(SHOTS, "home.png"), fullPage: true });
    await home.close();

    const mobile = await openPage(ARTICLE, 390);
    const overflow = await mobile.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await mobile.getByRole("heading", { level: 1 }).isVisible()).toBe(true);
    await mobile.screenshot({ path: join(SHOTS, "mobile-article.png"), fullPage: true });
    await mobile.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
