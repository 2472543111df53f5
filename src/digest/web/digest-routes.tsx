import { timingSafeEqual } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { listCategories } from "../../content/taxonomy-queries.js";
import type { DigestEdition } from "../../db/schema.js";
import { clientIp, clientIpMiddleware } from "../../newsroom/web/request-context.js";
import { HTML, renderToString, sendBody } from "../../web/page-response.js";
import { loadSiteContext } from "../../web/site-context-loader.js";
import type { SiteDeps } from "../../web/site-deps.js";
import { issuePath, issueTitle } from "../digest-format.js";
import { mailerFor } from "../digest-jobs.js";
import { digestForIssue } from "../digest-service.js";
import { digestWindow, isDay } from "../digest-window.js";
import { findIssue, neighbours, publishedIssues } from "../issue-store.js";
import { checkLinkToken, type LinkPurpose, linkKey } from "../subscribers/link-tokens.js";
import {
  confirmSubscription,
  emailAddress,
  preferencesInput,
  requestSignup,
  subscriberById,
  subscriberCategories,
  suppressAddress,
  unsubscribe,
  updatePreferences,
} from "../subscribers/subscriber-store.js";
import { digestFeed } from "./digest-feed.js";
import { DigestIndexPage, DigestPage } from "./digest-page.js";
import { PreferencesPage, ReaderPage, UnsubscribePage } from "./reader-pages.js";

/** Bounce, complaint and unsubscribe notices from the mail provider (or a mailbox bridge). */
const webhookEvent = z.object({
  type: z.enum(["bounce", "complaint", "unsubscribe"]),
  email: emailAddress,
  /** Soft bounces (mailbox full, greylisting) do not suppress; hard ones do. */
  bounceType: z.enum(["hard", "soft"]).default("hard"),
});
const webhookBody = z.union([
  webhookEvent.transform((e) => [e]),
  z.object({ events: z.array(webhookEvent).min(1).max(500) }).transform((b) => b.events),
]);

const subscriberQuery = z.object({
  s: z.coerce.number().int().positive().max(2_147_483_647),
  t: z.string().min(10).max(100),
});

type Status = 200 | 400 | 404 | 410 | 422 | 429;

/**
 * The digest's public side: each issue at its own URL, the issues feed, sign-up with double
 * opt-in, one-click unsubscribe, preferences and the provider webhook.
 */
