import type { Kysely, Selectable } from "kysely";
import { z } from "zod";
import type { DigestEdition, DigestSubscriberTable, Tables } from "../../db/schema.js";
import { enqueueJobIn } from "../../jobs/job-queue.js";
import { addressHash, hashToken } from "./link-tokens.js";
import { allowAttempt } from "./signup-throttle.js";

export type SubscriberRow = Selectable<DigestSubscriberTable>;

export const CONFIRM_JOB = "digest.confirm";

/** An address as typed in the form: trimmed, lower-cased, a plausible mailbox. */
export const emailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: "Enter an email address like name@example.com." }));

export const preferencesInput = z.object({
  frequency: z.enum(["daily", "weekly"]),
  categories: z.array(z.string().regex(/^[a-z0-9-]{1,80}$/)).max(50),
});
export type Preferences = z.infer<typeof preferencesInput>;

const HOUR_MS = 60 * 60_000;
/** Confirmation emails one address may be sent per day, however often it is typed in. */
const CONFIRMS_PER_ADDRESS_PER_DAY = 3;

export type SignupOutcome = "accepted" | "throttled";

/**
 * A sign-up. The answer is the same whether the address is new, pending, already
 * subscribed, unsubscribed or suppressed (only the client's own rate limit is ever
 * reported), so the form cannot be used to learn who reads us. A confirmation email is
 * queued only where one is due; the job makes the token, so no token waits in the queue.
 */
export async function requestSignup(
  db: Kysely<Tables>,
  input: { email: string; clientKey: string },
  limits: { perHour: number },
  now: Date,
): Promise<SignupOutcome> {
  if (!(await allowAttempt(db, `signup:${input.clientKey}`, limits.perHour, HOUR_MS, now))) {
    return "throttled";
  }
  const email = input.email;
  const suppressed = await db
    .selectFrom("digest_suppression")
    .select("email_hash")
    .where("email_hash", "=", addressHash(email))
    .executeTakeFirst();
  if (suppressed) return "accepted";
  if (
    !(await allowAttempt(
      db,
      `address:${addressHash(email)}`,
      CONFIRMS_PER_ADDRESS_PER_DAY,
      24 * HOUR_MS,
      now,
    ))
  ) {
    return "accepted";
  }
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("digest_subscriber")
      .values({
        email,
        status: "pending",
        created_at: at,
        updated_at: at,
        confirm_token_hash: null,
        confirm_expires_at: null,
        confirmed_at: null,
        unsubscribed_at: null,
      })
      .onConflict((oc) => oc.column("email").doNothing())
      .execute();
    const row = await trx
      .selectFrom("digest_subscriber")
      .select(["id", "status"])
      .where("email", "=", email)
      .executeTakeFirstOrThrow();
    if (row.status === "active" || row.status === "suppressed") return;
    if (row.status === "unsubscribed") {
      await trx
        .updateTable("digest_subscriber")
        .set({ status: "pending", updated_at: at })
        .where("id", "=", row.id)
        .execute();
    }
    await enqueueJobIn(trx, CONFIRM_JOB, { subscriberId: row.id }, now, {
      uniqueKey: `${CONFIRM_JOB}:${row.id}`,
    });
  });
  return "accepted";
}

/** Stores the hash of a fresh confirmation token (replacing any earlier one). */
export async function setConfirmToken(
  db: Kysely<Tables>,
  subscriberId: number,
  tokenHash: string,
  expiresAt: Date,
  now: Date,
): Promise<SubscriberRow | undefined> {
  await db
    .updateTable("digest_subscriber")
    .set({
      confirm_token_hash: tokenHash,
      confirm_expires_at: expiresAt.toISOString(),
      updated_at: now.toISOString(),
    })
    .where("id", "=", subscriberId)
    .where("status", "=", "pending")
    .execute();
  return db
    .selectFrom("digest_subscriber")
    .selectAll()
    .where("id", "=", subscriberId)
    .where("status", "=", "pending")
    .executeTakeFirst();
}

export type ConfirmOutcome =
  | { ok: true; subscriberId: number }
  | { ok: false; reason: "expired" | "unknown" };

/** Activates the subscription the token belongs to, once, before it expires. */
export async function confirmSubscription(
  db: Kysely<Tables>,
  token: string,
  now: Date,
): Promise<ConfirmOutcome> {
  if (!/^[\w-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
  const hash = hashToken(token);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("digest_subscriber")
      .select(["id", "confirm_expires_at"])
      .where("confirm_token_hash", "=", hash)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "unknown" } as const;
    if ((row.confirm_expires_at ?? "") <= now.toISOString()) {
      return { ok: false, reason: "expired" } as const;
    }
    const at = now.toISOString();
    await trx
      .updateTable("digest_subscriber")
      .set({
        status: "active",
        confirmed_at: at,
        confirm_token_hash: null,
        confirm_expires_at: null,
        unsubscribed_at: null,
        updated_at: at,
      })
      .where("id", "=", row.id)
      .execute();
    return { ok: true, subscriberId: row.id } as const;
  });
}

