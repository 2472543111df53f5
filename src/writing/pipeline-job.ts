import { z } from "zod";
import { loadReferenceData } from "../checks/reference-data.js";
import type { JobHandler } from "../jobs/worker.js";
import type { LlmProvider } from "../llm/llm-provider.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import type { SiteDeps } from "../web/site-deps.js";
import type { CostOf } from "./llm-call.js";
import { pipelineCost, pipelineProvider } from "./pipeline-provider.js";
import { type PipelineDeps, type ResearchPort, runPipeline } from "./pipeline-runner.js";
import { storyResearch } from "./research-port.js";

export const WRITING_PIPELINE_JOB = "writing.pipeline";

export const pipelinePayload = z.object({ articleId: z.number().int().positive() });

/** Dedupe key: one queued or running pipeline job per story. */
export const pipelineJobKey = (articleId: number) => `${WRITING_PIPELINE_JOB}:${articleId}`;

export interface PipelineWiring {
  research?: (deps: SiteDeps) => ResearchPort;
  provider?: (deps: SiteDeps) => LlmProvider | null | Promise<LlmProvider | null>;
  costOf?: CostOf;
}

/** Builds what one pipeline run needs from the app's dependencies. */
export async function pipelineDepsFor(
  deps: SiteDeps,
  wiring: PipelineWiring = {},
): Promise<PipelineDeps> {
  const newsroom = newsroomDeps(deps);
  return {
    newsroom,
    provider: await (wiring.provider ?? ((d) => pipelineProvider(d.config, d.log)))(deps),
    research: (wiring.research ?? storyResearch)(deps),
    officeHolders: async () => (await loadReferenceData(deps.database.db)).officeHolders,
    costOf: wiring.costOf ?? pipelineCost(deps.config),
  };
}

/**
 * The `writing.pipeline` job: runs or resumes one story's pipeline. A stage that fails for
 * a reason the model gave (after the provider's own retries) ends the job with the reason
 * on the story; anything else (database, crash) fails the job so the queue retries it, and
 * the rerun resumes after the last finished stage.
 */
export function writingJobHandlers(
  deps: SiteDeps,
  wiring: PipelineWiring = {},
): Record<string, JobHandler> {
  return {
    [WRITING_PIPELINE_JOB]: async (payload) => {
      const { articleId } = pipelinePayload.parse(payload);
      const pipeline = await pipelineDepsFor(deps, wiring);
      try {
        const outcome = await runPipeline(pipeline, articleId);
        deps.log.info({ articleId, ...outcome }, "writing pipeline finished");
      } finally {
        await pipeline.provider?.close();
      }
    },
  };
}
