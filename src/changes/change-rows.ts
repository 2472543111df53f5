import type { Kysely } from "kysely";
import type { Logger } from "../core/log.js";
import type { Tables } from "../db/schema.js";
import type { RecordedChange } from "./change.js";
import { changeSchema } from "./change-schema.js";

/** The newest change id, 0 when none was ever recorded. */
export async function latestChangeId(db: Kysely<Tables>): Promise<number> {
  const row = await db
    .selectFrom("change")
    .select((eb) => eb.fn.max("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * Changes after `afterId` in id order, at most `limit`. A row that does not parse (written
 * by a newer version) is skipped with a warning rather than blocking every later change.
 */
export async function changesAfter(
  db: Kysely<Tables>,
  afterId: number,
  limit: number,
  log: Logger,
): Promise<{ changes: RecordedChange[]; lastId: number; rows: number }> {
  const rows = await db
    .selectFrom("change")
    .select(["id", "payload", "at"])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  const changes: RecordedChange[] = [];
  for (const row of rows) {
    let json: unknown;
    try {
      json = JSON.parse(row.payload);
    } catch {
      json = undefined;
    }
    const parsed = changeSchema.safeParse(json);
    if (parsed.success) changes.push({ ...parsed.data, id: Number(row.id), at: row.at });
    else log.warn({ changeId: row.id }, "skipped a change row that does not parse");
  }
  const last = rows[rows.length - 1];
  return { changes, lastId: last ? Number(last.id) : afterId, rows: rows.length };
}
