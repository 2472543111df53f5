import { randomUUID } from "node:crypto";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import { claimJob, completeJob, failJob, heartbeatJob, requeueStaleJobs } from "./job-queue.js";

export type JobHandler = (
  payload: unknown,
  context: { jobId: number; attempt: number },
) => Promise<void>;

export interface WorkerOptions {
  database: Database;
  clock: Clock;
  log: Logger;
  handlers: Record<string, JobHandler>;
  pollMs?: number;
  /**
   * A running job whose lock is older than this is presumed abandoned by a dead worker; a
   * live worker refreshes the lock three times per period while its handler runs.
   */
  staleAfterMs?: number;
}

/**
 * Runs queued jobs one at a time until stopped. Several workers (threads of one process or
 * many processes) can run against one database; each job is claimed by exactly one.
 */
export function startWorker(options: WorkerOptions): {
  stop(): Promise<void>;
  drain(): Promise<number>;
} {
  const workerId = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? 1000;
  const staleAfterMs = options.staleAfterMs ?? 15 * 60_000;
  const kinds = Object.keys(options.handlers);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const runOnce = async (): Promise<boolean> => {
    const now = options.clock.now();
    const job = await claimJob(options.database, workerId, now, kinds);
    if (!job) return false;
    const handler = options.handlers[job.kind];
    const log = options.log.child({ job: job.id, kind: job.kind, attempt: job.attempts });
    const heartbeat = setInterval(() => {
      heartbeatJob(options.database.db, job.id, workerId, options.clock.now()).catch((error) =>
        log.warn({ err: error }, "job heartbeat failed"),
      );
    }, staleAfterMs / 3);
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(JSON.parse(job.payload), { jobId: job.id, attempt: job.attempts });
      await completeJob(options.database.db, job.id, options.clock.now());
      log.info("job done");
    } catch (error) {
      log.warn({ err: error }, "job failed");
      await failJob(options.database.db, job, error, options.clock.now());
    } finally {
      clearInterval(heartbeat);
    }
    return true;
  };

  /** Runs every due job now; returns how many ran. */
  const drain = async (): Promise<number> => {
    let count = 0;
    while (!stopped && (await runOnce())) count += 1;
    return count;
  };

  const loop = async () => {
    if (stopped) return;
    try {
      await requeueStaleJobs(options.database.db, options.clock.now(), staleAfterMs);
      running = drain();
      await running;
    } catch (error) {
      options.log.error({ err: error }, "worker loop failed");
    }
    if (!stopped) timer = setTimeout(() => void loop(), pollMs);
  };
  timer = setTimeout(() => void loop(), 0);

  return {
    drain,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running.catch(() => 0);
    },
  };
}