export function digestRoutes(deps: SiteDeps): Hono {
  const app = new Hono();
  const db = deps.database.db;
  const signupOpen = () => mailerFor(deps) !== null;

  const readerPage = async (
    c: Context,
    title: string,
    message: string,
    status: Status = 200,
    extra: { signup?: boolean; error?: string } = {},
  ) => {
    const site = await loadSiteContext(deps, c.req.path);
    c.header("Cache-Control", "no-store");
    const body = await renderToString(
      <ReaderPage site={site} title={title} message={message} {...extra} />,
    );
    return c.html(body, status);
  };

  const issuePage = async (c: Context, edition: DigestEdition, day: string) => {
    if (!isDay(day))
      return readerPage(c, "No such issue", "There is no digest for that date.", 404);
    const issue = await findIssue(db, edition, day);
    if (!issue?.published_at) {
      return readerPage(c, "No such issue", "There is no digest for that date yet.", 404);
    }
    const digest = await digestForIssue(db, issue, deps.config);
    const around = await neighbours(db, edition, day);
    const site = await loadSiteContext(deps, c.req.path);
    const body = await renderToString(
      <DigestPage
        site={site}
        digest={digest}
        signup={signupOpen()}
        previous={around.previous ? issuePath({ edition, day: around.previous }) : undefined}
        next={around.next ? issuePath({ edition, day: around.next }) : undefined}
      />,
    );
    return sendBody(c, body, HTML, {
      tags: ["digest", `digest:${issue.id}`],
      lastModified: issue.updated_at,
      maxAge: 300,
    });
  };

  app.get("/digest", async (c) => {
    const issues = await publishedIssues(db, 60);
    const site = await loadSiteContext(deps, c.req.path);
    const body = await renderToString(
      <DigestIndexPage
        site={site}
        signup={signupOpen()}
        issues={issues.map((i) => ({
          path: issuePath(i),
          title: `${i.edition === "weekly" ? "Weekly: " : ""}${issueTitle(digestWindow(i.edition, i.day, deps.config.DIGEST_TIME_ZONE))}`,
        }))}
      />,
    );
    return sendBody(c, body, HTML, { tags: ["digest"], maxAge: 300 });
  });
  app.get("/digest/:day{[0-9]{4}-[0-9]{2}-[0-9]{2}}", (c) =>
    issuePage(c, "daily", c.req.param("day")),
  );
  app.get("/digest/week/:day{[0-9]{4}-[0-9]{2}-[0-9]{2}}", (c) =>
    issuePage(c, "weekly", c.req.param("day")),
  );
  for (const format of ["rss", "atom", "json"] as const) {
    const path = { rss: "/digest/feed.xml", atom: "/digest/atom.xml", json: "/digest/feed.json" }[
      format
    ];
    app.get(path, async (c) => {
      const feed = await digestFeed(deps, format);
      return sendBody(c, feed.body, feed.type, { tags: ["digest", "feeds"], maxAge: 300 });
    });
  }

  app.use("/digest/subscribe", clientIpMiddleware(deps.config.TRUST_PROXY));
  app.post("/digest/subscribe", async (c) => {
    if (!signupOpen()) {
      return readerPage(c, "Email is not available", "Follow the digest by RSS instead.", 404);
    }
    const form = await c.req.parseBody();
    const parsed = emailAddress.safeParse(typeof form.email === "string" ? form.email : "");
    if (!parsed.success) {
      return readerPage(c, "Check the address", "That does not look like an email address.", 422, {
        signup: true,
        error: "Enter an email address like name@example.com.",
      });
    }
    const outcome = await requestSignup(
      db,
      { email: parsed.data, clientKey: clientIp(c) },
      { perHour: deps.config.DIGEST_SIGNUPS_PER_HOUR },
      deps.clock.now(),
    );
    if (outcome === "throttled") {
      return readerPage(
        c,
        "Too many sign-ups",
        "Too many sign-ups from your connection. Try again in an hour.",
        429,
      );
    }
    // The same answer for a new, pending, subscribed or suppressed address.
    return readerPage(
      c,
      "Check your inbox",
      "If this address can receive the digest, we have sent it a link to confirm. Nothing is sent until you click it.",
    );
  });

  app.get("/digest/confirm", async (c) => {
    const outcome = await confirmSubscription(db, c.req.query("t") ?? "", deps.clock.now());
    if (outcome.ok) {
      return readerPage(
        c,
        "You are subscribed",
        "The next digest comes to your inbox. Every issue has a link to change how often or to unsubscribe.",
      );
    }
    return readerPage(
      c,
      outcome.reason === "expired" ? "This link has expired" : "This link does not work",
      "Confirmation links work once and only for a limited time. Sign up again for a fresh one.",
      410,
      { signup: signupOpen() },
    );
  });

  /** The subscriber a signed link names, or undefined when the link is not genuine. */
  const linkedSubscriber = async (c: Context, purpose: LinkPurpose) => {
    const query = subscriberQuery.safeParse({ s: c.req.query("s"), t: c.req.query("t") });
    if (!query.success) return undefined;
    if (!checkLinkToken(await linkKey(db), purpose, query.data.s, query.data.t)) return undefined;
    return subscriberById(db, query.data.s);
  };
  const badLink = (c: Context) =>
    readerPage(c, "This link does not work", "Use the link in your latest digest email.", 404);

  app.get("/digest/unsubscribe", async (c) => {
    const subscriber = await linkedSubscriber(c, "unsubscribe");
    if (!subscriber) return badLink(c);
    const site = await loadSiteContext(deps, "/digest/unsubscribe");
    c.header("Cache-Control", "no-store");
    const action = `/digest/unsubscribe?s=${subscriber.id}&t=${encodeURIComponent(c.req.query("t") ?? "")}`;
    return c.html(await renderToString(<UnsubscribePage site={site} action={action} />));
  });
  // RFC 8058 one-click (the mail client posts `List-Unsubscribe=One-Click`) and the page's button.
  app.post("/digest/unsubscribe", async (c) => {
    const subscriber = await linkedSubscriber(c, "unsubscribe");
    if (!subscriber) return badLink(c);
    await unsubscribe(db, subscriber.id, deps.clock.now());
    return readerPage(
      c,
      "Unsubscribed",
      "You will not receive the digest any more. You can sign up again at any time.",
    );
  });

  const preferences = async (c: Context, saved: boolean) => {
    const subscriber = await linkedSubscriber(c, "preferences");
    if (!subscriber) return badLink(c);
    const categories = await listCategories(db);
    const site = await loadSiteContext(deps, "/digest/preferences");
    c.header("Cache-Control", "no-store");
    const action = `/digest/preferences?s=${subscriber.id}&t=${encodeURIComponent(c.req.query("t") ?? "")}`;
    return c.html(
      await renderToString(
        <PreferencesPage
          site={site}
          action={action}
          frequency={subscriber.frequency}
          chosen={subscriberCategories(subscriber)}
          categories={categories.map((k) => ({ slug: k.slug, name: k.name }))}
          saved={saved}
        />,
      ),
    );
  };
  app.get("/digest/preferences", (c) => preferences(c, false));
  app.post("/digest/preferences", async (c) => {
    const subscriber = await linkedSubscriber(c, "preferences");
    if (!subscriber) return badLink(c);
    const form = await c.req.parseBody({ all: true });
    const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
    const parsed = preferencesInput.safeParse({
      frequency: form.frequency,
      categories: list(form.categories),
    });
    if (!parsed.success) return readerPage(c, "Check the form", "Choose daily or weekly.", 422);
    const known = new Set((await listCategories(db)).map((k) => k.slug));
    await updatePreferences(
      db,
      subscriber.id,
      { ...parsed.data, categories: parsed.data.categories.filter((s) => known.has(s)) },
      deps.clock.now(),
    );
    return preferences(c, true);
  });

  app.post("/digest/webhook", async (c) => {
    const secret = deps.config.DIGEST_WEBHOOK_SECRET;
    if (!secret) return c.json({ error: "webhook not configured" }, 404);
    const given = Buffer.from(c.req.header("authorization") ?? "");
    const expected = Buffer.from(`Bearer ${secret}`);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.json({ error: "unauthorized" }, 401);
    }
    const json = await c.req.json().catch(() => undefined);
    const parsed = webhookBody.safeParse(json);
    if (!parsed.success)
      return c.json({ error: "invalid body", issues: parsed.error.issues.length }, 400);
    const now = deps.clock.now();
    let suppressed = 0;
    let unsubscribed = 0;
    for (const event of parsed.data) {
      if (event.type === "unsubscribe") {
        const row = await db
          .selectFrom("digest_subscriber")
          .select("id")
          .where("email", "=", event.email)
          .executeTakeFirst();
        if (row) await unsubscribe(db, row.id, now);
        unsubscribed += 1;
      } else if (event.type === "complaint" || event.bounceType === "hard") {
        await suppressAddress(db, event.email, event.type, now);
        suppressed += 1;
      }
    }
    return c.json({ ok: true, suppressed, unsubscribed });
  });
  return app;
}
