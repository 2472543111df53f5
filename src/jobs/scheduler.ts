import { randomUUID } from "node:crypto";
import { Cron } from "croner";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import { acquireLease, releaseLease } from "./lease.js";

export interface ScheduledTask {
  name: string;
  /** Cron pattern with seconds, e.g. `0 * * * * *` for every minute. */
  pattern: string;
  run(): Promise<void>;
  /** Longest a run may take before another process may start one. */
  leaseMs?: number;
}

/**
 * One tick of one task. Two leases: the tick's own (named by its scheduled second and kept
 * a day) so a tick runs once even when every scheduler process fires it, and the task's
 * running lease so a slow run in one process is not overlapped by the next tick elsewhere.
 */
export async function runTick(
  options: { database: Database; clock: Clock; log: Logger },
  task: ScheduledTask,
  holder: string,
  scheduledAt: Date,
): Promise<boolean> {
  const now = options.clock.now();
  const tick = new Date(Math.floor(scheduledAt.getTime() / 1000) * 1000).toISOString();
  if (!(await acquireLease(options.database, `tick:${task.name}:${tick}`, holder, now, DAY_MS)))
    return false;
  const running = `run:${task.name}`;
  if (!(await acquireLease(options.database, running, holder, now, task.leaseMs ?? 5 * 60_000)))
    return false;
  try {
    await task.run();
  } catch (error) {
    options.log.error({ err: error, task: task.name }, "scheduled task failed");
  } finally {
    await releaseLease(options.database, running, holder).catch(() => undefined);
    await options.database.db
      .deleteFrom("lease")
      .where("name", "like", `tick:${task.name}:%`)
      .where("expires_at", "<", now.toISOString())
      .execute()
      .catch(() => undefined);
  }
  return true;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs each task on its pattern. Every tick first takes the task's lease in the database,
 * so with several scheduler processes a tick runs in one of them only, and never overlaps.
 */
export function startScheduler(options: {
  database: Database;
  clock: Clock;
  log: Logger;
  tasks: ScheduledTask[];
}): { stop(): void } {
  const holder = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const jobs = options.tasks.map((task) => {
    const cron: Cron = new Cron(
      task.pattern,
      { name: task.name, protect: true, catch: true },
      async () => {
        await runTick(options, task, holder, cron.currentRun() ?? options.clock.now());
      },
    );
    return cron;
  });
  return {
    stop() {
      for (const job of jobs) job.stop();
    },
  };
}
