import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURE_DAY, storeFixtureDay } from "../../test/support/digest-fixtures.js";
import { startSmtpCapture } from "../../test/support/smtp-capture.js";
import {
  createTestDatabase,
  TEST_DIALECTS,
  type TestDatabase,
} from "../../test/support/test-database.js";
import { loadConfig } from "../config/env.js";
import { fixedClock } from "../core/clock.js";
import { type DigestCliContext, runDigestPreview, runDigestSend } from "./digest-cli.js";

describe.each(TEST_DIALECTS)("resou digest preview on %s", (dialect) => {
  let database: TestDatabase;
  let out: string[];
  let err: string[];
  let ctx: DigestCliContext;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await storeFixtureDay(database);
    out = [];
    err = [];
    ctx = {
      database,
      config: loadConfig({ SITE_URL: "https://resou.example" }),
      clock: fixedClock("2025-08-27T01:00:00Z"),
      out: (l) => out.push(l),
      err: (l) => err.push(l),
    };
  });
  afterEach(async () => {
    await database.destroy();
  });

  it("prints the issue as text and as HTML", async () => {
    expect(await runDigestPreview(ctx, ["--date", FIXTURE_DAY])).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("Resou daily digest: Tuesday 26 August 2025");
    expect(text).toContain("TOP OF THE LIST");
    expect(text).toMatch(/1\. .+\n {3}peak #1 at \d\d:\d\d/);
    expect(text).toContain("from the 22 hot-search captures");
    out.length = 0;
    expect(await runDigestPreview(ctx, ["--date", FIXTURE_DAY, "--format", "html"])).toBe(0);
    expect(out.join("\n")).toMatch(/^<!DOCTYPE html><html lang="en">/);
  });

  it("refuses a bad date and says SMTP is missing for a test send", async () => {
    expect(await runDigestPreview(ctx, ["--date", "2025-02-30"])).toBe(2);
    expect(await runDigestSend(ctx, ["--date", FIXTURE_DAY, "--to", "me@example.com"])).toBe(2);
    expect(err.join("\n")).toContain("SMTP_URL is not set");
  });

  it("sends one test copy over SMTP with both parts and records nothing as delivered", async () => {
    const smtp = await startSmtpCapture();
    try {
      const smtpCtx = {
        ...ctx,
        config: loadConfig({
          SITE_URL: "https://resou.example",
          SMTP_URL: smtp.url,
          DIGEST_FROM: "Resou Digest <digest@resou.example>",
        }),
      };
      expect(
        await runDigestSend(smtpCtx, ["--date", FIXTURE_DAY, "--to", "Desk@Example.com"]),
      ).toBe(0);
      expect(out.join("\n")).toContain("Sent a test copy of daily 2025-08-26 to desk@example.com");
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0];
      expect(mail?.subject).toBe("[Test] Resou daily digest: Tuesday 26 August 2025");
      expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("desk@example.com");
      expect(mail?.from?.text).toContain("digest@resou.example");
      expect(mail?.text).toContain("TOP OF THE LIST");
      expect(mail?.text).toContain("https://resou.example/digest/2025-08-26");
      const html = typeof mail?.html === "string" ? mail.html : "";
      expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
      expect(html).toContain(">Top of the list</td>");
      expect(html).toContain('href="https://resou.example/digest/2025-08-26"');
      // A test copy carries no reader's unsubscribe link and changes nothing.
      expect(mail?.headerLines.some((h) => h.key === "list-unsubscribe")).toBe(false);
      expect(await database.db.selectFrom("digest_delivery").selectAll().execute()).toEqual([]);
      const issue = await database.db
        .selectFrom("digest_issue")
        .selectAll()
        .executeTakeFirstOrThrow();
      expect([issue.status, issue.published_at]).toEqual(["draft", null]);
    } finally {
      await smtp.close();
    }
  });

  it("exits 1 and says why when the SMTP server refuses the message", async () => {
    const smtp = await startSmtpCapture();
    await smtp.close();
    const refused = {
      ...ctx,
      config: loadConfig({ SITE_URL: "https://resou.example", SMTP_URL: smtp.url }),
    };
    expect(await runDigestSend(refused, ["--date", FIXTURE_DAY, "--to", "me@example.com"])).toBe(1);
    expect(err.join("\n")).toMatch(/^Sending failed: .*ECONNREFUSED/);
  });
});
