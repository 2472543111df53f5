import type { Database } from "../../db/database.js";
import { type IngestResult, ingestSnapshot } from "../snapshot-store.js";
import { validateList } from "../snapshot-validate.js";
import { parseMWeiboCn } from "../sources/m-weibo-cn-source.js";
import { isFailure } from "../sources/trend-source.js";

/** Parses, validates and stores one m.weibo.cn capture at Weibo's own generation time. */
export async function ingestCapture(database: Database, body: string): Promise<IngestResult> {
  const parsed = parseMWeiboCn(body);
  if (isFailure(parsed)) throw new Error(`capture rejected: ${parsed.reason}`);
  const list = validateList(parsed);
  if (!list.ok) throw new Error(`capture invalid: ${list.reason}`);
  const capturedAt = list.generatedAt ?? new Date(0);
  return ingestSnapshot(
    database.db,
    { source: "m-weibo-cn", capturedAt, payload: body, contentType: "application/json", list },
    new Date("2026-11-27T08:00:00Z"),
  );
}

/** Row counts of every trends table, to show that something changed nothing. */
export async function trendCounts(database: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ["trend_snapshot", "trend_topic", "trend_point"] as const) {
    const row = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}
