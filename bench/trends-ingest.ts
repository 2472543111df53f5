/**
 * Trends ingest benchmark (not a test): parse + validate + store throughput for one
 * snapshot and for a full day of minute-level snapshots (1,440 × 50 rows) on SQLite and
 * PostgreSQL, against a naive row-by-row baseline measured in the same run.
 *
 *   npx tsx bench/trends-ingest.ts            # both databases
 *   RESOU_TEST_DIALECTS=sqlite npx tsx bench/trends-ingest.ts
 *
 * The day is synthesised from the 22 real hourly captures of 2025-08-26: each minute takes
 * the capture of its hour, with Weibo's generation time set to that minute and a seeded
 * shuffle of neighbouring ranks and heat, so every payload is distinct and realistic.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Kysely } from "kysely";
import type { DialectName } from "../src/db/database.js";
import type { Tables } from "../src/db/schema.js";
import {
  ingestSnapshot,
  ingestSnapshots,
  type SnapshotInput,
} from "../src/trends/snapshot-store.js";
import type { ValidList } from "../src/trends/snapshot-validate.js";
import { validateList } from "../src/trends/snapshot-validate.js";
import { parseMWeiboCn } from "../src/trends/sources/m-weibo-cn-source.js";
import { isFailure } from "../src/trends/sources/trend-source.js";
import { createTestDatabase, TEST_DIALECTS } from "../test/support/test-database.js";
import { seededRandom } from "./support/real-sentences.js";

const DIR = join(import.meta.dirname, "../test/fixtures/weibo/m-weibo-cn-container");
const DAY_START = Date.parse("2025-08-26T00:00:00+08:00") / 1000;
const MINUTES = Number(process.env.BENCH_MINUTES ?? 1440);
const BASELINE_MINUTES = Number(process.env.BENCH_BASELINE_MINUTES ?? 240);

interface Card {
  desc_extr?: number | string;
  pic?: string;
  itemid?: string;
  actionlog?: { ext?: string };
}
interface Payload {
  ok: number;
  data: { cardlistInfo: { starttime: number }; cards: { itemid?: string; card_group?: Card[] }[] };
}

/** One distinct, valid m.weibo.cn payload per minute of the day. */
function synthesiseDay(): string[] {
  const captures = readdirSync(DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => readFileSync(join(DIR, f), "utf8"));
  const payloads: string[] = [];
  for (let m = 0; m < MINUTES; m++) {
    const source =
      captures[Math.min(captures.length - 1, Math.floor((m * captures.length) / 1440))] ?? "";
    const payload = JSON.parse(source) as Payload;
    payload.data.cardlistInfo.starttime = DAY_START + m * 60;
    const group = payload.data.cards.find((c) => c.itemid === "hotword")?.card_group ?? [];
    const ranked = group.filter((r) => /\|realpos:\d+/.test(r.itemid ?? ""));
    const random = seededRandom(m + 1);
    for (let i = 0; i + 1 < ranked.length; i++) {
      const a = ranked[i];
      const b = ranked[i + 1];
      if (!a || !b || random() > 0.15) continue;
      // swap the two topics' ranks (realpos in itemid, badge in pic)
      const ra = a.itemid?.match(/realpos:(\d+)/)?.[1];
      const rb = b.itemid?.match(/realpos:(\d+)/)?.[1];
      if (!ra || !rb) continue;
      a.itemid = a.itemid?.replace(`realpos:${ra}`, `realpos:${rb}`);
      b.itemid = b.itemid?.replace(`realpos:${rb}`, `realpos:${ra}`);
      [a.pic, b.pic] = [b.pic, a.pic];
      i++;
    }
    for (const r of ranked) {
      if (typeof r.desc_extr === "number")
        r.desc_extr = Math.round(r.desc_extr * (0.95 + random() * 0.1));
    }
    payloads.push(JSON.stringify(payload));
  }
  return payloads;
}

function parseValid(body: string): ValidList {
  const parsed = parseMWeiboCn(body);
  if (isFailure(parsed)) throw new Error(parsed.reason);
  const list = validateList(parsed);
  if (!list.ok) throw new Error(`${list.reason}: ${list.detail}`);
  return list;
}

const BATCH = Number(process.env.BENCH_BATCH ?? 60);

function input(body: string): SnapshotInput {
  const list = parseValid(body);
  return {
    source: "m-weibo-cn",
    capturedAt: list.generatedAt ?? new Date(),
    payload: body,
    contentType: "application/json",
    list,
  };
}

/** Live path: one transaction per snapshot, as the poller does every minute. */
async function ingestDayOneByOne(db: Kysely<Tables>, payloads: string[]): Promise<number> {
  const started = performance.now();
  for (const body of payloads) await ingestSnapshot(db, input(body), new Date());
  return performance.now() - started;
}

/** Replay path: an hour of snapshots per transaction, as a backfill import does. */
async function ingestDayBatched(db: Kysely<Tables>, payloads: string[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < payloads.length; i += BATCH) {
    await ingestSnapshots(db, payloads.slice(i, i + BATCH).map(input), new Date());
  }
  return performance.now() - started;
}

