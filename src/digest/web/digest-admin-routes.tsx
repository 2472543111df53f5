import { Hono } from "hono";
import { z } from "zod";
import { recordAudit } from "../../newsroom/audit-log.js";
import { newsroomDeps } from "../../newsroom/newsroom-deps.js";
import { AdminLayout, CsrfField } from "../../newsroom/web/admin-layout.js";
import { page, refuse } from "../../newsroom/web/guard.js";
import {
  auditContext,
  formValue,
  type NewsroomContext,
  type NewsroomEnv,
} from "../../newsroom/web/request-context.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { issuePath, issueTitle } from "../digest-format.js";
import { mailerFor } from "../digest-jobs.js";
import {
  digestForIssue,
  NOTE_MAX,
  requestSend,
  saveNote,
  scheduleIssue,
} from "../digest-service.js";
import { addDays, isDay, localDay } from "../digest-window.js";
import { issueFor } from "../issue-store.js";
import { testMail } from "../mail/digest-message.js";
import { deliveryCounts } from "../send/delivery-claims.js";
import {
  deleteSubscriber,
  emailAddress,
  exportSubscriber,
} from "../subscribers/subscriber-store.js";
import { DigestSections } from "./digest-sections.js";

const editionParam = z.enum(["daily", "weekly"]);

/**
 * `/admin/digest/:edition/:day`: preview, the editor's note, a test copy to oneself, schedule
 * or send; `/admin/digest/subscribers`: export or delete one address on request. Mounted
 * after the newsroom, whose `/admin/*` middleware (session, CSRF, client address) runs first.
 */
