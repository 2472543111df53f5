import { existsSync, mkdirSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS } from "../../../test/support/chromium.js";
import {
  FIXTURE_DAY,
  runDigestJobs,
  storeFixtureDay,
} from "../../../test/support/digest-fixtures.js";
import { type SmtpCapture, startSmtpCapture } from "../../../test/support/smtp-capture.js";
import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database.js";
import { createApp } from "../../app/create-app.js";
import { writerChangeFeed } from "../../changes/database-change-feed.js";
import { loadConfig } from "../../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../../content/categories.js";
import { systemClock } from "../../core/clock.js";
import { silentLogger } from "../../core/log.js";
import { systemContext } from "../../newsroom/audit-log.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { requestSend } from "../digest-service.js";
import { issueFor, publishIssue } from "../issue-store.js";

const PHONE = { width: 390, height: 844 };

// The real site (CSP and all) on a socket, a real SMTP server on loopback, and Chromium at
// phone width: sign up, confirm from the email, then unsubscribe from a sent issue.
describe("digest sign-up and unsubscribe in a browser at 390 px", () => {
  let database: TestDatabase;
  let smtp: SmtpCapture;
  let deps: SiteDeps;
  let browser: Browser;
  let server: ReturnType<typeof serve>;
  let base = "";
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`,
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    database = await createTestDatabase("sqlite");
    await ensureCategories(database.db, DEFAULT_CATEGORIES);
    await storeFixtureDay(database);
    smtp = await startSmtpCapture();
    let app: ReturnType<typeof createApp> | undefined;
    const port = await new Promise<number>((resolve) => {
      server = serve(
        {
          fetch: (request) => (app ? app.fetch(request) : new Response("", { status: 503 })),
          port: 0,
          hostname: "127.0.0.1",
        },
        (info: AddressInfo) => resolve(info.port),
      );
    });
    base = `http://127.0.0.1:${port}`;
    deps = {
      database,
      config: loadConfig({
        SITE_URL: base,
        DEMO_CONTENT: "0",
        SMTP_URL: smtp.url,
        DIGEST_FROM: "Resou Digest <digest@resou.example>",
        DIGEST_SEND_PER_MINUTE: "6000",
      }),
      clock: systemClock,
      log: silentLogger,
      changes: await writerChangeFeed(database, silentLogger),
    };
    app = createApp(deps);
    const issue = await issueFor(database.db, "daily", FIXTURE_DAY, new Date());
    await publishIssue(database.db, issue.id, new Date());
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
    await smtp?.close();
    await database?.destroy();
  });

  /** What the reader sees fits the phone: nothing wider than the viewport. */
  const overflow = (page: Page) =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
  const shot = (page: Page, name: string) =>
    page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });

  it("signs up, confirms from the email, then unsubscribes from a sent issue", async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB" });
    const page = await context.newPage();
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));

    // The issue's web version carries the sign-up form.
    expect((await page.goto(`${base}/digest/${FIXTURE_DAY}`))?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Tuesday 26 August 2025" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    const field = page.getByLabel("Email address");
    expect(
      await field.boundingBox().then((b) => (b ? b.x + b.width : Infinity)),
    ).toBeLessThanOrEqual(PHONE.width);
    await shot(page, "digest-issue-390");
    await field.fill("Reader@Example.com");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.getByRole("heading", { level: 1, name: "Check your inbox" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "digest-signup-390");

    // The confirmation arrives over SMTP; its link is followed in the browser.
    await runDigestJobs(deps);
    expect(smtp.received).toHaveLength(1);
    const confirmation = smtp.received[0];
    expect(confirmation?.subject).toBe("Confirm your Resou digest subscription");
    const confirmLink = new RegExp(`${base}/digest/confirm\\?t=[\\w-]+`).exec(
      confirmation?.text ?? "",
    )?.[0];
    if (!confirmLink) throw new Error("no confirmation link in the email");
    expect((await page.goto(confirmLink))?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "You are subscribed" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "digest-confirmed-390");

    // An issue is sent; the reader unsubscribes from the link in its HTML part.
    const issue = await issueFor(database.db, "daily", FIXTURE_DAY, new Date());
    expect(await requestSend(database.db, issue, true, systemContext, new Date())).toBe(true);
    await runDigestJobs(deps);
    expect(smtp.received).toHaveLength(2);
    const html = String(smtp.received[1]?.html ?? "");
    const href = /href="([^"]*\/digest\/unsubscribe\?[^"]+)"/.exec(html)?.[1];
    if (!href) throw new Error("no unsubscribe link in the issue");
    const unsubscribeLink = href.replace(/&amp;/g, "&");
    expect(unsubscribeLink.startsWith(`${base}/digest/unsubscribe?s=`)).toBe(true);
    expect((await page.goto(unsubscribeLink))?.status()).toBe(200);
    await page.getByRole("heading", { level: 1, name: "Unsubscribe" }).waitFor();
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.getByRole("heading", { level: 1, name: "Unsubscribed" }).waitFor();
    expect(await page.getByText("You will not receive the digest any more.").isVisible()).toBe(
      true,
    );
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await shot(page, "digest-unsubscribed-390");

    const row = await database.db
      .selectFrom("digest_subscriber")
      .select("status")
      .where("email", "=", "reader@example.com")
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("unsubscribed");
    expect(problems).toEqual([]);
    await context.close();
  });
});
