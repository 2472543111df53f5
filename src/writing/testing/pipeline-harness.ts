import { createTestDatabase, type TestDatabase } from "../../../test/support/test-database.js";
import { writerChangeFeed } from "../../changes/database-change-feed.js";
import { loadConfig } from "../../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../../content/categories.js";
import { fixedClock } from "../../core/clock.js";
import { silentLogger } from "../../core/log.js";
import type { DialectName } from "../../db/database.js";
import type { LlmProvider } from "../../llm/llm-provider.js";
import { OpenAiCompatibleProvider } from "../../llm/openai-compatible-provider.js";
import { createStory } from "../../newsroom/commands/story-commands.js";
import { type NewsroomDeps, newsroomDeps } from "../../newsroom/newsroom-deps.js";
import { PIPELINE_ACTOR, type PipelineDeps } from "../pipeline-runner.js";
import { bundleResearch, type SourceBundle } from "../source-bundle.js";

export const BUNDLES = new URL("../../../test/fixtures/bundles/", import.meta.url);

export interface PipelineHarness {
  database: TestDatabase;
  newsroom: NewsroomDeps;
  /** A placeholder story for the bundle's topic, as research's `startStoryFromTopic` makes. */
  createTopicStory(bundle: SourceBundle): Promise<number>;
  pipelineDeps(bundle: SourceBundle, provider: LlmProvider | null): PipelineDeps;
  destroy(): Promise<void>;
}

/** The real OpenAI-compatible provider against a replay server, with tiny back-offs. */
export function replayProvider(url: string, maxRetries = 1): OpenAiCompatibleProvider {
  return new OpenAiCompatibleProvider({
    baseUrl: url,
    apiKey: "test",
    model: "replay-model",
    timeoutMs: 10_000,
    maxRetries,
    backoffBaseMs: 1,
    maxRetryAfterMs: 50,
    log: silentLogger,
  });
}

export async function createPipelineHarness(
  dialect: DialectName,
  now = "2025-08-26T04:30:00Z",
): Promise<PipelineHarness> {
  const database = await createTestDatabase(dialect);
  await ensureCategories(database.db, DEFAULT_CATEGORIES);
  const config = loadConfig({ DEMO_CONTENT: "0", SITE_URL: "https://resou.example" });
  const newsroom = newsroomDeps({
    database,
    config,
    clock: fixedClock(now),
    log: silentLogger,
    changes: await writerChangeFeed(database, silentLogger),
  });
  return {
    database,
    newsroom,
    async createTopicStory(bundle) {
      const { articleId } = await createStory(
        { deps: newsroom, audit: PIPELINE_ACTOR },
        {
          headline: `#${bundle.topic.hashtag}#`,
          dek: "",
          lead: "",
          sections: [],
          category: bundle.topic.category,
          tags: [],
          hashtag: bundle.topic.hashtag,
          hashtagEn: bundle.topic.hashtagEn ?? "",
          byline: "",
          sources: [],
        },
      );
      return articleId;
    },
    pipelineDeps(bundle, provider) {
      return {
        newsroom,
        provider,
        research: bundleResearch(bundle.sources),
        officeHolders: async () => [
          {
            person: "Donald Trump",
            office: "President",
            body: "United States",
            since: "2025-01-20",
            until: null,
          },
        ],
        costOf: (u) => (u.promptTokens + u.completionTokens) / 1_000_000,
      };
    },
    destroy: () => database.destroy(),
  };
}
