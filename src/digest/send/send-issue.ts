import type { Config } from "../../config/env.js";
import type { Clock } from "../../core/clock.js";
import type { Logger } from "../../core/log.js";
import type { Database } from "../../db/database.js";
import { digestForIssue } from "../digest-service.js";
import { issueById } from "../issue-store.js";
import { subscriberMail } from "../mail/digest-message.js";
import { isPermanentFailure, type Mailer } from "../mail/mailer.js";
import { linkKey } from "../subscribers/link-tokens.js";
import { recipientsOf, subscriberCategories } from "../subscribers/subscriber-store.js";
import { claimDelivery, deliveryCounts, markFailed, markSent } from "./delivery-claims.js";

export interface SendContext {
  database: Database;
  config: Config;
  clock: Clock;
  log: Logger;
  mailer: Mailer;
  /** Waits between sends (the rate limit); tests may pass a recording one. */
  sleep?: (ms: number) => Promise<void>;
}

/** Attempts per delivery before it is marked failed. */
export const DELIVERY_ATTEMPTS = 5;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Sends one issue to every active subscriber of its edition who has not had it. Each copy
 * is claimed first (see `claimDelivery`), so several workers, or a worker started after
 * another was killed, each send a copy to a reader at most once.
 *
 * The guarantee and its one gap: a claim commits before the SMTP conversation, and the
 * SMTP server's acceptance is recorded right after it. A worker killed before the server
 * accepts leaves a claim that goes stale and is sent again (the server never kept the first
 * try); one killed in the moment between the server's acceptance and that commit (a single
 * local write) leaves the same stale claim, and that copy is sent twice. Both copies then
 * carry the same Message-ID, which mail clients fold together. Closing the gap entirely
 * would need the SMTP server to dedupe by Message-ID; we chose a rare visible duplicate
 * over a silently missed issue.
 *
 * Throws when deliveries are still due (retries, claims of a worker presumed alive), so
 * the job queue runs the job again later; marks the issue sent when none are.
 */
export async function sendIssue(
  ctx: SendContext,
  issueId: number,
  workerId: string,
): Promise<{ sent: number; failed: number }> {
  const db = ctx.database.db;
  const issue = await issueById(db, issueId);
  if (!issue) return { sent: 0, failed: 0 };
  const digest = await digestForIssue(db, issue, ctx.config);
  const key = await linkKey(db);
  const sleep = ctx.sleep ?? defaultSleep;
  const intervalMs = 60_000 / ctx.config.DIGEST_SEND_PER_MINUTE;
  const staleMs = ctx.config.DIGEST_CLAIM_STALE_SECONDS * 1000;
  let sent = 0;
  let failed = 0;
  let lastSendAt = 0;
  for (const subscriber of await recipientsOf(db, issue.edition)) {
    const claim = await claimDelivery(
      db,
      issue.id,
      subscriber.id,
      workerId,
      ctx.clock.now(),
      staleMs,
    );
    if (!claim) continue;
    const wait = lastSendAt + intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    lastSendAt = Date.now();
    try {
      const mail = await subscriberMail(
        ctx.config,
        key,
        digest,
        {
          id: subscriber.id,
          email: subscriber.email,
          categories: subscriberCategories(subscriber),
        },
        issue.id,
      );
      const info = await ctx.mailer.send(mail);
      if (!(await markSent(db, claim, workerId, info.messageId, ctx.clock.now()))) {
        ctx.log.warn(
          { issueId, subscriberId: subscriber.id },
          "digest claim was taken over mid-send",
        );
      }
      sent += 1;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const outcome = await markFailed(
        db,
        claim,
        workerId,
        message,
        isPermanentFailure(error),
        DELIVERY_ATTEMPTS,
        ctx.clock.now(),
      );
      if (outcome === "failed") failed += 1;
      ctx.log.warn(
        { issueId, subscriberId: subscriber.id, outcome, err: error },
        "digest send failed",
      );
    }
  }
  const counts = await deliveryCounts(db, issue.id);
  const pending = (counts.retry ?? 0) + (counts.sending ?? 0);
  if (pending > 0) throw new Error(`${pending} deliveries of issue ${issue.id} still due`);
  await db
    .updateTable("digest_issue")
    .set({ status: "sent", updated_at: ctx.clock.now().toISOString() })
    .where("id", "=", issue.id)
    .execute();
  return { sent, failed };
}
