import type { ScheduledTask } from "../jobs/scheduler.js";
import { publishDueTask } from "../newsroom/publish-due-task.js";
import type { SiteDeps } from "../site/site-deps.js";
import { trendPollTask } from "../trends/trend-poller.js";

/** Every periodic task the scheduler role runs. Capabilities add theirs here. */
export function scheduledTasks(deps: SiteDeps): ScheduledTask[] {
  return [publishDueTask(deps), trendPollTask(deps)];
}
