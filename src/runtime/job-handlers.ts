import { digestJobHandlers } from "../digest/digest-jobs.js";
import type { JobHandler } from "../jobs/worker.js";
import { topicTitlesJobHandlers } from "../llm/topic-titles-task.js";
import { checksJudgeJobHandlers } from "../newsroom/judge-job.js";
import { publishJobHandlers } from "../newsroom/publish-due-task.js";
import { researchJobHandlers } from "../research/index.js";
import type { SiteDeps } from "../web/site-deps.js";
import { writingJobHandlers } from "../writing/pipeline-job.js";

/** Every job kind the worker role runs, by name. Capabilities add theirs here. */
export function jobHandlers(deps: SiteDeps): Record<string, JobHandler> {
  return {
    ...publishJobHandlers(deps),
    ...digestJobHandlers(deps),
    ...topicTitlesJobHandlers(deps),
    ...researchJobHandlers(deps),
    ...writingJobHandlers(deps),
    ...checksJudgeJobHandlers(deps),
  };
}