async function clear(db: Kysely<Tables>): Promise<void> {
  await db.deleteFrom("trend_point").execute();
  await db.deleteFrom("trend_snapshot").execute();
  await db.deleteFrom("trend_topic").execute();
}

/** Baseline: the obvious code — one statement per row (select, insert-or-update, point). */
async function ingestNaive(db: Kysely<Tables>, payloads: string[]): Promise<number> {
  const started = performance.now();
  for (const body of payloads) {
    const list = parseValid(body);
    const at = (list.generatedAt ?? new Date()).toISOString();
    await db.transaction().execute(async (trx) => {
      const snap = await trx
        .insertInto("trend_snapshot")
        .values({
          source: "naive",
          kind: "list",
          captured_at: at,
          stored_at: at,
          payload_hash: `${at}-${Math.random()}`,
          payload_gzip: "",
          content_type: "",
          ranked_count: 50,
          pinned_count: 0,
          ad_count: 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      for (const row of list.ranked) {
        const found = await trx
          .selectFrom("trend_topic")
          .select(["id", "peak_rank"])
          .where("query", "=", row.query)
          .executeTakeFirst();
        let id = found?.id;
        if (found) {
          await trx
            .updateTable("trend_topic")
            .set({
              last_seen_at: at,
              last_rank: row.rank,
              peak_rank: Math.min(found.peak_rank ?? 99, row.rank ?? 99),
            })
            .where("id", "=", found.id)
            .execute();
        } else {
          const inserted = await trx
            .insertInto("trend_topic")
            .values({
              word: row.word,
              query: row.query,
              is_hashtag: 0,
              first_seen_at: at,
              last_seen_at: at,
              run_started_at: at,
              seconds_on_list: 0,
              snapshot_count: 1,
              peak_rank: row.rank,
              peak_heat: row.heat,
              last_rank: row.rank,
              previous_rank: null,
              last_heat: row.heat,
              last_label: row.label,
              state: "new",
              updated_at: at,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          id = inserted.id;
        }
        await trx
          .insertInto("trend_point")
          .values({
            snapshot_id: snap.id,
            topic_id: id ?? 0,
            captured_at: at,
            rank: row.rank ?? 0,
            heat: row.heat,
            heat_category: "",
            label: row.label,
            is_commercial: 0,
          })
          .execute();
      }
    });
  }
  return performance.now() - started;
}

const dayRate: Partial<Record<DialectName, number>> = {};

async function benchDialect(dialect: DialectName, payloads: string[]): Promise<void> {
  const rows = payloads.length * 50;
  const day = await createTestDatabase(dialect);
  try {
    // single snapshot latency: the first 30 minutes, one by one
    const singles: number[] = [];
    for (const body of payloads.slice(0, 30)) {
      const t = performance.now();
      const list = parseValid(body);
      await ingestSnapshot(
        day.db,
        {
          source: "m-weibo-cn",
          capturedAt: list.generatedAt ?? new Date(),
          payload: body,
          contentType: "application/json",
          list,
        },
        new Date(),
      );
      singles.push(performance.now() - t);
    }
    await clear(day.db);
    singles.sort((a, b) => a - b);
    const median = singles[Math.floor(singles.length / 2)] ?? 0;
    console.log(
      `${dialect.padEnd(8)} one snapshot (parse+validate+store): median ${median.toFixed(2)} ms`,
    );
    const batched = await ingestDayBatched(day.db, payloads);
    console.log(
      `${dialect.padEnd(8)} day replay, ${BATCH} snapshots per transaction: ${(batched / 1000).toFixed(2)} s for ${rows} rows, ${Math.round(rows / (batched / 1000))} rows/s`,
    );
    await clear(day.db);
    const single = await ingestDayOneByOne(day.db, payloads);
    console.log(
      `${dialect.padEnd(8)} day, one transaction per snapshot (live path): ${(single / 1000).toFixed(2)} s, ${Math.round(rows / (single / 1000))} rows/s`,
    );
    dayRate[dialect] = rows / (batched / 1000);
  } finally {
    await day.destroy();
  }
  const naive = await createTestDatabase(dialect);
  try {
    const subset = payloads.slice(0, BASELINE_MINUTES);
    const naiveMs = await ingestNaive(naive.db, subset);
    const naiveRate = (subset.length * 50) / (naiveMs / 1000);
    console.log(
      `${dialect.padEnd(8)} baseline row-by-row on ${subset.length} snapshots: ${Math.round(naiveRate)} rows/s (a day would take ~${(rows / naiveRate).toFixed(1)} s); batched replay is ${((dayRate[dialect] ?? 0) / naiveRate).toFixed(1)}× faster`,
    );
  } finally {
    await naive.destroy();
  }
}

async function main(): Promise<void> {
  const t = performance.now();
  const payloads = synthesiseDay();
  console.log(
    `synthesised ${payloads.length} minute snapshots in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );
  for (const dialect of TEST_DIALECTS) await benchDialect(dialect, payloads);
}

await main();
