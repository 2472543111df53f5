import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { READER_STALE_MS } from "./change-readers.js";

/** Changes kept at least this long, so a process that was away for a while can catch up. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** And at least this many of the newest, whatever their age. */
const KEEP_ROWS = 10_000;

/**
 * Keeps the change table bounded: drops changes older than a day beyond the newest 10,000,
 * but never one a live reader has yet to deliver, and forgets readers long gone.
 */
export async function pruneChanges(
  db: Kysely<Tables>,
  now: Date,
): Promise<{ changes: number; readers: number }> {
  const readers = await db
    .deleteFrom("change_reader")
    .where("heartbeat_at", "<", new Date(now.getTime() - 60 * READER_STALE_MS).toISOString())
    .executeTakeFirst();
  const bounds = await db
    .selectFrom("change")
    .select((eb) => eb.fn.max("id").as("latest"))
    .executeTakeFirst();
  const slowest = await db
    .selectFrom("change_reader")
    .select((eb) => eb.fn.min("delivered_id").as("delivered"))
    .executeTakeFirst();
  const latest = Number(bounds?.latest ?? 0);
  let below = latest - KEEP_ROWS;
  if (slowest?.delivered !== null && slowest?.delivered !== undefined)
    below = Math.min(below, Number(slowest.delivered));
  if (below <= 0) return { changes: 0, readers: Number(readers.numDeletedRows) };
  const result = await db
    .deleteFrom("change")
    .where("id", "<=", below)
    .where("at", "<", new Date(now.getTime() - KEEP_MS).toISOString())
    .executeTakeFirst();
  return { changes: Number(result.numDeletedRows), readers: Number(readers.numDeletedRows) };
}
