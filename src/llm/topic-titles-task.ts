import type { Config } from "../config/env.js";
import type { Clock } from "../core/clock.js";
import type { Logger } from "../core/log.js";
import type { Database } from "../db/database.js";
import { enqueueJob } from "../jobs/job-queue.js";
import type { ScheduledTask } from "../jobs/scheduler.js";
import type { JobHandler } from "../jobs/worker.js";
import { createLlmProvider } from "./create-provider.js";
import { llmConfigFrom } from "./llm-config.js";
import type { LlmProvider } from "./llm-provider.js";
import { titleUntitledTopics, untitledOnList } from "./topic-titles.js";

export const TOPIC_TITLES_JOB = "llm.topic-titles";

/** What titling needs; the app's `SiteDeps` fits (llm does not import site). */
export interface TopicTitlesDeps {
  database: Database;
  config: Config;
  clock: Clock;
  log: Logger;
}

/**
 * Every minute (after the poll at second 0 has stored its snapshot), queue one titling job
 * when a provider is configured and the list has untitled topics. The unique key keeps it to
 * one queued job however many schedulers run.
 */
export function topicTitlesTask(deps: TopicTitlesDeps): ScheduledTask {
  return {
    name: "topic-titles",
    pattern: "20 * * * * *",
    leaseMs: 50_000,
    async run() {
      if (deps.config.LLM_PROVIDER === "none") return;
      const untitled = await untitledOnList(deps.database.db);
      if (untitled.length === 0) return;
      await enqueueJob(deps.database, TOPIC_TITLES_JOB, {}, deps.clock.now(), {
        uniqueKey: TOPIC_TITLES_JOB,
        maxAttempts: 3,
      });
    },
  };
}

/** The worker side: one provider per process, created on first use. */
export function topicTitlesJobHandlers(deps: TopicTitlesDeps): Record<string, JobHandler> {
  let provider: Promise<LlmProvider | null> | undefined;
  return {
    [TOPIC_TITLES_JOB]: async () => {
      provider ??= createLlmProvider(llmConfigFrom(deps.config), deps.log);
      const ready = await provider.catch((error: unknown) => {
        provider = undefined;
        throw error;
      });
      if (!ready) return;
      const run = await titleUntitledTopics(deps.database.db, ready, deps.clock.now(), deps.log);
      deps.log.info(run, "topic titles: run finished");
    },
  };
}
