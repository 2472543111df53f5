import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writerChangeFeed } from "../changes/database-change-feed.js";
import { checkArticle } from "../checks/check-article.js";
import { EMPTY_REFERENCE, type ReferenceData } from "../checks/reference-data.js";
import type { Config } from "../config/env.js";
import { DEFAULT_CATEGORIES, ensureCategories } from "../content/categories.js";
import { splitSentences } from "../content/citation-markers.js";
import { fixedClock } from "../core/clock.js";
import { silentLogger } from "../core/log.js";
import { openDatabase } from "../db/database.js";
import { migrateToLatest } from "../db/migrate.js";
import type { LlmProvider } from "../llm/llm-provider.js";
import { createStory } from "../newsroom/commands/story-commands.js";
import { newsroomDeps } from "../newsroom/newsroom-deps.js";
import type { StoryContent } from "../newsroom/story-content.js";
import { loadStory } from "../newsroom/story-queries.js";
import type { CostOf } from "./llm-call.js";
import { PIPELINE_ACTOR, type PipelineOutcome, runPipeline } from "./pipeline-runner.js";
import { bundleResearch, type SourceBundle } from "./source-bundle.js";
import { loadPipeline } from "./stage-store.js";

export interface DraftScore {
  outcome: PipelineOutcome["state"];
  reason?: string;
  mode: string | null;
  sentences: number;
  /** Share of body sentences carrying at least one marker. */
  citedShare: number;
  /** Share of markers pointing at an entry of the sources list. */
  markersInRange: number;
  sections: number;
  structureOk: boolean;
  words: number;
  /** Claim-check flags (`src/checks`) per 1,000 words, by severity. */
  flagsPer1000: { error: number; warning: number; total: number };
  llmCalls: number;
  promptTokens: number;
  completionTokens: number;
  ms: number;
}

/**
 * Drafts one stored bundle with a provider in a throw-away SQLite database (the real
 * pipeline, stage store and save command), at the bundle's own date.
 */
export async function draftBundle(
  bundle: SourceBundle,
  provider: LlmProvider,
  config: Config,
  costOf: CostOf,
  reference: ReferenceData = EMPTY_REFERENCE,
): Promise<{ score: DraftScore; content: StoryContent | null }> {
  const dir = mkdtempSync(join(tmpdir(), "resou-eval-"));
  const database = await openDatabase({ url: `sqlite:${join(dir, "eval.db")}` });
  try {
    await migrateToLatest(database);
    await ensureCategories(database.db, [
      ...new Set([...DEFAULT_CATEGORIES, bundle.topic.category]),
    ]);
    const deps = newsroomDeps({
      database,
      config,
      clock: fixedClock(bundle.publishedAt),
      log: silentLogger,
      changes: await writerChangeFeed(database, silentLogger),
    });
    const { articleId } = await createStory(
      { deps, audit: PIPELINE_ACTOR },
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
    const started = performance.now();
    const outcome = await runPipeline(
      {
        newsroom: deps,
        provider,
        research: bundleResearch(bundle.sources),
        officeHolders: async () => reference.officeHolders,
        costOf,
      },
      articleId,
    );
    const ms = performance.now() - started;
    const pipeline = await loadPipeline(database.db, articleId);
    const story = outcome.state === "done" ? await loadStory(database.db, articleId) : undefined;
    const content = story?.content ?? null;
    const score = scoreDraft(content, bundle, reference, config.TIME_ZONE, {
      outcome,
      mode: pipeline?.mode ?? null,
      llmCalls: Number(pipeline?.llm_calls ?? 0),
      promptTokens: Number(pipeline?.prompt_tokens ?? 0),
      completionTokens: Number(pipeline?.completion_tokens ?? 0),
      ms,
    });
    return { score, content };
  } finally {
    await database.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function scoreDraft(
  content: StoryContent | null,
  bundle: SourceBundle,
  reference: ReferenceData,
  timeZone: string,
  run: {
    outcome: PipelineOutcome;
    mode: string | null;
    llmCalls: number;
    promptTokens: number;
    completionTokens: number;
    ms: number;
  },
): DraftScore {
  const base = {
    outcome: run.outcome.state,
    ...(run.outcome.state === "done" ? {} : { reason: run.outcome.reason }),
    mode: run.mode,
    llmCalls: run.llmCalls,
    promptTokens: run.promptTokens,
    completionTokens: run.completionTokens,
    ms: Math.round(run.ms),
  };
  if (!content) {
    return {
      ...base,
      sentences: 0,
      citedShare: 0,
      markersInRange: 0,
      sections: 0,
      structureOk: false,
      words: 0,
      flagsPer1000: { error: 0, warning: 0, total: 0 },
    };
  }
  const body = [content.lead, ...content.sections.map((s) => `## ${s.heading}\n\n${s.body}`)].join(
    "\n\n",
  );
  const sentences = splitSentences(body);
  const markers = sentences.flatMap((s) => s.citations);
  const words = body
    .replace(/\[\d+\]/g, "")
    .replace(/^## .*$/gm, "")
    .split(/\s+/)
    .filter(Boolean).length;
  const [min, max] = run.mode === "brief" ? [1, 2] : [3, 4];
  const dateline = /^([^—]+) — /.exec(content.lead)?.[1]?.trim();
  const byId = new Map(bundle.sources.map((s) => [s.id, s]));
  const flags = checkArticle(
    {
      headline: content.headline,
      dek: content.dek,
      publishedAt: bundle.publishedAt,
      timeZone,
      ...(dateline ? { dateline } : {}),
      body,
      sources: content.sources.map((s, i) => ({
        id: i + 1,
        outlet: s.outlet ?? "",
        publishedAt: s.publishedAt ?? null,
        text: (s.sourceId ? byId.get(s.sourceId)?.text : undefined) ?? "",
        url: s.url,
        title: s.title,
      })),
    },
    reference,
  );
  const per1000 = (n: number) => (words ? Math.round((n * 10_000) / words) / 10 : 0);
  const errors = flags.filter((f) => f.severity === "error").length;
  return {
    ...base,
    sentences: sentences.length,
    citedShare: sentences.length
      ? sentences.filter((s) => s.citations.length > 0).length / sentences.length
      : 0,
    markersInRange: markers.length
      ? markers.filter((n) => n >= 1 && n <= content.sources.length).length / markers.length
      : 0,
    sections: content.sections.length,
    structureOk:
      Boolean(content.headline && content.dek && dateline) &&
      content.sections.length >= min &&
      content.sections.length <= max,
    words,
    flagsPer1000: {
      error: per1000(errors),
      warning: per1000(flags.length - errors),
      total: per1000(flags.length),
    },
  };
}
