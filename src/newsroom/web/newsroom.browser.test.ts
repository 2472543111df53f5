import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from "../../../test/support/chromium.js";
import { TEST_PASSWORD, TEST_PASSWORD_COST } from "../../../test/support/newsroom-harness.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database.js";
import { seedTrends } from "../../../test/support/trend-fixtures.js";
import { createApp } from "../../app/create-app.js";
import { loadConfig } from "../../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../../content/categories.js";
import { systemClock } from "../../core/clock.js";
import { silentLogger } from "../../core/log.js";
import { systemContext } from "../audit-log.js";
import { createUser } from "../commands/user-commands.js";

const SHOTS = SCREENSHOTS;

// The real site app (CSP and all) on a real socket, driven by Debian's Chromium.
describe.skipIf(!existsSync(CHROMIUM))("newsroom in a browser", () => {
  let database: TestDatabase;
  let browser: Browser;
  let server: ReturnType<typeof serve>;
  let base = "";

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase("sqlite");
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    await seedTrends(database.db);
    await createUser(
      database.db,
      {
        email: "editor@resou.example",
        displayName: "Eddie Editor",
        role: "editor",
        password: TEST_PASSWORD,
      },
      systemContext,
      new Date(),
      TEST_PASSWORD_COST,
    );
    const port = await new Promise<number>((resolve) => {
      server = serve(
        { fetch: (request) => app.fetch(request), port: 0, hostname: "127.0.0.1" },
        (info: AddressInfo) => resolve(info.port),
      );
    });
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({ SITE_URL: base, DEMO_CONTENT: "0" });
    app = createApp({ database, config, clock: systemClock, log: silentLogger });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
    });
  }, 60_000);
  let app: ReturnType<typeof createApp>;

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => server?.close(() => done()));
    await database?.destroy();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

  it("logs in, starts a story from a topic, edits, previews, publishes and sees it live", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });

    await page.goto(`${base}/admin`);
    await expect.poll(() => page.url()).toContain("/admin/login");
    await page.getByLabel("Email").fill("editor@resou.example");
    await page.getByLabel("Password").fill(TEST_PASSWORD);
    await shot(page, "01-login");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Trending on Weibo now" }).waitFor();
    await shot(page, "02-queue");

    const row = page.getByRole("row").filter({ hasText: "北京暴雨" });
    await row.getByRole("link", { name: "Start story" }).click();
    await expect.poll(() => page.getByLabel("Headline").inputValue()).toBe("Beijing rainstorm");
    await page.getByLabel("Headline").fill("Beijing's record rain floods the subway");
    await page.getByLabel("Dek (standfirst)").fill("Ten stations closed as water poured in");
    await page.getByLabel("Category").selectOption("Society");
    await page
      .getByLabel("Lead (Markdown)")
      .fill("Record rain **closed** eleven subway stations on Wednesday [1].");
    await page
      .getByLabel("Sections (Markdown)")
      .fill(
        "## What happened\n\nWater poured down the stairs at Line 10 [1].\n\n## Why it trended\n\nVideos of commuters wading spread fast [1].",
      );
    // The source's title is what the claim checks read here (no research text in this test).
    await page
      .getByLabel("Sources and citations")
      .fill(
        "https://example.com/flood Record rain closed ten subway stations on Wednesday; water poured down the stairs at Line 10 and videos of commuters wading spread fast",
      );
    // The live preview renders the public template from the unsaved form.
    await page.getByText("Live preview (the public article page").click();
    const frame = page.frameLocator("iframe[title='Live preview']");
    await frame.locator("h1", { hasText: "Beijing's record rain floods the subway" }).waitFor();
    await page.getByLabel("Dek (standfirst)").fill("Ten stations closed as water poured in!");
    await frame.getByText("Ten stations closed as water poured in!").waitFor();
    await page.getByLabel("Dek (standfirst)").fill("Ten stations closed as water poured in");
    await shot(page, "03a-live-preview");
    await page.getByRole("button", { name: "Create draft" }).click();
    await page.getByText("Draft created.").waitFor();
    await shot(page, "03-draft-created");

    await page.getByLabel("Dek (standfirst)").fill("Ten stations closed; no one was hurt");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved.").waitFor();
    expect(await page.locator('#story-form input[name="base_revision"]').inputValue()).toBe("2");

    const [preview] = await Promise.all([
      context.waitForEvent("page"),
      page.getByRole("button", { name: "Preview" }).click(),
    ]);
    await preview.waitForLoadState();
    await preview.getByText("Preview — not published").waitFor();
    expect(await preview.locator("h1").first().textContent()).toContain(
      "Beijing's record rain floods the subway",
    );
    expect(await preview.getByText("Ten stations closed; no one was hurt").count()).toBeGreaterThan(
      0,
    );
    await shot(preview, "04-preview");
    await preview.close();

    // The claim checks flagged "eleven" (the source says ten) beside its sentence, and
    // publishing is refused until the flag is fixed.
    const flagged = page.locator("[data-flag-sentence]", { hasText: "eleven subway stations" });
    await flagged.first().waitFor();
    await page.getByRole("button", { name: "Publish now" }).click();
    await page.getByText(/claim-check error/).waitFor();
    await page.getByRole("link", { name: "Back to the story" }).click();
    await page
      .getByLabel("Lead (Markdown)")
      .fill("Record rain **closed** ten subway stations on Wednesday [1].");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByText("Saved.").waitFor();
    expect(await page.locator("[data-flag-status=open]", { hasText: "eleven" }).count()).toBe(0);
    await page.getByRole("button", { name: "Publish now" }).click();
    await page.getByText("Published. The public pages show it now.").waitFor();
    await shot(page, "05-published");
    await page.getByRole("link", { name: "View on the site" }).click();
    await page.locator("h1", { hasText: "Beijing's record rain floods the subway" }).waitFor();
    expect(page.url()).toMatch(/\/news\/beijings-record-rain-floods-the-subway$/);
    await shot(page, "06-public-article");

    await page.goto(`${base}/`);
    expect(await page.getByText("Beijing's record rain floods the subway").count()).toBeGreaterThan(
      0,
    );
    // The one 409 is the refused publish while the claim-check flag was open (asserted above).
    expect(problems.filter((p) => !p.includes("status of 409 (Conflict)"))).toEqual([]);
    expect(problems.filter((p) => p.includes("409")).length).toBeLessThanOrEqual(1);
    await context.close();
  }, 90_000);
});
