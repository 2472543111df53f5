import type { Config } from "../config/env.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import { type ScheduledTask, startScheduler } from "../jobs/scheduler.js";
import type { FetchFailure } from "./fetch-failure.js";
import { fetchWithRetry } from "./fetch-with-retry.js";
import { ingestSnapshot } from "./snapshot-store.js";
import { isResting, readHealth, recordAttempt, recordHealth } from "./source-health.js";
import { SOURCES } from "./sources/source-registry.js";
import type { SourceSettings } from "./sources/trend-source.js";
import { briefCandidates, publishTrendBrief, type SaveBrief } from "./trend-brief.js";
import type { LiveSourceId } from "./trend-row.js";

export type TrendsConfig = Pick<
  Config,
  | "TRENDS_POLL_SECONDS"
  | "TRENDS_SOURCES"
  | "WEIBO_COOKIE"
  | "WEIBO_USER_AGENT"
  | "TRENDS_FETCH_TIMEOUT_MS"
  | "TRENDS_FETCH_ATTEMPTS"
> &
  Partial<Pick<Config, "TRENDS_BRIEFS" | "TIME_ZONE">>;

export interface PollDeps {
  database: Database;
  config: TrendsConfig;
  clock: Clock;
  log: Logger;
  /** Test hooks: where the sources live, and a fast sleep/random for backoff. */
  originOverride?: string;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export type PollOutcome =
  | {
      status: "stored" | "duplicate";
      source: LiveSourceId;
      snapshotId: number;
      failures: SourceFailure[];
    }
  | { status: "failed"; failures: SourceFailure[] };

export interface SourceFailure {
  source: LiveSourceId;
  reason: FetchFailure["reason"] | "resting";
  detail: string;
}

/**
 * One poll: tries the sources in the configured order until one gives a valid list, stores
 * it, and records every attempt and each source's health. A failed source changes nothing
 * but the fetch log and its health row.
 */
export async function pollOnce(deps: PollDeps): Promise<PollOutcome> {
  const { database, config, clock, log } = deps;
  const settings: SourceSettings = {
    cookie: config.WEIBO_COOKIE,
    userAgent: config.WEIBO_USER_AGENT,
    ...(deps.originOverride ? { originOverride: deps.originOverride } : {}),
  };
  const health = await readHealth(database.db, config.TRENDS_SOURCES);
  const failures: SourceFailure[] = [];
  for (const id of config.TRENDS_SOURCES) {
    const sourceHealth = health.find((h) => h.source === id);
    if (sourceHealth && isResting(sourceHealth, clock.now(), config.TRENDS_POLL_SECONDS)) {
      failures.push({
        source: id,
        reason: "resting",
        detail: `${sourceHealth.consecutiveFailures} failures in a row`,
      });
      continue;
    }
    let lastFetchId = 0;
    const outcome = await fetchWithRetry(SOURCES[id], settings, {
      attempts: config.TRENDS_FETCH_ATTEMPTS,
      timeoutMs: config.TRENDS_FETCH_TIMEOUT_MS,
      now: () => clock.now(),
      ...(deps.sleep ? { sleep: deps.sleep } : {}),
      ...(deps.random ? { random: deps.random } : {}),
      onAttempt: async (record) => {
        lastFetchId = await recordAttempt(database.db, id, record);
      },
    });
    const at = clock.now();
    await recordHealth(database.db, id, at, outcome.ok ? { ok: true } : outcome);
    if (!outcome.ok) {
      log.warn(
        { source: id, reason: outcome.reason, detail: outcome.detail },
        "hot-search source failed",
      );
      failures.push({ source: id, reason: outcome.reason, detail: outcome.detail });
      continue;
    }
    const stored = await ingestSnapshot(
      database.db,
      {
        source: id,
        capturedAt: at,
        payload: outcome.body,
        contentType: outcome.contentType,
        list: outcome.list,
      },
      at,
    );
    await database.db
      .updateTable("trend_fetch")
      .set({ snapshot_id: stored.snapshotId })
      .where("id", "=", lastFetchId)
      .execute();
    log.info(
      { source: id, snapshot: stored.snapshotId, status: stored.status },
      "hot-search snapshot",
    );
    return { status: stored.status, source: id, snapshotId: stored.snapshotId, failures };
  }
  log.error({ failures }, "every hot-search source failed");
  return { status: "failed", failures };
}

/** Cron pattern (with seconds) for a poll every `seconds`. */
export function pollPattern(seconds: number): string {
  if (seconds < 60 && 60 % seconds === 0) return `*/${seconds} * * * * *`;
  const minutes = Math.max(1, Math.round(seconds / 60));
  return minutes === 1 ? "0 * * * * *" : `0 */${minutes} * * * *`;
}

/**
 * The poll as a task for the shared scheduler (lease-guarded: one poll at a time anywhere).
 * With `saveBrief` (the newsroom's audited writer), stored polls are followed by due briefs.
 */
export function trendPollTask(deps: PollDeps, saveBrief?: SaveBrief): ScheduledTask {
  return {
    name: "trends-poll",
    pattern: pollPattern(deps.config.TRENDS_POLL_SECONDS),
    leaseMs: Math.max(30_000, deps.config.TRENDS_POLL_SECONDS * 1000 * 2),
    async run() {
      const outcome = await pollOnce(deps);
      if (outcome.status === "stored" && saveBrief) await publishDueBriefs(deps, saveBrief);
    },
  };
}

/**
 * After a stored poll, and only when `TRENDS_BRIEFS` is on: a data-only brief for each topic
 * that reached the top 10 and was last seen within 3 hours (saving is idempotent by slug). Failures are logged, never thrown.
 */
export async function publishDueBriefs(deps: PollDeps, saveBrief: SaveBrief): Promise<number> {
  const { config } = deps;
  if (!config.TRENDS_BRIEFS) return 0;
  const briefConfig = { TRENDS_BRIEFS: true, TIME_ZONE: config.TIME_ZONE ?? "Asia/Shanghai" };
  let published = 0;
  const since = new Date(deps.clock.now().getTime() - 3 * 3600_000);
  for (const id of await briefCandidates(deps.database, since)) {
    try {
      const result = await publishTrendBrief(
        { database: deps.database, config: briefConfig, saveBrief },
        id,
      );
      if (result.status === "created") published++;
    } catch (error) {
      deps.log.warn({ err: error, topic: id }, "trend brief not published");
    }
  }
  return published;
}

/**
 * Starts polling in the `scheduler` role. Every tick takes the database lease first, so
 * with several processes on PostgreSQL only one poll runs at a time. Returns `stop`.
 */
export function startTrendPolling(deps: PollDeps): () => void {
  const scheduler = startScheduler({
    database: deps.database,
    clock: deps.clock,
    log: deps.log,
    tasks: [trendPollTask(deps)],
  });
  return () => scheduler.stop();
}
