import type { Kysely } from "kysely";
import { recordChange } from "../changes/record-change.js";
import { validationFailed } from "../core/errors.js";
import type { Tables } from "../db/schema.js";
import { compressPayload, payloadHash } from "./payload-codec.js";
import { captureTimeProblem } from "./snapshot-validate.js";
import type { SourceId, TrendRow } from "./trend-row.js";

export interface ArchiveInput {
  source: SourceId;
  /** The day (or moment) the archive covers; sightings are dated to it. */
  capturedAt: Date;
  payload: string;
  contentType: string;
  rows: TrendRow[];
}

/**
 * Stores a merged daily archive (e.g. justjavac's `[{url,title}]`): not a list, so no points
 * and no rank facts, only the raw payload and the topics it names (identity and the day
 * they were seen). Idempotent by payload hash, in one transaction.
 */
export async function ingestArchive(
  db: Kysely<Tables>,
  input: ArchiveInput,
  now: Date,
): Promise<{ status: "stored" | "duplicate"; snapshotId: number; topicsCreated: number }> {
  const problem = captureTimeProblem(input.capturedAt, now);
  if (problem) throw validationFailed(`Archive refused: ${problem}`, []);
  const hash = payloadHash(input.payload);
  const at = input.capturedAt.toISOString();
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("trend_snapshot")
      .select("id")
      .where("payload_hash", "=", hash)
      .executeTakeFirst();
    if (existing) return { status: "duplicate", snapshotId: existing.id, topicsCreated: 0 };
    const topics = input.rows.filter((r) => r.kind !== "ad");
    const snapshot = await trx
      .insertInto("trend_snapshot")
      .values({
        source: input.source,
        kind: "archive",
        captured_at: at,
        stored_at: nowIso,
        payload_hash: hash,
        payload_gzip: compressPayload(input.payload),
        content_type: input.contentType,
        ranked_count: topics.filter((r) => r.kind === "ranked").length,
        pinned_count: topics.filter((r) => r.kind === "pinned").length,
        ad_count: input.rows.length - topics.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const unique = [...new Map(topics.map((r) => [r.query, r])).values()];
    let created = 0;
    const topicIds: number[] = [];
    for (let i = 0; i < unique.length; i += 400) {
      const chunk = unique.slice(i, i + 400);
      const inserted = await trx
        .insertInto("trend_topic")
        .values(
          chunk.map((r) => ({
            word: r.word,
            query: r.query,
            is_hashtag: r.isHashtag ? 1 : 0,
            first_seen_at: at,
            last_seen_at: at,
            run_started_at: null,
            seconds_on_list: 0,
            snapshot_count: 0,
            peak_rank: null,
            peak_heat: null,
            last_rank: null,
            previous_rank: null,
            last_heat: null,
            last_label: "",
            state: "gone" as const,
            updated_at: nowIso,
          })),
        )
        .onConflict((oc) => oc.column("query").doNothing())
        .returning("id")
        .execute();
      created += inserted.length;
      const queries = chunk.map((r) => r.query);
      await trx
        .updateTable("trend_topic")
        .set({ first_seen_at: at })
        .where("query", "in", queries)
        .where("first_seen_at", ">", at)
        .execute();
      await trx
        .updateTable("trend_topic")
        .set({ last_seen_at: at })
        .where("query", "in", queries)
        .where("last_seen_at", "<", at)
        .execute();
      const ids = await trx
        .selectFrom("trend_topic")
        .select("id")
        .where("query", "in", queries)
        .execute();
      topicIds.push(...ids.map((r) => r.id));
    }
    await recordChange(trx, { kind: "trends", topicIds }, now);
    return { status: "stored", snapshotId: snapshot.id, topicsCreated: created };
  });
}
