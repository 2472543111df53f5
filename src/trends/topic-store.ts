import type { Insertable, Kysely, Transaction } from "kysely";
import { recordChange } from "../changes/record-change.js";
import type { Tables, TrendTopicTable } from "../db/schema.js";
import { rebuildTopic, type TopicStats } from "./topic-state.js";

type Tx = Transaction<Tables>;
export const CHUNK = 400;

export type TopicRow = TopicStats & { id: number; word: string; query: string; is_hashtag: number };

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

/** Topics by id or by query, in chunks; either list may be empty. */
export async function loadTopics(trx: Tx, ids: number[], queries: string[]): Promise<TopicRow[]> {
  const found = new Map<number, TopicRow>();
  const columns = [
    "id",
    "word",
    "query",
    "is_hashtag",
    "first_seen_at",
    "last_seen_at",
    "run_started_at",
    "seconds_on_list",
    "snapshot_count",
    "peak_rank",
    "peak_heat",
    "last_rank",
    "previous_rank",
    "last_heat",
    "last_label",
    "state",
  ] as const;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await trx
      .selectFrom("trend_topic")
      .select(columns)
      .where("id", "in", ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) found.set(r.id, r);
  }
  for (let i = 0; i < queries.length; i += CHUNK) {
    const rows = await trx
      .selectFrom("trend_topic")
      .select(columns)
      .where("query", "in", queries.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) found.set(r.id, r);
  }
  return [...found.values()];
}

/** Multi-row upsert by query; returns query → id for every row. */
export async function upsertTopics(
  trx: Tx,
  rows: Insertable<TrendTopicTable>[],
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += CHUNK / 2) {
    const result = await trx
      .insertInto("trend_topic")
      .values(rows.slice(i, i + CHUNK / 2))
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

/**
 * Recomputes the facts of the given topics from their points and the list timeline, written
 * back in multi-row upserts: one statement per row cost a round trip each, which made an
 * out-of-order batch (hundreds of topics per list) slow on PostgreSQL.
 */
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
  const rows: Insertable<TrendTopicTable>[] = [];
  for (let i = 0; i < topicIds.length; i += CHUNK) {
    const chunk = topicIds.slice(i, i + CHUNK);
    const topics = await trx
      .selectFrom("trend_topic")
      .select(["id", "word", "query", "is_hashtag"])
      .where("id", "in", chunk)
      .execute();
    const points = await trx
      .selectFrom("trend_point")
      .select(["topic_id", "snapshot_id", "captured_at", "rank", "heat", "label"])
      .where("topic_id", "in", chunk)
      .execute();
    const byTopic = new Map<number, typeof points>();
    for (const p of points) {
      const list = byTopic.get(p.topic_id);
      if (list) list.push(p);
      else byTopic.set(p.topic_id, [p]);
    }
    for (const topic of topics) {
      const sightings = (byTopic.get(topic.id) ?? []).map((p) => ({
        index: indexOf.get(p.snapshot_id) ?? 0,
        capturedAt: p.captured_at,
        rank: p.rank,
        heat: p.heat,
        label: p.label,
      }));
      const stats = rebuildTopic(sightings, times);
      if (!stats) continue;
      rows.push({
        word: topic.word,
        query: topic.query,
        is_hashtag: topic.is_hashtag,
        ...stats,
        updated_at: nowIso,
      });
    }
  }
  await upsertTopics(trx, rows);
}

/**
 * Sets (or clears with "") the English title an editor gave a topic. Pages and briefs use
 * it instead of pinyin. Machine titles come from `src/llm/topic-titles.ts` only.
 */
export async function setTopicTitleEn(
  db: Kysely<Tables>,
  topicId: number,
  titleEn: string,
  now: Date,
): Promise<boolean> {
  const title = titleEn.trim().slice(0, 200);
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable("trend_topic")
      // An editor's title replaces a machine one and is never marked as translation.
      .set({
        title_en: title,
        title_en_machine: 0,
        title_en_model: "",
        updated_at: now.toISOString(),
      })
      .where("id", "=", topicId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordChange(trx, { kind: "trends", topicIds: [topicId] }, now);
    return true;
  });
}
