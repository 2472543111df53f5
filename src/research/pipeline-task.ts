import type { ScheduledTask } from "../jobs/scheduler.js";
import type { JobHandler } from "../jobs/worker.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import { loadPipelineSettings } from "../newsroom/settings.js";
import type { SiteDeps } from "../web/site-deps.js";
import { gatherSources } from "./gather-sources.js";
import { PIPELINE_ACTOR, RESEARCH_GATHER_JOB, startStoryFromTopic } from "./start-story.js";
import { scoreTopics } from "./topic-candidates.js";
import { categoryAllowed, type TopicScore } from "./topic-score.js";

export interface PipelineRun {
  considered: number;
  started: { topicId: number; articleId: number; score: number }[];
  linked: { topicId: number; articleId: number }[];
}

/**
 * One run of the automatic starts: score the topics on the list, keep those at or above the
 * threshold in allowed categories, and start (or link) a story for the best ones, at most
 * the settings' number of new stories per run. Topics already covered only link, so the
 * next run never opens a second story for them.
 */
export async function runTopicPipeline(deps: SiteDeps): Promise<PipelineRun> {
  const db = deps.database.db;
  const settings = await loadPipelineSettings(db);
  const limit = settings["pipeline.max_starts_per_run"];
  const threshold = settings["pipeline.score_threshold"];
  const run: PipelineRun = { considered: 0, started: [], linked: [] };
  if (limit === 0 || threshold >= 100) return run;
  const eligible = (await scoreTopics(db, deps.clock.now())).filter(
    (s: TopicScore) =>
      s.score >= threshold &&
      categoryAllowed(
        s.category,
        settings["pipeline.categories_include"],
        settings["pipeline.categories_exclude"],
      ),
  );
  run.considered = eligible.length;
  const ctx = { deps: newsroomDeps(deps), audit: PIPELINE_ACTOR };
  for (const topic of eligible) {
    if (run.started.length >= limit) break;
    const result = await startStoryFromTopic(ctx, topic.topicId);
    if (result.existing) run.linked.push({ topicId: topic.topicId, articleId: result.articleId });
    else
      run.started.push({ topicId: topic.topicId, articleId: result.articleId, score: topic.score });
  }
  return run;
}

/** Scheduler task `resou-pipeline`: every five minutes, at second 15. */
export function topicPipelineTask(deps: SiteDeps): ScheduledTask {
  return {
    name: "resou-pipeline",
    pattern: "15 */5 * * * *",
    leaseMs: 4 * 60_000,
    async run() {
      const result = await runTopicPipeline(deps);
      if (result.started.length > 0)
        deps.log.info({ started: result.started }, "pipeline started stories from trending topics");
    },
  };
}

/** Worker handler for `research.gather` (`{ articleId }`): gathers the story's sources again. */
export function researchJobHandlers(deps: SiteDeps): Record<string, JobHandler> {
  return {
    [RESEARCH_GATHER_JOB]: async (payload) => {
      const articleId = Number((payload as { articleId?: unknown } | null)?.articleId);
      if (!Number.isSafeInteger(articleId)) throw new Error("research.gather needs an articleId");
      const story = await deps.database.db
        .selectFrom("newsroom_story")
        .select("topic_id")
        .where("article_id", "=", articleId)
        .executeTakeFirst();
      if (!story) return;
      await gatherSources(deps, { articleId, topicId: story.topic_id, pastedUrls: [] });
    },
  };
}
