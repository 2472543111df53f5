import type { ScheduledTask } from "../jobs/scheduler.js";
import type { SiteDeps } from "../site/site-deps.js";

/** Every periodic task the scheduler role runs. Capabilities add theirs here. */
export function scheduledTasks(_deps: SiteDeps): ScheduledTask[] {
  return [];
}
