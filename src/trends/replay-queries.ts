import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";

/** First and last capture time (UTC ISO) of replayed lists, or null when none is involved. */
export interface ReplaySpan {
  from: string;
  to: string;
}

/**
 * The span of replayed (demo) lists a topic was ranked in, or of every replayed list when
 * no topic is named: pages say "replay of 26 Aug 2025" from it.
 */
export async function replaySpan(db: Kysely<Tables>, topicId?: number): Promise<ReplaySpan | null> {
  let query = db
    .selectFrom("trend_snapshot as s")
    .select((eb) => [eb.fn.min("s.captured_at").as("from"), eb.fn.max("s.captured_at").as("to")])
    .where("s.is_replay", "=", 1)
    .where("s.kind", "=", "list");
  if (topicId !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("trend_point as p")
          .select("p.snapshot_id")
          .whereRef("p.snapshot_id", "=", "s.id")
          .where("p.topic_id", "=", topicId),
      ),
    );
  }
  const row = await query.executeTakeFirst();
  return row?.from && row.to ? { from: String(row.from), to: String(row.to) } : null;
}
