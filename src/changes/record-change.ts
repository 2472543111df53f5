import type { Transaction } from "kysely";
import type { Tables } from "../db/schema.js";
import type { Change } from "./change.js";

/**
 * Records a change inside the writer's own transaction: the row exists exactly when the
 * write commits, so no reader learns of a write that rolled back and none misses one that
 * committed. On PostgreSQL the insert also queues the wake-up notice sent at commit.
 * Returns the change's id, which `ChangeFeed.settle` can wait for. On PostgreSQL the row gets
 * its final id at commit (migration 1210, so ids follow commit order without a lock held
 * across the writer's other writes); the returned id is then a lower bound.
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
