import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Kysely } from "kysely";
import type { Tables } from "../../db/schema.js";

export type LinkPurpose = "unsubscribe" | "preferences";

const KEY_NAME = "link-key";

/**
 * The key that signs unsubscribe and preference links. Those links go out in every email,
 * so they cannot be random tokens stored only as hashes; they are HMACs of the subscriber
 * id instead, checked by recomputing, and nothing per reader is stored at all. The key is
 * made once per database (first use, any process) and kept with the data it protects.
 */
export async function linkKey(db: Kysely<Tables>): Promise<Buffer> {
  await db
    .insertInto("digest_secret")
    .values({ name: KEY_NAME, value: randomBytes(32).toString("base64") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db
    .selectFrom("digest_secret")
    .select("value")
    .where("name", "=", KEY_NAME)
    .executeTakeFirstOrThrow();
  return Buffer.from(row.value, "base64");
}

export function linkToken(key: Buffer, purpose: LinkPurpose, subscriberId: number): string {
  return createHmac("sha256", key).update(`${purpose}:${subscriberId}`).digest("base64url");
}

export function checkLinkToken(
  key: Buffer,
  purpose: LinkPurpose,
  subscriberId: number,
  token: string,
): boolean {
  const expected = Buffer.from(linkToken(key, purpose, subscriberId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A one-time confirmation token: the email holds it, the database only its hash. */
export function newConfirmToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Suppressed addresses are kept only as this hash. */
export function addressHash(email: string): string {
  return createHash("sha256")
    .update(`digest-suppression:${email.trim().toLowerCase()}`)
    .digest("hex");
}
