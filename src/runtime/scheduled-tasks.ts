import { digestTask } from "../digest/digest-jobs.js";
import type { ScheduledTask } from "../jobs/scheduler.js";
import { topicTitlesTask } from "../llm/topic-titles-task.js";
import { publishDueTask } from "../newsroom/publish-due-task.js";
import type { RelatedService } from "../related/related-service.js";
import { topicPipelineTask } from "../research/index.js";
import { trendPollTask } from "../trends/trend-poller.js";
import type { SiteDeps } from "../web/site-deps.js";

/** Every periodic task the scheduler role runs. Capabilities add theirs here. */
export function scheduledTasks(deps: SiteDeps, related: RelatedService): ScheduledTask[] {
  return [
    publishDueTask(deps),
    trendPollTask(deps),
    digestTask(deps),
    topicTitlesTask(deps),
    topicPipelineTask(deps),
    {
      // Catches up changes made elsewhere (imports, other processes, stories coming due).
      name: "related-refresh",
      pattern: "30 * * * * *",
      run: async () => {
        await related.refresh(deps.clock.now());
      },
    },
  ];
}
