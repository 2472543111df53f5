import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import type { FetchFailure } from "./fetch-failure.js";
import type { AttemptRecord } from "./fetch-with-retry.js";

/** Writes one attempt to the fetch log (successes and failures alike). */
export async function recordAttempt(
  db: Kysely<Tables>,
  source: string,
  record: AttemptRecord,
): Promise<number> {
  const o = record.outcome;
  const row = await db
    .insertInto("trend_fetch")
    .values({
      source,
      started_at: record.startedAt.toISOString(),
      duration_ms: record.durationMs,
      attempt: record.attempt,
      ok: o.ok ? 1 : 0,
      http_status: o.ok ? o.httpStatus : o.httpStatus,
      reason: o.ok ? "ok" : o.reason,
      detail: o.ok ? `${o.list.ranked.length} ranked rows` : o.detail.slice(0, 500),
      snapshot_id: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Updates a source's health after one poll of it: last success, last failure and why,
 * consecutive failures. One statement per outcome, safe with several processes.
 */
export async function recordHealth(
  db: Kysely<Tables>,
  source: string,
  at: Date,
  outcome: { ok: true } | FetchFailure,
): Promise<void> {
  const iso = at.toISOString();
  if (outcome.ok) {
    await db
      .insertInto("trend_source_health")
      .values({
        source,
        last_success_at: iso,
        last_failure_at: null,
        last_failure_reason: "",
        last_failure_detail: "",
        consecutive_failures: 0,
        total_successes: 1,
        total_failures: 0,
        updated_at: iso,
      })
      .onConflict((oc) =>
        oc.column("source").doUpdateSet((eb) => ({
          last_success_at: iso,
          consecutive_failures: 0,
          total_successes: eb("trend_source_health.total_successes", "+", 1),
          updated_at: iso,
        })),
      )
      .execute();
    return;
  }
  const detail = outcome.detail.slice(0, 500);
  await db
    .insertInto("trend_source_health")
    .values({
      source,
      last_success_at: null,
      last_failure_at: iso,
      last_failure_reason: outcome.reason,
      last_failure_detail: detail,
      consecutive_failures: 1,
      total_successes: 0,
      total_failures: 1,
      updated_at: iso,
    })
    .onConflict((oc) =>
      oc.column("source").doUpdateSet((eb) => ({
        last_failure_at: iso,
        last_failure_reason: outcome.reason,
        last_failure_detail: detail,
        consecutive_failures: eb("trend_source_health.consecutive_failures", "+", 1),
        total_failures: eb("trend_source_health.total_failures", "+", 1),
        updated_at: iso,
      })),
    )
    .execute();
}

export interface SourceHealth {
  source: string;
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastFailureReason: string;
  lastFailureDetail: string;
  consecutiveFailures: number;
  totalSuccesses: number;
  totalFailures: number;
}

/** Health of the given sources in their configured order; unseen sources read as never polled. */
export async function readHealth(
  db: Kysely<Tables>,
  sources: readonly string[],
): Promise<SourceHealth[]> {
  const rows = await db.selectFrom("trend_source_health").selectAll().execute();
  const byName = new Map(rows.map((r) => [r.source, r]));
  const names = [...sources, ...rows.map((r) => r.source).filter((s) => !sources.includes(s))];
  return names.map((source) => {
    const r = byName.get(source);
    return {
      source,
      lastSuccessAt: r?.last_success_at ?? null,
      lastFailureAt: r?.last_failure_at ?? null,
      lastFailureReason: r?.last_failure_reason ?? "",
      lastFailureDetail: r?.last_failure_detail ?? "",
      consecutiveFailures: Number(r?.consecutive_failures ?? 0),
      totalSuccesses: Number(r?.total_successes ?? 0),
      totalFailures: Number(r?.total_failures ?? 0),
    };
  });
}

/**
 * A source that keeps failing is rested: after 3 failures in a row it is skipped for
 * 2^(n-3) poll intervals (at most an hour), so a blocked endpoint is not hit every minute.
 */
export function isResting(health: SourceHealth, now: Date, pollSeconds: number): boolean {
  if (health.consecutiveFailures < 3 || !health.lastFailureAt) return false;
  const restMs = Math.min(3600_000, 2 ** (health.consecutiveFailures - 3) * pollSeconds * 1000);
  return now.getTime() - Date.parse(health.lastFailureAt) < restMs;
}

/** Recent attempts for the status page and CLI. */
export async function recentFetches(db: Kysely<Tables>, limit = 20) {
  return db.selectFrom("trend_fetch").selectAll().orderBy("id", "desc").limit(limit).execute();
}
