import type { Kysely } from "kysely";
import type { Logger } from "../core/log.js";
import type { Tables } from "../db/schema.js";

/** A reader whose heartbeat is older than this is presumed gone and no longer waited for. */
export const READER_STALE_MS = 10_000;
/** Longest a writer waits for every live reader after its commit. */
export const SETTLE_TIMEOUT_MS = 1_000;
const SETTLE_POLL_MS = 5;

export async function registerReader(
  db: Kysely<Tables>,
  readerId: string,
  role: string,
  deliveredId: number,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto("change_reader")
    .values({
      reader_id: readerId,
      role,
      delivered_id: deliveredId,
      heartbeat_at: at,
      started_at: at,
    })
    .onConflict((oc) =>
      oc.column("reader_id").doUpdateSet({ delivered_id: deliveredId, heartbeat_at: at }),
    )
    .execute();
}

/**
 * Marks the reader alive and how far it delivered. Never moves the position back: a
 * heartbeat that read an older cursor may land after the report of a newer one.
 */
export async function reportReader(
  db: Kysely<Tables>,
  readerId: string,
  deliveredId: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable("change_reader")
    .set({ delivered_id: deliveredId, heartbeat_at: now.toISOString() })
    .where("reader_id", "=", readerId)
    .where("delivered_id", "<=", deliveredId)
    .execute();
}

export async function unregisterReader(db: Kysely<Tables>, readerId: string): Promise<void> {
  await db.deleteFrom("change_reader").where("reader_id", "=", readerId).execute();
}

/** The lowest delivered id among live readers other than `except`; undefined when none. */
async function slowestLiveReader(
  db: Kysely<Tables>,
  except: string | undefined,
  now: Date,
): Promise<number | undefined> {
  let query = db
    .selectFrom("change_reader")
    .select((eb) => eb.fn.min("delivered_id").as("delivered"))
    .where("heartbeat_at", ">=", new Date(now.getTime() - READER_STALE_MS).toISOString());
  if (except !== undefined) query = query.where("reader_id", "!=", except);
  const row = await query.executeTakeFirst();
  return row?.delivered === null || row?.delivered === undefined
    ? undefined
    : Number(row.delivered);
}

/**
 * Waits until every live reader (except `except`, the caller's own, already delivered) has
 * handed change `throughId` to its listeners: what makes "published" mean "visible in every
 * process". Bounded: a reader that does not keep up within the timeout is logged, not waited
 * for, so one stuck process never blocks the newsroom.
 */
export async function awaitReaders(
  db: Kysely<Tables>,
  throughId: number,
  log: Logger,
  options: { except?: string; timeoutMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + (options.timeoutMs ?? SETTLE_TIMEOUT_MS);
  for (;;) {
    const slowest = await slowestLiveReader(db, options.except, new Date());
    if (slowest === undefined || slowest >= throughId) return true;
    if (Date.now() >= deadline) {
      const behind = await db
        .selectFrom("change_reader")
        .select(["reader_id", "role", "delivered_id"])
        .where("delivered_id", "<", throughId)
        .execute();
      log.warn({ throughId, behind }, "a process did not deliver a change within the bound");
      return false;
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
  }
}
