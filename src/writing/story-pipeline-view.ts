import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";
import type { StoryContent } from "../newsroom/story-content.js";
import { factList } from "./draft-stages.js";
import { listStages, loadPipeline } from "./stage-store.js";

/** Everything the newsroom panel and `resou stories show` print about a drafted story. */
export async function storyPipelineView(
  db: Kysely<Tables>,
  articleId: number,
  headline: string,
  sources: StoryContent["sources"],
) {
  const [row, stages] = await Promise.all([loadPipeline(db, articleId), listStages(db, articleId)]);
  const factsRun = stages.filter((s) => s.stage === "facts" && s.state === "done").at(-1);
  const facts = factsRun ? (factList.safeParse(factsRun.output).data?.facts ?? []) : [];
  return {
    articleId,
    headline,
    pipeline: row
      ? {
          state: row.state,
          stage: row.stage,
          mode: row.mode,
          reason: row.reason,
          provider: row.provider,
          model: row.model,
          llmCalls: Number(row.llm_calls),
          promptTokens: Number(row.prompt_tokens),
          completionTokens: Number(row.completion_tokens),
          costUsd: Number(row.cost_usd),
          draftRevision: row.draft_revision,
        }
      : null,
    sources,
    facts,
    stages,
  };
}
