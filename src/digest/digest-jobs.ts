import { randomUUID } from "node:crypto";
import { z } from "zod";
import { toUtcIso } from "../content/zoned-time.js";
import type { DigestEdition } from "../db/schema.js";
import type { ScheduledTask } from "../jobs/scheduler.js";
import type { JobHandler } from "../jobs/worker.js";
import { systemContext } from "../newsroom/audit-log.js";
import type { SiteDeps } from "../web/site-deps.js";
import { requestSend, SEND_JOB } from "./digest-service.js";
import { addDays, type DigestWindow, digestWindow, localDay, weekday } from "./digest-window.js";
import { issueFor, publishIssue } from "./issue-store.js";
import { confirmMail } from "./mail/digest-message.js";
import { createMailer, type Mailer } from "./mail/mailer.js";
import { sendIssue } from "./send/send-issue.js";
import { newConfirmToken } from "./subscribers/link-tokens.js";
import { CONFIRM_JOB, setConfirmToken } from "./subscribers/subscriber-store.js";

const sendPayload = z.object({ issueId: z.number().int().positive() });
const confirmPayload = z.object({ subscriberId: z.number().int().positive() });

/** One mailer per process, made on first use from SMTP_URL. */
const mailers = new WeakMap<SiteDeps["config"], Mailer | null>();
export function mailerFor(deps: Pick<SiteDeps, "config">): Mailer | null {
  if (!mailers.has(deps.config)) mailers.set(deps.config, createMailer(deps.config.SMTP_URL));
  return mailers.get(deps.config) ?? null;
}

function requireMailer(deps: SiteDeps): Mailer {
  const mailer = mailerFor(deps);
  if (!mailer) throw new Error("SMTP_URL is not set: digest email cannot be sent");
  return mailer;
}

/** `digest.send` sends an issue; `digest.confirm` sends a sign-up's confirmation link. */
export function digestJobHandlers(deps: SiteDeps): Record<string, JobHandler> {
  return {
    [SEND_JOB]: async (payload) => {
      const { issueId } = sendPayload.parse(payload);
      const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
      await sendIssue({ ...deps, mailer: requireMailer(deps) }, issueId, workerId);
    },
    [CONFIRM_JOB]: async (payload) => {
      const { subscriberId } = confirmPayload.parse(payload);
      const mailer = requireMailer(deps);
      const now = deps.clock.now();
      const { token, hash } = newConfirmToken();
      const expires = new Date(now.getTime() + deps.config.DIGEST_CONFIRM_HOURS * 3_600_000);
      const row = await setConfirmToken(deps.database.db, subscriberId, hash, expires, now);
      // Confirmed, unsubscribed or deleted since it was queued: nothing to send.
      if (!row) return;
      await mailer.send(confirmMail(deps.config, row.email, token));
    },
  };
}

/**
 * How far back a tick looks for issues a stopped process missed: the weekly edition's span,
 * so a week's outage still leaves every day with stored snapshots in the archive.
 */
const CATCH_UP_DAYS = 7;

/**
 * Runs every minute and does what is due, so a process that was down catches up: once the
 * configured local time has passed, yesterday's issue (and, on the weekly day, the weekly
 * one) is published on the web and in the feed and, with DIGEST_AUTO_SEND, sent. Issues of
 * earlier days of the last week are published too when snapshots were stored in their span
 * (a fresh install gets no empty back issues), but only the newest issue of each edition
 * is mailed: after an outage readers get one late letter, not a pile. Any issue an editor
 * scheduled is sent once its day is over and the time has come.
 */
export async function runDigestTick(deps: SiteDeps): Promise<void> {
  const db = deps.database.db;
  const now = deps.clock.now();
  const zone = deps.config.DIGEST_TIME_ZONE;
  const mail = mailerFor(deps) !== null;
  const sendAt = (day: string) =>
    toUtcIso(`${addDays(day, 1)}T${deps.config.DIGEST_SEND_AT}:00`, zone);
  const today = localDay(now, zone);
  const newestDue = new Map<DigestEdition, string>();
  const due: { edition: DigestEdition; day: string }[] = [];
  for (let back = 1; back <= CATCH_UP_DAYS; back++) {
    const day = addDays(today, -back);
    if (now.toISOString() < sendAt(day)) continue;
    const editions: DigestEdition[] =
      weekday(day) === deps.config.DIGEST_WEEKLY_DAY ? ["daily", "weekly"] : ["daily"];
    for (const edition of editions) {
      if (back > 1 && !(await hasSnapshots(db, digestWindow(edition, day, zone)))) continue;
      if (!newestDue.has(edition)) newestDue.set(edition, day);
      due.push({ edition, day });
    }
  }
  for (const { edition, day } of due.reverse()) {
    const issue = await issueFor(db, edition, day, now);
    await publishIssue(db, issue.id, now);
    const newest = day === newestDue.get(edition);
    if (newest && deps.config.DIGEST_AUTO_SEND && issue.status === "draft") {
      await requestSend(db, issue, mail, systemContext, now);
    }
  }
  const scheduled = await db
    .selectFrom("digest_issue")
    .selectAll()
    .where("status", "=", "scheduled")
    .execute();
  for (const issue of scheduled) {
    if (now.toISOString() >= sendAt(issue.day))
      await requestSend(db, issue, mail, systemContext, now);
  }
}

async function hasSnapshots(db: SiteDeps["database"]["db"], window: DigestWindow) {
  const row = await db
    .selectFrom("trend_snapshot")
    .select("id")
    .where("kind", "=", "list")
    .where("captured_at", ">=", window.start)
    .where("captured_at", "<", window.end)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export function digestTask(deps: SiteDeps): ScheduledTask {
  return { name: "digest-daily", pattern: "15 * * * * *", run: () => runDigestTick(deps) };
}