export function digestAdminRoutes(deps: SiteDeps): Hono<NewsroomEnv> {
  const nd = newsroomDeps(deps);
  const app = new Hono<NewsroomEnv>();
  const db = deps.database.db;

  const target = (c: NewsroomContext) => {
    const edition = editionParam.safeParse(c.req.param("edition"));
    const day = c.req.param("day") ?? "";
    return edition.success && isDay(day) ? { edition: edition.data, day } : undefined;
  };

  const issueView = async (c: NewsroomContext, flash?: string) => {
    const t = target(c);
    if (!t) return c.notFound();
    const issue = await issueFor(db, t.edition, t.day, deps.clock.now());
    const digest = await digestForIssue(db, issue, deps.config);
    const counts = await deliveryCounts(db, issue.id);
    const session = c.get("session");
    const base = `/admin/digest/${t.edition}/${t.day}`;
    const mail = mailerFor(deps) !== null;
    return page(
      c,
      <AdminLayout
        title={`Digest: ${issueTitle(digest.window)}`}
        session={session}
        siteName={deps.config.SITE_NAME}
        flash={flash}
      >
        <p>
          Status: <strong>{issue.status}</strong>
          {issue.published_at ? (
            <>
              {" "}
              · <a href={issuePath(issue)}>web version</a>
            </>
          ) : (
            " · not yet on the web"
          )}{" "}
          · deliveries:{" "}
          {Object.entries(counts)
            .map(([k, n]) => `${k} ${n}`)
            .join(", ") || "none"}
        </p>
        <form method="post" action={`${base}/note`} class="panel">
          <CsrfField token={session?.csrfToken ?? ""} />
          <label for="digest-note">Editor's note (plain text; blank line between paragraphs)</label>
          <textarea id="digest-note" name="note" rows={6} maxlength={NOTE_MAX}>
            {issue.note}
          </textarea>
          <button type="submit" class="primary">
            Save note
          </button>
        </form>
        {mail ? (
          <div class="panel">
            <form method="post" action={`${base}/test`}>
              <CsrfField token={session?.csrfToken ?? ""} />
              <button type="submit">Send a test to {session?.user.email}</button>
            </form>
            {issue.status === "draft" ? (
              <>
                <form method="post" action={`${base}/schedule`}>
                  <CsrfField token={session?.csrfToken ?? ""} />
                  <button type="submit">
                    Schedule for {deps.config.DIGEST_SEND_AT} after the day ends
                  </button>
                </form>
                <form method="post" action={`${base}/send`}>
                  <CsrfField token={session?.csrfToken ?? ""} />
                  <button type="submit" class="primary">
                    Publish and send now
                  </button>
                </form>
              </>
            ) : null}
          </div>
        ) : (
          <p>SMTP_URL is not set: the issue publishes on the web and in the feed only.</p>
        )}
        <h2>Preview</h2>
        <DigestSections digest={digest} />
      </AdminLayout>,
    );
  };

  app.get("/admin/digest", async (c) => {
    const refused = await refuse(c, nd, "story.publish");
    if (refused) return refused;
    const yesterday = addDays(localDay(deps.clock.now(), deps.config.DIGEST_TIME_ZONE), -1);
    return c.redirect(`/admin/digest/daily/${yesterday}`, 303);
  });
  app.get("/admin/digest/:edition/:day{[0-9]{4}-[0-9]{2}-[0-9]{2}}", async (c) => {
    const refused = await refuse(c, nd, "story.publish");
    if (refused) return refused;
    return issueView(c);
  });
  app.post(
    "/admin/digest/:edition/:day{[0-9]{4}-[0-9]{2}-[0-9]{2}}/:action{note|test|schedule|send}",
    async (c) => {
      const refused = await refuse(c, nd, "story.publish");
      if (refused) return refused;
      const t = target(c);
      if (!t) return c.notFound();
      const now = deps.clock.now();
      const audit = auditContext(c);
      const action = c.req.param("action");
      if (action === "note") {
        await saveNote(db, t.edition, t.day, formValue(c, "note"), audit, now);
        return issueView(c, "Note saved.");
      }
      const issue = await issueFor(db, t.edition, t.day, now);
      const mailer = mailerFor(deps);
      if (action === "test") {
        const to = c.get("session")?.user.email;
        if (!mailer || !to) return issueView(c, "Mail is not configured.");
        const digest = await digestForIssue(db, issue, deps.config);
        await mailer.send(await testMail(deps.config, digest, to));
        await recordAudit(
          db,
          audit,
          { action: "digest.test", targetType: "digest_issue", targetId: issue.id, detail: { to } },
          now,
        );
        return issueView(c, `Test sent to ${to}.`);
      }
      if (action === "schedule") {
        const done = await scheduleIssue(db, issue, audit, now);
        return issueView(c, done ? "Scheduled." : "Only a draft can be scheduled.");
      }
      const queued = await requestSend(db, issue, mailer !== null, audit, now);
      return issueView(c, queued ? "Published and queued for sending." : "Published on the web.");
    },
  );

  const subscribersPage = async (c: NewsroomContext, flash?: string) => {
    const session = c.get("session");
    return page(
      c,
      <AdminLayout
        title="Digest subscribers"
        session={session}
        siteName={deps.config.SITE_NAME}
        flash={flash}
      >
        <p>Export or delete everything stored about one address, on its owner's request.</p>
        <form method="post" action="/admin/digest/subscribers" class="panel">
          <CsrfField token={session?.csrfToken ?? ""} />
          <label for="subscriber-email">Email address</label>
          <input id="subscriber-email" type="email" name="email" required />
          <button type="submit" name="do" value="export">
            Export (JSON)
          </button>
          <button type="submit" name="do" value="delete">
            Delete
          </button>
        </form>
      </AdminLayout>,
    );
  };
  app.get("/admin/digest/subscribers", async (c) => {
    const refused = await refuse(c, nd, "users.manage");
    if (refused) return refused;
    return subscribersPage(c);
  });
  app.post("/admin/digest/subscribers", async (c) => {
    const refused = await refuse(c, nd, "users.manage");
    if (refused) return refused;
    const email = emailAddress.safeParse(formValue(c, "email"));
    if (!email.success) return subscribersPage(c, "Enter an email address.");
    const now = deps.clock.now();
    const audit = auditContext(c);
    if (formValue(c, "do") === "delete") {
      const deleted = await deleteSubscriber(db, email.data);
      await recordAudit(
        db,
        audit,
        {
          action: "digest.subscriber.delete",
          targetType: "digest_subscriber",
          detail: { found: deleted },
        },
        now,
      );
      return subscribersPage(c, deleted ? "Deleted." : "No subscription for that address.");
    }
    const data = await exportSubscriber(db, email.data);
    await recordAudit(
      db,
      audit,
      {
        action: "digest.subscriber.export",
        targetType: "digest_subscriber",
        detail: { found: data !== null },
      },
      now,
    );
    if (!data) return subscribersPage(c, "Nothing stored for that address.");
    c.header("Cache-Control", "no-store");
    c.header("Content-Disposition", 'attachment; filename="subscriber.json"');
    return c.json(data);
  });
  return app;
}
