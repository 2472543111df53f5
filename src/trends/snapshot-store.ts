import type { Insertable, Kysely, Transaction } from "kysely";
import { recordChange } from "../changes/record-change.js";
import { validationFailed } from "../core/errors.js";
import type { Tables, TrendPointTable, TrendTopicTable } from "../db/schema.js";
import { compressPayload, payloadHash } from "./payload-codec.js";
import { captureTimeProblem, type ValidList } from "./snapshot-validate.js";
import { advanceTopic, markGone, type TopicStats } from "./topic-state.js";
import {
  CHUNK,
  loadTopics,
  pickStats,
  rebuildTopics,
  type TopicRow,
  upsertTopics,
} from "./topic-store.js";
import type { SourceId } from "./trend-row.js";

type Tx = Transaction<Tables>;

export interface SnapshotInput {
  source: SourceId;
  capturedAt: Date;
  /** The raw payload text exactly as received; its hash makes ingestion idempotent. */
  payload: string;
  contentType: string;
  list: ValidList;
  /** A list replayed from the recorded demo day, marked so pages can say so. */
  replay?: boolean;
}

export interface IngestResult {
  status: "stored" | "duplicate";
  snapshotId: number;
  topicsCreated: number;
  points: number;
}

/**
 * Stores one validated list in one transaction: the snapshot with its compressed payload,
 * the topics (upserted by query), a point per ranked row, and every affected topic's facts.
 * The same payload a second time changes nothing.
 */
export async function ingestSnapshot(
  db: Kysely<Tables>,
  input: SnapshotInput,
  now: Date,
): Promise<IngestResult> {
  const [result] = await ingestSnapshots(db, [input], now);
  if (!result) throw new Error("ingestSnapshots returned no result");
  return result;
}

interface Prepared extends SnapshotInput {
  hash: string;
  at: string;
  gzip: string;
}

/**
 * Stores many lists in one transaction (backfill, replay): all or none. Results come back in
 * input order. Topic facts advance in memory snapshot by snapshot and are written once; a
 * batch reaching back before the newest stored list rebuilds the affected topics from points.
 */
export async function ingestSnapshots(
  db: Kysely<Tables>,
  inputs: SnapshotInput[],
  now: Date,
): Promise<IngestResult[]> {
  // The last gate before storage, for every caller (poller, backfill, replay).
  for (const input of inputs) {
    const problem = captureTimeProblem(input.capturedAt, now);
    if (problem) throw validationFailed(`Snapshot refused: ${problem}`, []);
  }
  // Hash and compress outside the transaction: CPU work should not hold the write lock.
  const prepared: Prepared[] = inputs.map((input) => ({
    ...input,
    hash: payloadHash(input.payload),
    at: input.capturedAt.toISOString(),
    gzip: compressPayload(input.payload),
  }));
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const results = new Map<string, IngestResult>();
    const known = await existingHashes(
      trx,
      prepared.map((p) => p.hash),
    );
    for (const [hash, id] of known)
      results.set(hash, { status: "duplicate", snapshotId: id, topicsCreated: 0, points: 0 });
    const fresh = [
      ...new Map(prepared.filter((p) => !known.has(p.hash)).map((p) => [p.hash, p])).values(),
    ];
    fresh.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    if (fresh.length > 0) {
      const topicIds = await storeInOrder(trx, fresh, results, nowIso);
      // The trend pages, hashtag boxes and sitemaps show these topics.
      await recordChange(trx, { kind: "trends", topicIds }, now);
    }
    return prepared.map((p) => {
      const r = results.get(p.hash);
      if (!r) throw new Error("missing result");
      return r;
    });
  });
}

