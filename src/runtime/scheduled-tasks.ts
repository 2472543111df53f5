import { pruneChanges } from "../changes/prune-changes.js";
import { digestTask } from "../digest/digest-jobs.js";
import type { ScheduledTask } from "../jobs/scheduler.js";
import { topicTitlesTask } from "../llm/topic-titles-task.js";
import { briefWriter } from "../newsroom/commands/brief-commands.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import { publishDueTask } from "../newsroom/publish-due-task.js";
import { topicPipelineTask } from "../research/index.js";
import { trendPollTask } from "../trends/trend-poller.js";
import type { SiteDeps } from "../web/site-deps.js";

/** Every periodic task the scheduler role runs. Capabilities add theirs here. */
export function scheduledTasks(deps: SiteDeps): ScheduledTask[] {
  return [
    publishDueTask(deps),
    trendPollTask(deps, briefWriter(newsroomDeps(deps))),
    digestTask(deps),
    topicTitlesTask(deps),
    topicPipelineTask(deps),
    {
      // Keeps the change table bounded (src/changes/prune-changes.ts).
      name: "changes-prune",
      pattern: "20 */10 * * * *",
      run: async () => {
        await pruneChanges(deps.database.db, deps.clock.now());
      },
    },
  ];
}
