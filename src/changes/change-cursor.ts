import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import { latestChangeId } from "./change-rows.js";

/** Where a named consumer stands in the feed (0 before `startCursor`). */
export async function readCursor(db: Kysely<Tables>, name: string): Promise<number> {
  const row = await db
    .selectFrom("change_cursor")
    .select("change_id")
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? Number(row.change_id) : 0;
}

/**
 * A consumer seen for the first time starts at the newest change: what came before is
 * covered by whatever builds its state from scratch. Later calls keep the stored position.
 */
export async function startCursor(db: Kysely<Tables>, name: string, now: Date): Promise<void> {
  const latest = await latestChangeId(db);
  await db
    .insertInto("change_cursor")
    .values({ name, change_id: latest, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
}

/** Moves the cursor forward, never back (two processes finishing out of order). */
export async function advanceCursor(
  db: Kysely<Tables>,
  name: string,
  changeId: number,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto("change_cursor")
    .values({ name, change_id: changeId, updated_at: at })
    .onConflict((oc) =>
      oc
        .column("name")
        .doUpdateSet({ change_id: changeId, updated_at: at })
        .where("change_cursor.change_id", "<", changeId),
    )
    .execute();
}