export async function subscriberById(
  db: Kysely<Tables>,
  id: number,
): Promise<SubscriberRow | undefined> {
  return db.selectFrom("digest_subscriber").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Stops every future send to the subscriber. Idempotent. */
export async function unsubscribe(db: Kysely<Tables>, id: number, now: Date): Promise<void> {
  await db
    .updateTable("digest_subscriber")
    .set({
      status: "unsubscribed",
      unsubscribed_at: now.toISOString(),
      confirm_token_hash: null,
      confirm_expires_at: null,
      updated_at: now.toISOString(),
    })
    .where("id", "=", id)
    .where("status", "in", ["active", "pending"])
    .execute();
}

export async function updatePreferences(
  db: Kysely<Tables>,
  id: number,
  preferences: Preferences,
  now: Date,
): Promise<void> {
  await db
    .updateTable("digest_subscriber")
    .set({
      frequency: preferences.frequency,
      categories: JSON.stringify([...new Set(preferences.categories)].sort()),
      updated_at: now.toISOString(),
    })
    .where("id", "=", id)
    .execute();
}

export function subscriberCategories(row: Pick<SubscriberRow, "categories">): string[] {
  const parsed = z.array(z.string()).safeParse(JSON.parse(row.categories || "[]"));
  return parsed.success ? parsed.data : [];
}

/**
 * A bounce or complaint: the address never receives mail again, even after it is deleted
 * (the suppression list keeps only a hash of it).
 */
export async function suppressAddress(
  db: Kysely<Tables>,
  email: string,
  reason: string,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  return db.transaction().execute(async (trx) => {
    await trx
      .insertInto("digest_suppression")
      .values({ email_hash: addressHash(email), reason: reason.slice(0, 200), at })
      .onConflict((oc) => oc.column("email_hash").doNothing())
      .execute();
    const result = await trx
      .updateTable("digest_subscriber")
      .set({
        status: "suppressed",
        confirm_token_hash: null,
        confirm_expires_at: null,
        updated_at: at,
      })
      .where("email", "=", email.trim().toLowerCase())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  });
}

/** Everything stored about one address, for a request to see it (newsroom page, CLI). */
export async function exportSubscriber(
  db: Kysely<Tables>,
  email: string,
): Promise<Record<string, unknown> | null> {
  const row = await db
    .selectFrom("digest_subscriber")
    .selectAll()
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  const suppressed = await db
    .selectFrom("digest_suppression")
    .select(["reason", "at"])
    .where("email_hash", "=", addressHash(email))
    .executeTakeFirst();
  if (!row && !suppressed) return null;
  const deliveries = row
    ? await db
        .selectFrom("digest_delivery as d")
        .innerJoin("digest_issue as i", "i.id", "d.issue_id")
        .select(["i.edition", "i.day", "d.status", "d.sent_at"])
        .where("d.subscriber_id", "=", row.id)
        .orderBy("i.day")
        .execute()
    : [];
  return {
    email: email.trim().toLowerCase(),
    subscription: row
      ? {
          status: row.status,
          frequency: row.frequency,
          categories: subscriberCategories(row),
          created_at: row.created_at,
          confirmed_at: row.confirmed_at,
          unsubscribed_at: row.unsubscribed_at,
          confirmation_pending: row.confirm_token_hash !== null,
        }
      : null,
    deliveries,
    suppression: suppressed ?? null,
  };
}

/**
 * Deletes the address and its delivery history. A suppression (bounce, complaint) stays as
 * a hash, so a deleted address that once complained is still never mailed.
 */
export async function deleteSubscriber(db: Kysely<Tables>, email: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("digest_subscriber")
      .select("id")
      .where("email", "=", email.trim().toLowerCase())
      .executeTakeFirst();
    if (!row) return false;
    await trx.deleteFrom("digest_delivery").where("subscriber_id", "=", row.id).execute();
    await trx.deleteFrom("digest_subscriber").where("id", "=", row.id).execute();
    return true;
  });
}

/** Subscribers who get this edition, in id order. */
export async function recipientsOf(
  db: Kysely<Tables>,
  edition: DigestEdition,
): Promise<SubscriberRow[]> {
  return db
    .selectFrom("digest_subscriber")
    .selectAll()
    .where("status", "=", "active")
    .where("frequency", "=", edition)
    .orderBy("id")
    .execute();
}
