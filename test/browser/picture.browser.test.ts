import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { systemClock } from "../../src/core/clock.js";
import { silentLogger } from "../../src/core/log.js";
import { systemContext } from "../../src/newsroom/audit-log.js";
import { setLeadPicture } from "../../src/newsroom/commands/picture-commands.js";
import { newsroomDeps } from "../../src/newsroom/newsroom-deps.js";
import { type Running, startResou } from "../../src/runtime/start.js";
import { CHROMIUM, CHROMIUM_ARGS } from "../support/chromium.js";

const ALT = "Residents in raincoats watch a drill on the sea wall";

/** A 2000×1250 picture, so every variant width (480 to 1600) exists. */
async function leadImage(): Promise<Buffer> {
  const width = 2000;
  const height = 1250;
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < pixels.length; i++) {
    const x = Math.floor(i / 3) % width;
    const y = Math.floor(i / 3 / width);
    pixels[i] = ((x >> 3) * (1 + (i % 3)) + (y >> 2)) % 256;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg()
    .toBuffer();
}

describe("an article's lead picture in a real browser", () => {
  let dataDir: string;
  let running: Running;
  let browser: Browser;
  let origin: string;
  let path: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "resou-picture-browser-"));
    const config = loadConfig({
      PORT: "0",
      DATABASE_URL: `sqlite:${join(dataDir, "resou.db")}`,
      DEMO_CONTENT: "1",
      ROLES: "web",
      LOG_LEVEL: "silent",
    });
    running = await startResou(config, silentLogger);
    origin = `http://127.0.0.1:${running.port}`;
    const article = await running.database.db
      .selectFrom("article")
      .select(["id", "slug"])
      .where("status", "=", "published")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    path = `/news/${article.slug}`;
    // Through the same command the newsroom form calls; the media store is DATA_DIR's default.
    const deps = newsroomDeps({
      database: running.database,
      config,
      clock: systemClock,
      log: silentLogger,
    });
    const outcome = await setLeadPicture(
      { deps, audit: systemContext },
      article.id,
      await leadImage(),
      {
        alt: ALT,
        caption: "The drill drew crowds",
        credit: "Resou",
      },
    );
    expect(outcome.kind).toBe("saved");
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    [390, 480],
    [1280, 800],
  ])(
    "at %i px: has alt text, loads the %i-wide variant and shifts nothing",
    async (width, expected) => {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        deviceScaleFactor: 1,
        locale: "en-GB",
      });
      const page = await context.newPage();
      // Collects layout shifts from the first paint on (buffered), as CLS counts them.
      await page.addInitScript(() => {
        const w = window as unknown as { __shift: number };
        w.__shift = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as {
            value: number;
            hadRecentInput: boolean;
          }[]) {
            if (!entry.hadRecentInput) w.__shift += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
      });
      const response = await page.goto(`${origin}${path}`, { waitUntil: "load" });
      expect(response?.status()).toBe(200);
      const img = page.locator(".lead-picture img");
      await img.waitFor();
      const facts = await img.evaluate(async (el: HTMLImageElement) => {
        await el.decode();
        const box = el.getBoundingClientRect();
        return {
          alt: el.alt,
          src: el.currentSrc,
          // Every variant the page fetched: only the chosen one may be among them.
          fetched: performance
            .getEntriesByType("resource")
            .map((e) => e.name)
            .filter((n) => n.includes("/media/lead/")),
          shown: Math.round(box.width),
          ratio: box.width / box.height,
          loading: el.loading,
        };
      });
      expect(facts.alt).toBe(ALT);
      expect(facts.loading).toBe("eager");
      expect(facts.src).toMatch(new RegExp(`/media/lead/[0-9a-f]{32}/${expected}\\.avif$`));
      expect(facts.fetched).toEqual([facts.src]);
      expect(facts.shown).toBeLessThanOrEqual(expected);
      expect(facts.ratio).toBeCloseTo(2000 / 1250, 2);
      // Let anything late (fonts, the share script) settle before reading the shifts.
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (window as unknown as { __shift: number }).__shift)).toBe(0);
      await context.close();
    },
  );
});