async function storeInOrder(
  trx: Tx,
  fresh: Prepared[],
  results: Map<string, IngestResult>,
  nowIso: string,
): Promise<number[]> {
  const first = fresh[0]?.at ?? "";
  const latest = await trx
    .selectFrom("trend_snapshot")
    .select(["id", "captured_at"])
    .where("kind", "=", "list")
    .orderBy("captured_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .executeTakeFirst();
  const outOfOrder = latest !== undefined && latest.captured_at > first;

  let prevRanks = new Map<number, number>();
  if (latest && !outOfOrder) {
    const rows = await trx
      .selectFrom("trend_point")
      .select(["topic_id", "rank"])
      .where("snapshot_id", "=", latest.id)
      .execute();
    prevRanks = new Map(rows.map((r) => [r.topic_id, r.rank]));
  }
  const queries = [...new Set(fresh.flatMap((p) => p.list.ranked.map((r) => r.query)))];
  const topics = new Map<string, TopicRow>();
  for (const t of await loadTopics(trx, [...prevRanks.keys()], queries)) topics.set(t.query, t);
  const byId = new Map([...topics.values()].map((t) => [t.id, t]));

  // New topics get their id first (placeholder facts, overwritten below or by the rebuild).
  const missing = new Map<string, Insertable<TrendTopicTable>>();
  for (const p of fresh) {
    for (const row of p.list.ranked) {
      if (topics.has(row.query) || missing.has(row.query)) continue;
      missing.set(row.query, {
        word: row.word,
        query: row.query,
        is_hashtag: row.isHashtag ? 1 : 0,
        ...seed(p.at, row.rank, row.heat, row.label),
        updated_at: nowIso,
      });
    }
  }
  const created = new Set<string>();
  if (missing.size > 0) {
    for (const [query, id] of await upsertTopics(trx, [...missing.values()])) {
      const row = missing.get(query);
      if (!row) continue;
      const topic: TopicRow = {
        id,
        word: row.word,
        query,
        is_hashtag: row.is_hashtag,
        ...seed(row.first_seen_at, null, null, ""),
      };
      topics.set(query, topic);
      byId.set(id, topic);
      created.add(query);
    }
  }

  const stats = new Map<number, TopicStats | null>();
  for (const t of topics.values()) stats.set(t.id, created.has(t.query) ? null : pickStats(t));
  const touched = new Set<number>();
  const counted = new Set<string>();
  let prevAt = latest?.captured_at ?? null;
  const points: Insertable<TrendPointTable>[] = [];
  for (const p of fresh) {
    const snapshot = await trx
      .insertInto("trend_snapshot")
      .values({
        source: p.source,
        kind: "list",
        captured_at: p.at,
        stored_at: nowIso,
        payload_hash: p.hash,
        payload_gzip: p.gzip,
        content_type: p.contentType,
        ranked_count: p.list.ranked.length,
        pinned_count: p.list.pinned.length,
        ad_count: p.list.ads.length,
        is_replay: p.replay ? 1 : 0,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const ranks = new Map<number, number>();
    let newHere = 0;
    for (const row of p.list.ranked) {
      const topic = topics.get(row.query);
      if (!topic) throw new Error(`topic ${row.query} was not created`);
      const rank = row.rank ?? 0;
      ranks.set(topic.id, rank);
      if (created.has(row.query) && !counted.has(row.query)) {
        counted.add(row.query);
        newHere++;
      }
      points.push({
        snapshot_id: snapshot.id,
        topic_id: topic.id,
        captured_at: p.at,
        rank,
        heat: row.heat,
        heat_category: row.heatCategory,
        label: row.label,
        is_commercial: row.isCommercial ? 1 : 0,
      });
      if (outOfOrder) continue;
      const previous =
        prevAt === null ? null : { capturedAt: prevAt, rank: prevRanks.get(topic.id) ?? null };
      stats.set(
        topic.id,
        advanceTopic(
          stats.get(topic.id) ?? null,
          { capturedAt: p.at, rank, heat: row.heat, label: row.label },
          previous,
        ),
      );
      touched.add(topic.id);
    }
    if (!outOfOrder) {
      for (const id of prevRanks.keys()) {
        const s = stats.get(id);
        if (!ranks.has(id) && s) {
          stats.set(id, markGone(s));
          touched.add(id);
        }
      }
    }
    prevRanks = ranks;
    prevAt = p.at;
    results.set(p.hash, {
      status: "stored",
      snapshotId: snapshot.id,
      topicsCreated: newHere,
      points: p.list.ranked.length,
    });
    if (outOfOrder) for (const id of ranks.keys()) touched.add(id);
  }
  for (let i = 0; i < points.length; i += CHUNK) {
    await trx
      .insertInto("trend_point")
      .values(points.slice(i, i + CHUNK))
      .execute();
  }

  if (outOfOrder) {
    const later = await trx
      .selectFrom("trend_point")
      .select("topic_id")
      .distinct()
      .where("captured_at", ">", first)
      .execute();
    const rebuilt = [...new Set([...touched, ...later.map((r) => r.topic_id)])];
    await rebuildTopics(trx, rebuilt, nowIso);
    return rebuilt;
  }
  const rows: Insertable<TrendTopicTable>[] = [];
  for (const id of touched) {
    const topic = byId.get(id);
    const s = stats.get(id);
    if (!topic || !s) continue;
    rows.push({
      word: topic.word,
      query: topic.query,
      is_hashtag: topic.is_hashtag,
      ...s,
      updated_at: nowIso,
    });
  }
  await upsertTopics(trx, rows);
  return [...touched];
}

function seed(at: string, rank: number | null, heat: number | null, label: string): TopicStats {
  return {
    first_seen_at: at,
    last_seen_at: at,
    run_started_at: null,
    seconds_on_list: 0,
    snapshot_count: 0,
    peak_rank: rank,
    peak_heat: heat,
    last_rank: rank,
    previous_rank: null,
    last_heat: heat,
    last_label: label,
    state: "gone",
  };
}

async function existingHashes(trx: Tx, hashes: string[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < hashes.length; i += CHUNK) {
    const rows = await trx
      .selectFrom("trend_snapshot")
      .select(["id", "payload_hash"])
      .where("payload_hash", "in", hashes.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) found.set(r.payload_hash, r.id);
  }
  return found;
}
