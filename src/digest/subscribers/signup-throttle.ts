import { type Kysely, sql } from "kysely";
import type { Tables } from "../../db/schema.js";

/**
 * Counts one attempt against `key` in a fixed window and says whether it is within `limit`.
 * One UPDATE does the read-and-count, so concurrent requests in several processes cannot
 * both slip under the limit.
 */
export async function allowAttempt(
  db: Kysely<Tables>,
  key: string,
  limit: number,
  windowMs: number,
  now: Date,
): Promise<boolean> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - windowMs).toISOString();
  await db
    .insertInto("digest_throttle")
    .values({ key, window_start: at, count: 0 })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const { rows } = await sql<{ count: number }>`
    update digest_throttle
    set count = case when window_start < ${cutoff} then 1 else count + 1 end,
        window_start = case when window_start < ${cutoff} then ${at} else window_start end
    where key = ${key}
    returning count`.execute(db);
  return Number(rows[0]?.count ?? limit + 1) <= limit;
}
