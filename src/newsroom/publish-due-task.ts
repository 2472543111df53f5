import type { ScheduledTask } from "../jobs/scheduler.js";
import type { JobHandler } from "../jobs/worker.js";
import type { SiteDeps } from "../web/site-deps.js";
import { PUBLISH_DUE_JOB, publishDue } from "./commands/publish-commands.js";
import { type NewsroomOptions, newsroomDeps } from "./newsroom-deps.js";

/**
 * The scheduler's "publish-due" task: at second 0 of every minute, publish what is due.
 * runTick's leases make one process run each tick; publishDue's conditional UPDATE makes
 * each story publish once even if a worker job for it runs at the same moment.
 */
export function publishDueTask(deps: SiteDeps, options: NewsroomOptions = {}): ScheduledTask {
  const nd = newsroomDeps(deps, options);
  return {
    name: "publish-due",
    pattern: "0 * * * * *",
    leaseMs: 55_000,
    async run() {
      const published = await publishDue(nd);
      // Hourly housekeeping: one-time new-story form keys (web/double-submit.ts) past their day.
      const now = nd.clock.now();
      if (now.getUTCMinutes() !== 0) return;
      await nd.database.db
        .deleteFrom("lease")
        .where("name", "like", "story-form:%")
        .where("expires_at", "<", now.toISOString())
        .execute();
      if (published.length > 0) nd.log.info({ published }, "published scheduled stories");
    },
  };
}

/** Worker handlers: the job queued for each scheduled time runs the same sweep. */
export function publishJobHandlers(
  deps: SiteDeps,
  options: NewsroomOptions = {},
): Record<string, JobHandler> {
  const nd = newsroomDeps(deps, options);
  return {
    [PUBLISH_DUE_JOB]: async () => {
      await publishDue(nd);
    },
  };
}
