import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS } from "../support/chromium.js";
import { SCAN_SCRIPT } from "../support/xss-dom-scan.js";
import { probeSite, startXssSite, type XssSite } from "../support/xss-probe.js";
import { loadVectors } from "../support/xss-vectors.js";

// The fast tier of the XSS corpus (test/fixtures/xss/vectors.txt, lines marked `F`) through
// every field, page, newsroom screen and feed; `npm run bench -- hostile` runs all of it.
describe("the fast XSS corpus in Chromium", () => {
  let site: XssSite;
  let browser: Browser;
  const vectors = loadVectors("fast");

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install chromium`);
    site = await startXssSite(vectors);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  // The probe's own check: each kind of breach it looks for is reported when present, so a
  // clean run means clean pages and not a blind scanner.
  it("detects a dialog, handlers, script URLs and foreign elements when they are there", async () => {
    const context = await browser.newContext();
    await context.route("**/*", (route) => route.abort());
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setContent(
      [
        "<img src=x onerror=alert(1)>",
        "<a href=' jav&#x09;ascript:alert(2)'>a</a>",
        "<svg><a xlink:href='javascript:alert(3)'><text>t</text></a></svg>",
        "<math><mi>x</mi></math><form action=/elsewhere></form><iframe src=/x></iframe>",
        "<script>1</script><base href=/x/><div style='background:url(javascript:alert(4))'></div>",
      ].join(""),
    );
    await expect.poll(() => dialogs).toEqual(["1"]);
    const problems = (await page.evaluate(SCAN_SCRIPT)) as string[];
    for (const expected of [
      /^handler onerror/,
      /^script URL in href/,
      /^script URL in xlink:href/,
      /^foreign <svg>/,
      /^foreign <math>/,
      /^foreign <form>/,
      /^foreign <iframe>/,
      /^foreign <script>/,
      /^foreign <base>/,
      /^script in style/,
    ]) {
      expect(
        problems.some((p) => expected.test(p)),
        String(expected),
      ).toBe(true);
    }
    await context.close();
  });

  it("runs no script, leaves no handler, script URL or foreign element, and trips no CSP rule", async () => {
    expect(vectors.length).toBeGreaterThanOrEqual(40);
    const report = await probeSite(browser, site, { thorough: false });
    expect(report.findings).toEqual([]);
    expect(report.dialogs).toBe(0);
    expect(report.cspViolations).toBe(0);
    // Every vector went through the stored fields, not only the ones the rules reject.
    expect(site.seed.seeded).toHaveLength(vectors.length);
    expect(report.readerDocuments).toBe(3);
  }, 600_000);
});
