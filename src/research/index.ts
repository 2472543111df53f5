/**
 * Research: which trending topics become stories, and each story's source bundle. The
 * drafting pipeline (`src/writing/`) and the app root import from here only.
 */
export { type GatherRequest, gatherSources } from "./gather-sources.js";
export { researchJobHandlers, runTopicPipeline, topicPipelineTask } from "./pipeline-task.js";
export { listProblems, listStorySources } from "./source-store.js";
export type { ResearchDeps, SourceProblem, StoredSource } from "./source-types.js";
export {
  PIPELINE_ACTOR,
  RESEARCH_GATHER_JOB,
  startStoryFromTopic,
  WRITING_PIPELINE_JOB,
} from "./start-story.js";
export { scoreTopics } from "./topic-candidates.js";
export { findCoveringStory, wordSimilarity } from "./topic-dedupe.js";
export { categoryAllowed, scoreCurve, type TopicScore } from "./topic-score.js";

import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";

/** What the drafting stage passes to `gatherSources` for a story: its topic and no new links. */
export async function storyResearchRequest(
  db: Kysely<Tables>,
  articleId: number,
): Promise<{ articleId: number; topicId: number | null; pastedUrls: string[] }> {
  const story = await db
    .selectFrom("newsroom_story")
    .select("topic_id")
    .where("article_id", "=", articleId)
    .executeTakeFirst();
  return { articleId, topicId: story?.topic_id ?? null, pastedUrls: [] };
}
