import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addSubscriber,
  FIXTURE_DAY,
  runDigestJobs,
  storeFixtureDay,
} from "../../../test/support/digest-fixtures.js";
import { createSiteHarness, type SiteHarness } from "../../../test/support/site-harness.js";
import { type SmtpCapture, startSmtpCapture } from "../../../test/support/smtp-capture.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { systemContext } from "../../newsroom/audit-log.js";
import { requestSend } from "../digest-service.js";
import { issueFor } from "../issue-store.js";
import { linkKey, linkToken } from "../subscribers/link-tokens.js";
import { recipientsOf, subscriberById } from "../subscribers/subscriber-store.js";

const form = (fields: [string, string][]) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe.each(TEST_DIALECTS)("digest preferences on %s", (dialect) => {
  let smtp: SmtpCapture;
  let site: SiteHarness;
  let id: number;
  let other: number;
  let link: string;
  beforeEach(async () => {
    smtp = await startSmtpCapture();
    site = await createSiteHarness(dialect, "2025-08-27T01:00:00Z", {
      SMTP_URL: smtp.url,
      DIGEST_SEND_PER_MINUTE: "6000",
    });
    id = await addSubscriber(site.database, "reader@example.com");
    other = await addSubscriber(site.database, "other@example.com");
    const key = await linkKey(site.database.db);
    link = `/digest/preferences?s=${id}&t=${linkToken(key, "preferences", id)}`;
  });
  afterEach(async () => {
    await site.destroy();
    await smtp.close();
  });

  it("shows and saves how often and which stories, from the signed link", async () => {
    const page = await site.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain('name="robots" content="noindex');
    expect(html).toMatch(
      /<input type="radio" id="freq-daily" name="frequency" value="daily" checked/,
    );
    expect(html).toContain('<label for="cat-society">Society</label>');
    expect(html).not.toContain("reader@example.com");

    const saved = await site.request(
      link,
      form([
        ["frequency", "weekly"],
        ["categories", "society"],
        ["categories", "news-politics"],
        ["categories", "no-such-category"],
      ]),
    );
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toContain("Saved. The next issue follows these choices.");
    expect(savedHtml).toMatch(/value="weekly" checked/);
    expect(savedHtml).toMatch(/id="cat-society" name="categories" value="society" checked/);
    const row = await subscriberById(site.database.db, id);
    expect(row?.frequency).toBe("weekly");
    expect(JSON.parse(row?.categories ?? "")).toEqual(["news-politics", "society"]);
    expect((await recipientsOf(site.database.db, "daily")).map((r) => r.id)).toEqual([other]);
    expect((await recipientsOf(site.database.db, "weekly")).map((r) => r.id)).toEqual([id]);

    expect((await site.request(link, form([["frequency", "hourly"]]))).status).toBe(422);
    expect((await subscriberById(site.database.db, id))?.frequency).toBe("weekly");
  });

  it("sends a reader only the stories of the chosen categories", async () => {
    await storeFixtureDay(site.database);
    await site.publish(
      { slug: "society-story", category: "Society", published_at: "2025-08-26T09:00:00+08:00" },
      { slug: "politics-story", published_at: "2025-08-26T10:00:00+08:00" },
    );
    await site.request(
      link,
      form([
        ["frequency", "daily"],
        ["categories", "society"],
      ]),
    );
    const issue = await issueFor(site.database.db, "daily", FIXTURE_DAY, site.clock.now());
    await requestSend(site.database.db, issue, true, systemContext, site.clock.now());
    await runDigestJobs(site.deps);
    const byReader = new Map(
      smtp.received.map((m) => [m.to && !Array.isArray(m.to) ? m.to.text : "", m.text ?? ""]),
    );
    expect(byReader.get("reader@example.com")).toContain("/news/society-story");
    expect(byReader.get("reader@example.com")).not.toContain("/news/politics-story");
    // No categories chosen: every story.
    expect(byReader.get("other@example.com")).toContain("/news/politics-story");
  });

  it("refuses a link whose signature does not match, for any purpose or subscriber", async () => {
    const key = await linkKey(site.database.db);
    const token = new URL(`https://x${link}`).searchParams.get("t") ?? "";
    const bad = [
      `/digest/preferences?s=${id}&t=${token.slice(0, -2)}xx`,
      `/digest/preferences?s=${other}&t=${token}`,
      `/digest/preferences?s=${id}&t=${linkToken(key, "unsubscribe", id)}`,
      `/digest/preferences?s=${id}&t=${linkToken(Buffer.alloc(32, 7), "preferences", id)}`,
      `/digest/preferences?s=${id}`,
      `/digest/preferences?s=abc&t=${token}`,
      // And the other way: a preferences signature does not unsubscribe.
      `/digest/unsubscribe?s=${id}&t=${token}`,
    ];
    for (const path of bad) {
      const get = await site.request(path);
      expect(get.status, path).toBe(404);
      expect(await get.text()).toContain("This link does not work");
      const post = await site.request(path, form([["frequency", "weekly"]]));
      expect(post.status, path).toBe(404);
    }
    const row = await subscriberById(site.database.db, id);
    expect(row?.frequency).toBe("daily");
    expect(row?.status).toBe("active");
  });
});
