import type { Insertable, Kysely, Transaction } from "kysely";
import type { Tables, TrendTopicTable } from "../db/schema.js";
import { compressPayload, payloadHash } from "./payload-codec.js";
import type { ValidList } from "./snapshot-validate.js";
import { advanceTopic, rebuildTopic, type TopicStats } from "./topic-state.js";
import type { SourceId, TrendRow } from "./trend-row.js";

type Tx = Transaction<Tables>;

export interface SnapshotInput {
  source: SourceId;
  capturedAt: Date;
  /** The raw payload text exactly as received; its hash makes ingestion idempotent. */
  payload: string;
  contentType: string;
  list: ValidList;
}

export interface IngestResult {
  status: "stored" | "duplicate";
  snapshotId: number;
  topicsCreated: number;
  points: number;
}

const CHUNK = 400;

/**
 * Stores one validated list in one transaction: the snapshot with its compressed payload,
 * the topics (upserted by query), a point per ranked row, and every affected topic's facts.
 * The same payload a second time changes nothing. A snapshot older than the newest one
 * (backfill out of order) triggers a rebuild of the affected topics from their points.
 */
export async function ingestSnapshot(
  db: Kysely<Tables>,
  input: SnapshotInput,
  now: Date,
): Promise<IngestResult> {
  const hash = payloadHash(input.payload);
  const capturedAt = input.capturedAt.toISOString();
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("trend_snapshot")
      .select("id")
      .where("payload_hash", "=", hash)
      .executeTakeFirst();
    if (existing)
      return { status: "duplicate", snapshotId: existing.id, topicsCreated: 0, points: 0 };

    const previous = await trx
      .selectFrom("trend_snapshot")
      .select(["id", "captured_at"])
      .where("kind", "=", "list")
      .where("captured_at", "<=", capturedAt)
      .orderBy("captured_at", "desc")
      .orderBy("id", "desc")
      .limit(1)
      .executeTakeFirst();
    const next = await trx
      .selectFrom("trend_snapshot")
      .select(["id", "captured_at"])
      .where("kind", "=", "list")
      .where("captured_at", ">", capturedAt)
      .orderBy("captured_at", "asc")
      .orderBy("id", "asc")
      .limit(1)
      .executeTakeFirst();

    const snapshot = await trx
      .insertInto("trend_snapshot")
      .values({
        source: input.source,
        kind: "list",
        captured_at: capturedAt,
        stored_at: now.toISOString(),
        payload_hash: hash,
        payload_gzip: compressPayload(input.payload),
        content_type: input.contentType,
        ranked_count: input.list.ranked.length,
        pinned_count: input.list.pinned.length,
        ad_count: input.list.ads.length,
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const known = await topicsByQuery(
      trx,
      input.list.ranked.map((r) => r.query),
    );
    const previousRanks = previous ? await ranksIn(trx, previous.id) : new Map<number, number>();
    const nowIso = now.toISOString();
    const rows: Insertable<TrendTopicTable>[] = input.list.ranked.map((row) => {
      const current = known.get(row.query);
      const base = identity(row, nowIso);
      if (next) {
        // Out of order: placeholder facts, rebuilt from the points below.
        return { ...base, ...(current ? pickStats(current) : seedStats(row, capturedAt)) };
      }
      const stats = advanceTopic(
        current ? pickStats(current) : null,
        { capturedAt, rank: row.rank ?? 0, heat: row.heat, label: row.label },
        previous
          ? {
              capturedAt: previous.captured_at,
              rank: current ? (previousRanks.get(current.id) ?? null) : null,
            }
          : null,
      );
      return { ...base, ...stats };
    });
    const ids = await upsertTopics(trx, rows);

    const points = input.list.ranked.map((row) => ({
      snapshot_id: snapshot.id,
      topic_id: ids.get(row.query) ?? 0,
      captured_at: capturedAt,
      rank: row.rank ?? 0,
      heat: row.heat,
      heat_category: row.heatCategory,
      label: row.label,
      is_commercial: row.isCommercial ? 1 : 0,
    }));
    for (let i = 0; i < points.length; i += CHUNK) {
      await trx
        .insertInto("trend_point")
        .values(points.slice(i, i + CHUNK))
        .execute();
    }

    const currentIds = new Set(ids.values());
    if (next) {
      const affected = new Set([...currentIds, ...(await ranksIn(trx, next.id)).keys()]);
      await rebuildTopics(trx, [...affected], nowIso);
    } else {
      const gone = [...previousRanks.keys()].filter((id) => !currentIds.has(id));
      if (gone.length > 0) {
        await trx
          .updateTable("trend_topic")
          .set({ state: "gone", run_started_at: null, updated_at: nowIso })
          .where("id", "in", gone)
          .execute();
      }
    }
    return {
      status: "stored",
      snapshotId: snapshot.id,
      topicsCreated: input.list.ranked.filter((r) => !known.has(r.query)).length,
      points: points.length,
    };
  });
}

