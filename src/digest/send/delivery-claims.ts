import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";

export interface Claim {
  deliveryId: number;
  attempt: number;
}

/**
 * Claims the right to send one issue to one subscriber, in one transaction. The unique
 * (issue, subscriber) row is the claim: the first worker inserts it; another worker sees it
 * and moves on. A claim is taken over only when it is due for a retry, or when its worker
 * has been silent longer than `staleMs` (presumed dead: killed, crashed, lost its host);
 * the takeover is a compare-and-set on the row's status and claim time, so of two workers
 * racing for one stale claim exactly one wins. The subscriber's status is read in the same
 * transaction, so an unsubscribe that committed first is always honoured.
 */
export async function claimDelivery(
  db: Kysely<Tables>,
  issueId: number,
  subscriberId: number,
  workerId: string,
  now: Date,
  staleMs: number,
): Promise<Claim | null> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const subscriber = await trx
      .selectFrom("digest_subscriber")
      .select("status")
      .where("id", "=", subscriberId)
      .executeTakeFirst();
    if (subscriber?.status !== "active") return null;
    const inserted = await trx
      .insertInto("digest_delivery")
      .values({
        issue_id: issueId,
        subscriber_id: subscriberId,
        status: "sending",
        claimed_by: workerId,
        claimed_at: at,
        attempts: 1,
        next_attempt_at: null,
        sent_at: null,
      })
      .onConflict((oc) => oc.columns(["issue_id", "subscriber_id"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (inserted) return { deliveryId: inserted.id, attempt: 1 };
    const existing = await trx
      .selectFrom("digest_delivery")
      .selectAll()
      .where("issue_id", "=", issueId)
      .where("subscriber_id", "=", subscriberId)
      .executeTakeFirst();
    if (!existing) return null;
    const staleBefore = new Date(now.getTime() - staleMs).toISOString();
    const due =
      (existing.status === "retry" && (existing.next_attempt_at ?? "") <= at) ||
      (existing.status === "sending" && existing.claimed_at < staleBefore);
    if (!due) return null;
    const taken = await trx
      .updateTable("digest_delivery")
      .set({
        status: "sending",
        claimed_by: workerId,
        claimed_at: at,
        attempts: existing.attempts + 1,
        next_attempt_at: null,
      })
      .where("id", "=", existing.id)
      .where("status", "=", existing.status)
      .where("claimed_at", "=", existing.claimed_at)
      .executeTakeFirst();
    return Number(taken.numUpdatedRows) === 1
      ? { deliveryId: existing.id, attempt: existing.attempts + 1 }
      : null;
  });
}

/** Records the SMTP server's acceptance; false when the claim was lost meanwhile. */
export async function markSent(
  db: Kysely<Tables>,
  claim: Claim,
  workerId: string,
  messageId: string,
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable("digest_delivery")
    .set({ status: "sent", sent_at: now.toISOString(), message_id: messageId.slice(0, 300) })
    .where("id", "=", claim.deliveryId)
    .where("claimed_by", "=", workerId)
    .where("status", "=", "sending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A failed attempt: retried later with back-off, or given up after `maxAttempts`. */
export async function markFailed(
  db: Kysely<Tables>,
  claim: Claim,
  workerId: string,
  error: string,
  permanent: boolean,
  maxAttempts: number,
  now: Date,
): Promise<"retry" | "failed"> {
  const final = permanent || claim.attempt >= maxAttempts;
  const delayMs = Math.min(2 ** claim.attempt * 30_000, 60 * 60_000);
  await db
    .updateTable("digest_delivery")
    .set({
      status: final ? "failed" : "retry",
      next_attempt_at: final ? null : new Date(now.getTime() + delayMs).toISOString(),
      last_error: error.slice(0, 1000),
    })
    .where("id", "=", claim.deliveryId)
    .where("claimed_by", "=", workerId)
    .execute();
  return final ? "failed" : "retry";
}

/** Deliveries of an issue by status, for the newsroom page and the job's end check. */
export async function deliveryCounts(
  db: Kysely<Tables>,
  issueId: number,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("digest_delivery")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("issue_id", "=", issueId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
