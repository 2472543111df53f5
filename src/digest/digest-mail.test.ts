import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createMailingSite,
  FIXTURE_DAY,
  storeFixtureDay,
} from "../../test/support/digest-fixtures.js";
import { createSiteHarness, type SiteHarness } from "../../test/support/site-harness.js";
import type { SmtpCapture } from "../../test/support/smtp-capture.js";
import { TEST_DIALECTS } from "../../test/support/test-database.js";
import { silentLogger } from "../core/log.js";
import { startWorker } from "../jobs/worker.js";
import { systemContext } from "../newsroom/audit-log.js";
import { digestJobHandlers } from "./digest-jobs.js";
import { requestSend } from "./digest-service.js";
import { issueFor } from "./issue-store.js";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

describe.each(TEST_DIALECTS)("digest by email on %s", (dialect) => {
  let smtp: SmtpCapture;
  let site: SiteHarness;
  beforeEach(async () => {
    ({ site, smtp } = await createMailingSite(dialect, "2025-08-27T01:00:00Z"));
  });
  afterEach(async () => {
    await site.destroy();
    await smtp.close();
  });

  const runJobs = async () => {
    const worker = startWorker({
      database: site.database,
      clock: site.clock,
      log: silentLogger,
      handlers: digestJobHandlers(site.deps),
      pollMs: 60_000,
    });
    await worker.drain();
    await worker.stop();
  };
  const subscriber = (email: string) =>
    site.database.db
      .selectFrom("digest_subscriber")
      .selectAll()
      .where("email", "=", email)
      .executeTakeFirstOrThrow();

  const signUp = async (email: string) => {
    const before = smtp.received.length;
    const response = await site.request("/digest/subscribe", form({ email }));
    expect(response.status).toBe(200);
    await runJobs();
    const mail = smtp.received[before];
    if (!mail) throw new Error("no confirmation arrived");
    const link = /https:\/\/resou\.example\/digest\/confirm\?t=[\w-]+/.exec(mail.text ?? "")?.[0];
    if (!link) throw new Error("no confirmation link");
    return { response, link: link.replace("https://resou.example", "") };
  };

  it("double opt-in: the link confirms once, its token is stored only hashed, and it expires", async () => {
    const { link } = await signUp("Reader@Example.com");
    const token = new URL(`https://x${link}`).searchParams.get("t") ?? "";
    const pending = await subscriber("reader@example.com");
    expect(pending.status).toBe("pending");
    expect(pending.confirm_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending.confirm_token_hash).not.toContain(token);
    const confirmed = await site.request(link);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("You are subscribed");
    expect((await subscriber("reader@example.com")).status).toBe("active");
    expect((await site.request(link)).status).toBe(410);

    const late = await signUp("late@example.com");
    site.clock.set("2025-08-29T01:00:01Z"); // 48 hours and a second later
    const expired = await site.request(late.link);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain("expired");
    expect((await subscriber("late@example.com")).status).toBe("pending");
  });

  it("answers a known address exactly as a new one and sends it nothing new", async () => {
    const { link } = await signUp("known@example.com");
    await site.request(link);
    const sentBefore = smtp.received.length;
    const again = await site.request("/digest/subscribe", form({ email: "known@example.com" }));
    const fresh = await site.request("/digest/subscribe", form({ email: "fresh@example.com" }));
    expect(again.status).toBe(fresh.status);
    expect(await again.text()).toBe(await fresh.text());
    await runJobs();
    // Only the new address got a confirmation.
    expect(
      smtp.received.slice(sentBefore).map((m) => (m.to && "text" in m.to ? m.to.text : "")),
    ).toEqual(["fresh@example.com"]);
  });

  it("limits sign-ups per client without saying anything about the address", async () => {
    for (let i = 0; i < 5; i++) {
      expect(
        (await site.request("/digest/subscribe", form({ email: `a${i}@example.com` }))).status,
      ).toBe(200);
    }
    const sixth = await site.request("/digest/subscribe", form({ email: "a6@example.com" }));
    expect(sixth.status).toBe(429);
  });

  it("sends the issue with both parts, working links and one-click unsubscribe", async () => {
    await site.publish({
      slug: "flood-story",
      headline: "Floods in the south",
      published_at: "2025-08-26T09:00:00+08:00",
    });
    const { link } = await signUp("reader@example.com");
    await site.request(link);
    const issue = await issueFor(site.database.db, "daily", FIXTURE_DAY, site.clock.now());
    await site.database.db
      .updateTable("digest_issue")
      .set({ note: "Editor says <hello> & welcome." })
      .where("id", "=", issue.id)
      .execute();
    expect(await requestSend(site.database.db, issue, true, systemContext, site.clock.now())).toBe(
      true,
    );
    const before = smtp.received.length;
    await runJobs();
    const mail = smtp.received[before];
    if (!mail) throw new Error("the issue did not arrive");
    expect(smtp.received.length).toBe(before + 1);
    expect(mail.subject).toBe("Resou daily digest: Tuesday 26 August 2025");
    expect(mail.from?.text).toContain("digest@resou.example");
    const listUnsubscribe = String(
      mail.headers.get("list-unsubscribe") ??
        mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line,
    );
    const header =
      mail.headerLines.find((h) => h.key === "list-unsubscribe")?.line ?? listUnsubscribe;
    const https = /<(https:\/\/resou\.example\/digest\/unsubscribe\?s=\d+&t=[\w-]+)>/.exec(
      header,
    )?.[1];
    expect(https).toBeDefined();
    expect(header).toMatch(/<mailto:digest@resou\.example\?subject=unsubscribe/);
    expect(mail.headerLines.find((h) => h.key === "list-unsubscribe-post")?.line).toBe(
      "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
    );
    // Both parts, with the same links; the HTML part carries no SVG and no images.
    const text = mail.text ?? "";
    const html = typeof mail.html === "string" ? mail.html : "";
    expect(text).toContain("TOP OF THE LIST");
    expect(text).toContain("Editor says <hello> & welcome.");
    expect(html).toContain("Editor says &lt;hello&gt; &amp; welcome.");
    expect(html).toContain('name="color-scheme" content="light dark"');
    expect(html).toContain("prefers-color-scheme: dark");
    expect(html).not.toMatch(/<svg|<img/i);
    for (const part of [text, html]) {
      expect(part).toContain("https://resou.example/digest/2025-08-26");
      expect(part).toContain("https://resou.example/news/flood-story");
      expect(part).toContain(https?.replace(/&/g, part === html ? "&amp;" : "&"));
    }
    // The links answer: the web version, the story, the unsubscribe page.
    expect((await site.request("/digest/2025-08-26")).status).toBe(200);
    expect((await site.request("/news/flood-story")).status).toBe(200);
    const path = (https ?? "").replace("https://resou.example", "");
    expect((await site.request(path)).status).toBe(200);
    expect(
      (await site.request(path.replace(/t=[\w-]+/, "t=forgedforgedforgedforged"))).status,
    ).toBe(404);

    // RFC 8058 one-click: the mail client posts the fixed body to the header's URL.
    const oneClick = await site.request(path, form({ "List-Unsubscribe": "One-Click" }));
    expect(oneClick.status).toBe(200);
    expect((await subscriber("reader@example.com")).status).toBe("unsubscribed");
    const next = await issueFor(site.database.db, "daily", "2025-08-25", site.clock.now());
    await requestSend(site.database.db, next, true, systemContext, site.clock.now());
    await runJobs();
    expect(smtp.received.length).toBe(before + 1);
  });

  it("publishes the web and feed versions with no SMTP configured", async () => {
    const plain = await createSiteHarness(dialect, "2025-08-27T01:00:00Z");
    try {
      await storeFixtureDay(plain.database);
      const issue = await issueFor(plain.database.db, "daily", FIXTURE_DAY, plain.clock.now());
      expect((await plain.request("/digest/2025-08-26")).status).toBe(404);
      expect(
        await requestSend(plain.database.db, issue, false, systemContext, plain.clock.now()),
      ).toBe(false);
      const page = await plain.request("/digest/2025-08-26");
      expect(page.status).toBe(200);
      const body = await page.text();
      expect(body).toContain("<svg");
      expect(body).not.toContain('action="/digest/subscribe"');
      const feed = await plain.request("/digest/feed.xml");
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain("<link>https://resou.example/digest/2025-08-26</link>");
    } finally {
      await plain.destroy();
    }
  });

  it("a hard bounce or complaint through the webhook suppresses the address", async () => {
    const secured = await createSiteHarness(dialect, "2025-08-27T01:00:00Z", {
      SMTP_URL: smtp.url,
      DIGEST_WEBHOOK_SECRET: "a-long-shared-secret-123",
    });
    try {
      await secured.request("/digest/subscribe", form({ email: "gone@example.com" }));
      const post = (auth: string, body: unknown) =>
        secured.request("/digest/webhook", {
          method: "POST",
          headers: { authorization: auth, "content-type": "application/json" },
          body: JSON.stringify(body),
        });
      expect(
        (
          await post("Bearer wrong-secret-wrong-secret", {
            type: "bounce",
            email: "gone@example.com",
          })
        ).status,
      ).toBe(401);
      expect((await post("Bearer a-long-shared-secret-123", { type: "nope" })).status).toBe(400);
      const ok = await post("Bearer a-long-shared-secret-123", {
        events: [{ type: "complaint", email: "Gone@Example.com" }],
      });
      expect(ok.status).toBe(200);
      const row = await secured.database.db
        .selectFrom("digest_subscriber")
        .select("status")
        .where("email", "=", "gone@example.com")
        .executeTakeFirstOrThrow();
      expect(row.status).toBe("suppressed");
      // Deleted on request, the address stays suppressed (as a hash): a new sign-up queues nothing.
      const { deleteSubscriber } = await import("./subscribers/subscriber-store.js");
      expect(await deleteSubscriber(secured.database.db, "gone@example.com")).toBe(true);
      await secured.request("/digest/subscribe", form({ email: "gone@example.com" }));
      const rows = await secured.database.db.selectFrom("digest_subscriber").selectAll().execute();
      expect(rows).toEqual([]);
    } finally {
      await secured.destroy();
    }
  });
});
