import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addSubscriber,
  createMailingSite,
  FIXTURE_DAY,
  runDigestJobs,
} from "../../test/support/digest-fixtures.js";
import type { SiteHarness } from "../../test/support/site-harness.js";
import type { SmtpCapture } from "../../test/support/smtp-capture.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { systemContext } from "../newsroom/audit-log.js";
import { ingestSnapshot } from "../trends/snapshot-store.js";
import { validateList } from "../trends/snapshot-validate.js";
import { parseMWeiboCn } from "../trends/sources/m-weibo-cn-source.js";
import { isFailure } from "../trends/sources/trend-source.js";
import { mWeiboCnCaptures } from "../trends/testing/weibo-fixtures.js";
import { digestForIssue, requestSend } from "./digest-service.js";
import { issueFor } from "./issue-store.js";

const WEEK_END = "2025-08-31"; // a Sunday: the week runs Monday 25th to Sunday 31st

/** Stores one fixture list again as if captured at `at` (a changed byte defeats the dedupe). */
async function storeCaptureAt(site: SiteHarness, at: string): Promise<void> {
  const body = `${mWeiboCnCaptures()[0]?.body ?? ""} `;
  const parsed = parseMWeiboCn(body);
  if (isFailure(parsed)) throw new Error(parsed.reason);
  const list = validateList(parsed);
  if (!list.ok) throw new Error(list.reason);
  await ingestSnapshot(
    site.database.db,
    {
      source: "m-weibo-cn",
      capturedAt: new Date(at),
      payload: body,
      contentType: "text/json",
      list,
    },
    new Date("2026-11-27T08:00:00Z"),
  );
}

describe.each(TEST_DIALECTS)("the weekly edition on %s", (dialect) => {
  let smtp: SmtpCapture;
  let site: SiteHarness;
  beforeEach(async () => {
    ({ site, smtp } = await createMailingSite(dialect, "2025-09-01T01:00:00Z"));
  });
  afterEach(async () => {
    await site.destroy();
    await smtp.close();
  });

  it("covers the seven local days to its day and goes only to weekly subscribers", async () => {
    // Captures on Friday inside the week and on the Monday after it (12:00 Beijing time).
    await storeCaptureAt(site, "2025-08-29T04:00:00Z");
    await storeCaptureAt(site, "2025-09-01T04:00:00Z");
    await site.publish(
      { slug: "sunday-before", published_at: "2025-08-24T23:30:00+08:00" },
      { slug: "monday-first", published_at: "2025-08-25T00:30:00+08:00" },
      { slug: "sunday-late", published_at: "2025-08-31T23:30:00+08:00" },
      { slug: "monday-after", published_at: "2025-09-01T00:30:00+08:00" },
    );
    await addSubscriber(site.database, "daily@example.com");
    await addSubscriber(site.database, "weekly@example.com", { frequency: "weekly" });
    const db = site.database.db;
    const now = site.clock.now();

    const weekly = await issueFor(db, "weekly", WEEK_END, now);
    const week = await digestForIssue(db, weekly, site.deps.config);
    expect(week.window.firstDay).toBe("2025-08-25");
    expect(week.window.start).toBe("2025-08-24T16:00:00.000Z");
    expect(week.window.end).toBe("2025-08-31T16:00:00.000Z");
    expect(week.snapshotCount).toBe(23);
    expect(week.articles.map((a) => a.slug).sort()).toEqual(["monday-first", "sunday-late"]);
    const day = await digestForIssue(db, await issueFor(db, "daily", FIXTURE_DAY, now), {
      DIGEST_TIME_ZONE: "Asia/Shanghai",
    });
    expect(day.snapshotCount).toBe(22);
    // The week's top rank is the day's (its one extra list repeats a list of the day).
    expect(week.topByPeak[0]?.peakRank).toBe(day.topByPeak[0]?.peakRank);

    expect(await requestSend(db, weekly, true, systemContext, now)).toBe(true);
    await runDigestJobs(site.deps);
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("weekly@example.com");
    expect(mail?.subject).toBe("Resou weekly digest: The week to Sunday 31 August 2025");
    const text = mail?.text ?? "";
    const html = typeof mail?.html === "string" ? mail.html : "";
    expect(text.split("\n")[0]).toBe("Resou weekly digest: The week to Sunday 31 August 2025");
    expect(html).toContain("<title>Resou weekly digest: The week to Sunday 31 August 2025</title>");
    expect(html).toContain("Resou · Weekly digest");
    for (const part of [text, html]) {
      expect(part).not.toMatch(/daily digest/i);
      expect(part).not.toContain("this day");
      expect(part).toContain("https://resou.example/digest/week/2025-08-31");
      expect(part).toContain("https://resou.example/news/sunday-late");
      expect(part).not.toContain("https://resou.example/news/monday-after");
    }

    const page = await site.request("/digest/week/2025-08-31");
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toContain("<title>Weekly digest: The week to Sunday 31 August 2025");
    expect(body).toMatch(/<p class="kicker"><a href="\/digest">Weekly digest<\/a><\/p>/);
    expect(body).not.toMatch(/Daily digest:/);
    expect((await site.request("/digest/2025-08-31")).status).toBe(404);
  });
});
