import type { RecordedChange } from "../changes/change.js";
import { advanceCursor, readCursor, startCursor } from "../changes/change-cursor.js";
import type { ChangeListener } from "../changes/change-feed.js";
import { changesAfter } from "../changes/change-rows.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import { enqueueJob } from "../jobs/job-queue.js";
import type { JobHandler } from "../jobs/worker.js";
import type { RelatedService } from "./related-service.js";

/** The worker job that brings related lists up to date with the article changes. */
export const RELATED_JOB = "related.catch-up";
const CURSOR = "related-lists";
const BATCH = 1_000;

export function articleIdsOf(changes: readonly RecordedChange[]): number[] {
  const ids = new Set<number>();
  for (const change of changes) if (change.kind === "article") ids.add(change.articleId);
  return [...ids];
}

/**
 * Feed listener of the worker role: an article change queues the catch-up job. The key names
 * the newest change, so a job already queued for it is not queued twice by another worker
 * process, while a change arriving during a running job still gets a job of its own.
 */
export function relatedChangeListener(database: Database, clock: Clock): ChangeListener {
  return async (changes) => {
    if (articleIdsOf(changes).length === 0) return;
    const last = changes[changes.length - 1]?.id ?? 0;
    await enqueueJob(database, RELATED_JOB, {}, clock.now(), { uniqueKey: `related:${last}` });
  };
}

/** Called once when a worker starts, before it subscribes: a first worker starts at the newest change. */
export async function startRelatedCursor(database: Database, now: Date): Promise<void> {
  await startCursor(database.db, CURSOR, now);
}

/**
 * Runs the catch-up: reads the article changes after the durable cursor, refreshes the
 * lists of exactly those articles (and of the lists that show them), then moves the
 * cursor. Idempotent: running it twice, or in two processes, rewrites the same lists. The
 * process's own index follows its own cursor, so a second worker's index catches up too.
 */
export function relatedJobHandlers(
  database: Database,
  related: RelatedService,
  clock: Clock,
  log: Logger,
): Record<string, JobHandler> {
  let indexCursor: number | undefined;
  return {
    [RELATED_JOB]: async () => {
      const durable = await readCursor(database.db, CURSOR);
      let from = Math.min(indexCursor ?? durable, durable);
      for (;;) {
        const { changes, lastId, rows } = await changesAfter(database.db, from, BATCH, log);
        if (rows === 0) break;
        const ids = articleIdsOf(changes);
        if (ids.length > 0) await related.refreshArticles(ids, clock.now());
        from = lastId;
        indexCursor = lastId;
        await advanceCursor(database.db, CURSOR, lastId, clock.now());
        if (rows < BATCH) break;
      }
    },
  };
}
