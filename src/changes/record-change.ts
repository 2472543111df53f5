import type { Transaction } from "kysely";
import type { Tables } from "../db/schema.js";
import type { Change } from "./change.js";

/**
 * Records a change inside the writer's own transaction: the row exists exactly when the
 * write commits, so no reader learns of a write that rolled back and none misses one that
 * committed. On PostgreSQL the insert also queues the wake-up notice sent at commit.
 * Returns the change's id, which `ChangeFeed.settle` can wait for.
 */
export async function recordChange(
  trx: Transaction<Tables>,
  change: Change,
  at: Date = new Date(),
): Promise<number> {
  const row = await trx
    .insertInto("change")
    .values({ kind: change.kind, payload: JSON.stringify(change), at: at.toISOString() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
