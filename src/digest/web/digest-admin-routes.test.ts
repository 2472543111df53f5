import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  addSubscriber,
  FIXTURE_DAY,
  runDigestJobs,
  storeFixtureDay,
} from "../../../test/support/digest-fixtures.js";
import {
  createNewsroomHarness,
  type NewsroomHarness,
} from "../../../test/support/newsroom-harness.js";
import { type SmtpCapture, startSmtpCapture } from "../../../test/support/smtp-capture.js";
import { TEST_DIALECTS } from "../../../test/support/test-database.js";
import { listAudit } from "../../newsroom/audit-log.js";
import { findIssue } from "../issue-store.js";

const ISSUE = `/admin/digest/daily/${FIXTURE_DAY}`;

describe.each(TEST_DIALECTS)("newsroom digest pages on %s", (dialect) => {
  let smtp: SmtpCapture;
  let h: NewsroomHarness;
  beforeEach(async () => {
    smtp = await startSmtpCapture();
    // 09:00 in Beijing on the 27th: the 26th is "yesterday".
    h = await createNewsroomHarness(dialect, "2025-08-27T01:00:00Z", {
      SMTP_URL: smtp.url,
      DIGEST_FROM: "Resou Digest <digest@resou.example>",
      DIGEST_SEND_PER_MINUTE: "6000",
    });
    await storeFixtureDay(h.database);
  });
  afterEach(async () => {
    await h.destroy();
    await smtp.close();
  });

  const issue = async () => findIssue(h.database.db, "daily", FIXTURE_DAY);
  const sendJobs = () =>
    h.database.db.selectFrom("job").select("id").where("kind", "=", "digest.send").execute();

  it("lets only editors and admins near an issue, and only admins near subscribers", async () => {
    const writer = await h.login((await h.addUser("writer")).email);
    const editor = await h.login((await h.addUser("editor")).email);
    const admin = await h.login((await h.addUser("admin")).email);

    const anonymous = await h.anonymous().get(ISSUE);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(
      `/admin/login?next=${encodeURIComponent(ISSUE)}`,
    );
    expect((await h.anonymous().post(`${ISSUE}/send`)).status).toBe(403);

    expect((await writer.get("/admin/digest")).status).toBe(403);
    expect((await writer.get(ISSUE)).status).toBe(403);
    for (const action of ["note", "test", "schedule", "send"]) {
      expect((await writer.post(`${ISSUE}/${action}`, { note: "x" })).status).toBe(403);
    }
    // A forged form (wrong CSRF token) from an editor changes nothing either.
    expect(
      (await editor.post(`${ISSUE}/send`, { _csrf: "forged-token-forged-token" })).status,
    ).toBe(403);
    expect(smtp.received).toHaveLength(0);
    expect(await sendJobs()).toHaveLength(0);
    const untouched = await issue();
    expect(untouched?.note ?? "").toBe("");
    expect(untouched?.published_at ?? null).toBeNull();
    expect(
      (await listAudit(h.database.db, { limit: 20, action: "permission.denied" })).length,
    ).toBeGreaterThanOrEqual(6);

    const latest = await editor.get("/admin/digest");
    expect(latest.status).toBe(303);
    expect(latest.headers.get("location")).toBe(ISSUE);
    expect((await editor.get(ISSUE)).status).toBe(200);
    expect((await editor.get("/admin/digest/monthly/2025-08-26")).status).toBe(404);

    expect((await editor.get("/admin/digest/subscribers")).status).toBe(403);
    expect(
      (await editor.post("/admin/digest/subscribers", { email: "a@example.com", do: "delete" }))
        .status,
    ).toBe(403);
    expect((await admin.get("/admin/digest/subscribers")).status).toBe(200);
    expect((await admin.get(ISSUE)).status).toBe(200);
  });

  it("previews, saves the note, sends a test to the editor, schedules, then sends", async () => {
    const editor = await h.login((await h.addUser("editor", "eddie@resou.example")).email);
    await addSubscriber(h.database, "reader@example.com");

    const preview = await editor.get(ISSUE);
    expect(preview.status).toBe(200);
    const previewHtml = await preview.text();
    expect(previewHtml).toContain("Digest: Tuesday 26 August 2025");
    expect(previewHtml).toContain("Status: <strong>draft</strong>");
    expect(previewHtml).toContain("not yet on the web");
    expect(previewHtml).toContain("Top of the list");
    expect(previewHtml).toContain("from the 22 hot-search");

    const saved = await editor.post(`${ISSUE}/note`, {
      note: "Hello <b>readers</b>\r\n\r\nA second paragraph.",
    });
    expect(saved.status).toBe(200);
    const savedHtml = await saved.text();
    expect(savedHtml).toContain("Note saved.");
    expect(savedHtml).toContain("<p>Hello &lt;b&gt;readers&lt;/b&gt;</p>");
    expect(savedHtml).not.toContain("<b>readers</b>");
    expect((await issue())?.note).toBe("Hello <b>readers</b>\n\nA second paragraph.");
    expect((await listAudit(h.database.db, { limit: 5, action: "digest.note" })).length).toBe(1);

    const test = await editor.post(`${ISSUE}/test`);
    expect(await test.text()).toContain("Test sent to eddie@resou.example.");
    expect(smtp.received).toHaveLength(1);
    const copy = smtp.received[0];
    expect(copy?.subject).toBe("[Test] Resou daily digest: Tuesday 26 August 2025");
    expect(copy?.to && !Array.isArray(copy.to) ? copy.to.text : "").toBe("eddie@resou.example");
    expect(copy?.text).toContain("A second paragraph.");
    expect(copy?.html).toContain("Hello &lt;b&gt;readers&lt;/b&gt;");
    // A test is not the issue: nothing published, nothing delivered, no reader mailed.
    expect((await issue())?.published_at ?? null).toBeNull();
    expect((await h.request(`/digest/${FIXTURE_DAY}`)).status).toBe(404);
    expect(await h.database.db.selectFrom("digest_delivery").selectAll().execute()).toEqual([]);

    expect(await (await editor.post(`${ISSUE}/schedule`)).text()).toContain("Scheduled.");
    expect((await issue())?.status).toBe("scheduled");
    expect(await (await editor.post(`${ISSUE}/schedule`)).text()).toContain(
      "Only a draft can be scheduled.",
    );
    expect(await sendJobs()).toHaveLength(0);

    const send = await editor.post(`${ISSUE}/send`);
    expect(await send.text()).toContain("Published and queued for sending.");
    expect((await issue())?.status).toBe("sending");
    expect((await h.request(`/digest/${FIXTURE_DAY}`)).status).toBe(200);
    // Pressing it again queues nothing more.
    expect(await (await editor.post(`${ISSUE}/send`)).text()).toContain("Published on the web.");
    expect(await sendJobs()).toHaveLength(1);

    await runDigestJobs(h.deps);
    const delivered = smtp.received.slice(1);
    expect(delivered.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ""))).toEqual([
      "reader@example.com",
    ]);
    expect(delivered[0]?.subject).toBe("Resou daily digest: Tuesday 26 August 2025");
    expect((await issue())?.status).toBe("sent");
    const after = await (await editor.get(ISSUE)).text();
    expect(after).toContain("Status: <strong>sent</strong>");
    expect(after).toContain("deliveries: sent 1");
    expect(after).not.toContain(`action="${ISSUE}/send"`);
  });

  it("says the issue publishes on the web only when SMTP is not configured", async () => {
    const plain = await createNewsroomHarness(dialect, "2025-08-27T01:00:00Z");
    try {
      await storeFixtureDay(plain.database);
      const editor = await plain.login((await plain.addUser("editor")).email);
      const view = await (await editor.get(ISSUE)).text();
      expect(view).toContain("SMTP_URL is not set");
      expect(view).not.toContain(`action="${ISSUE}/test"`);
      const send = await editor.post(`${ISSUE}/send`);
      expect(await send.text()).toContain("Published on the web.");
      expect((await plain.request(`/digest/${FIXTURE_DAY}`)).status).toBe(200);
      const row = await findIssue(plain.database.db, "daily", FIXTURE_DAY);
      expect(row?.status).toBe("draft");
      expect(
        await plain.database.db
          .selectFrom("job")
          .selectAll()
          .where("kind", "=", "digest.send")
          .execute(),
      ).toEqual([]);
    } finally {
      await plain.destroy();
    }
  });
});