function identity(row: TrendRow, nowIso: string) {
  return {
    word: row.word,
    query: row.query,
    is_hashtag: row.isHashtag ? 1 : 0,
    updated_at: nowIso,
  };
}

function seedStats(row: TrendRow, capturedAt: string): TopicStats {
  return {
    first_seen_at: capturedAt,
    last_seen_at: capturedAt,
    run_started_at: null,
    seconds_on_list: 0,
    snapshot_count: 0,
    peak_rank: row.rank,
    peak_heat: row.heat,
    last_rank: row.rank,
    previous_rank: null,
    last_heat: row.heat,
    last_label: row.label,
    state: "gone",
  };
}

export function pickStats(t: TopicStats): TopicStats {
  return {
    first_seen_at: t.first_seen_at,
    last_seen_at: t.last_seen_at,
    run_started_at: t.run_started_at,
    seconds_on_list: t.seconds_on_list,
    snapshot_count: t.snapshot_count,
    peak_rank: t.peak_rank,
    peak_heat: t.peak_heat,
    last_rank: t.last_rank,
    previous_rank: t.previous_rank,
    last_heat: t.last_heat,
    last_label: t.last_label,
    state: t.state,
  };
}

async function topicsByQuery(trx: Tx, queries: string[]) {
  const found = new Map<string, TopicStats & { id: number; query: string }>();
  for (let i = 0; i < queries.length; i += CHUNK) {
    const rows = await trx
      .selectFrom("trend_topic")
      .selectAll()
      .where("query", "in", queries.slice(i, i + CHUNK))
      .execute();
    for (const row of rows) found.set(row.query, row);
  }
  return found;
}

async function ranksIn(trx: Tx, snapshotId: number): Promise<Map<number, number>> {
  const rows = await trx
    .selectFrom("trend_point")
    .select(["topic_id", "rank"])
    .where("snapshot_id", "=", snapshotId)
    .execute();
  return new Map(rows.map((r) => [r.topic_id, r.rank]));
}

/** One multi-row upsert; returns query → id for every row. */
export async function upsertTopics(
  trx: Tx,
  rows: Insertable<TrendTopicTable>[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += CHUNK) {
    const result = await trx
      .insertInto("trend_topic")
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.column("query").doUpdateSet((eb) => ({
          word: eb.ref("excluded.word"),
          is_hashtag: eb.ref("excluded.is_hashtag"),
          first_seen_at: eb.ref("excluded.first_seen_at"),
          last_seen_at: eb.ref("excluded.last_seen_at"),
          run_started_at: eb.ref("excluded.run_started_at"),
          seconds_on_list: eb.ref("excluded.seconds_on_list"),
          snapshot_count: eb.ref("excluded.snapshot_count"),
          peak_rank: eb.ref("excluded.peak_rank"),
          peak_heat: eb.ref("excluded.peak_heat"),
          last_rank: eb.ref("excluded.last_rank"),
          previous_rank: eb.ref("excluded.previous_rank"),
          last_heat: eb.ref("excluded.last_heat"),
          last_label: eb.ref("excluded.last_label"),
          state: eb.ref("excluded.state"),
          updated_at: eb.ref("excluded.updated_at"),
        })),
      )
      .returning(["id", "query"])
      .execute();
    for (const r of result) ids.set(r.query, r.id);
  }
  return ids;
}

/** Recomputes the facts of the given topics from their points and the list timeline. */
export async function rebuildTopics(trx: Tx, topicIds: number[], nowIso: string): Promise<void> {
  if (topicIds.length === 0) return;
  const timeline = await trx
    .selectFrom("trend_snapshot")
    .select(["id", "captured_at"])
    .where("kind", "=", "list")
    .orderBy("captured_at")
    .orderBy("id")
    .execute();
  const indexOf = new Map(timeline.map((s, i) => [s.id, i]));
  const times = timeline.map((s) => s.captured_at);
  for (let i = 0; i < topicIds.length; i += CHUNK) {
    const chunk = topicIds.slice(i, i + CHUNK);
    const topics = await trx
      .selectFrom("trend_topic")
      .selectAll()
      .where("id", "in", chunk)
      .execute();
    const points = await trx
      .selectFrom("trend_point")
      .select(["topic_id", "snapshot_id", "captured_at", "rank", "heat", "label"])
      .where("topic_id", "in", chunk)
      .execute();
    for (const topic of topics) {
      const sightings = points
        .filter((p) => p.topic_id === topic.id)
        .map((p) => ({
          index: indexOf.get(p.snapshot_id) ?? 0,
          capturedAt: p.captured_at,
          rank: p.rank,
          heat: p.heat,
          label: p.label,
        }));
      const stats = rebuildTopic(sightings, times);
      if (!stats) continue;
      await trx
        .updateTable("trend_topic")
        .set({ ...stats, updated_at: nowIso })
        .where("id", "=", topic.id)
        .execute();
    }
  }
}
