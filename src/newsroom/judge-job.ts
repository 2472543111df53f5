import { sql, type Transaction } from "kysely";
import { z } from "zod";
import { judgeArticle } from "../checks/entailment-judge.js";
import { recordJudgeFailure, recordJudgeRun } from "../checks/judge-store.js";
import type { Config } from "../config/env.js";
import type { Tables } from "../db/schema.js";
import { enqueueJobIn } from "../jobs/job-queue.js";
import type { JobHandler } from "../jobs/worker.js";
import { createLlmProvider } from "../llm/create-provider.js";
import { llmConfigFrom } from "../llm/llm-config.js";
import { LlmError, type LlmProvider } from "../llm/llm-provider.js";
import type { SiteDeps } from "../web/site-deps.js";
import { storyCheckInput } from "./story-checks.js";
import { loadStory } from "./story-queries.js";

export const CHECKS_JUDGE_JOB = "checks.judge";

export const judgePayload = z.object({
  articleId: z.number().int().positive(),
  revision: z.number().int().positive(),
});

/** Dedupe key: one judge job per revision of a story. */
export const judgeJobKey = (articleId: number, revision: number) =>
  `${CHECKS_JUDGE_JOB}:${articleId}:${revision}`;

/** The judge runs only when a model is configured; `LLM_PROVIDER=none` turns it off. */
export const judgeEnabled = (config: Pick<Config, "LLM_PROVIDER">) =>
  config.LLM_PROVIDER !== "none";

/** Queues the judge for a revision being written, inside the same transaction. */
export async function enqueueJudge(
  trx: Transaction<Tables>,
  config: Pick<Config, "LLM_PROVIDER">,
  articleId: number,
  revision: number,
  now: Date,
): Promise<void> {
  if (!judgeEnabled(config)) return;
  await enqueueJobIn(trx, CHECKS_JUDGE_JOB, { articleId, revision }, now, {
    uniqueKey: judgeJobKey(articleId, revision),
  });
}

export interface JudgeWiring {
  /** Tests hand in the provider; production builds it from the configuration. */
  provider?: (deps: SiteDeps) => Promise<LlmProvider | null>;
}

export type JudgeOutcome = "judged" | "failed" | "stale" | "already" | "off";

/**
 * Is `revision` still the story's newest? Read under a row lock on PostgreSQL so a save
 * (which updates that row) cannot commit a newer revision between this answer and the
 * judge's writes; SQLite's single writer gives the same guarantee.
 */
async function stillNewest(
  trx: Transaction<Tables>,
  dialect: "sqlite" | "postgres",
  articleId: number,
  revision: number,
): Promise<boolean> {
  const lock = dialect === "postgres" ? sql` for update` : sql``;
  const { rows } = await sql<{
    revision: number;
  }>`select revision from newsroom_story where article_id = ${articleId}${lock}`.execute(trx);
  return Number(rows[0]?.revision ?? 0) === revision;
}

/**
 * Judges one revision. Idempotent: a revision that already has a run, or that is no longer
 * the newest, is left alone. A model failure (after the provider's own retries) is stored
 * as the run's reason and raises no flag; anything else fails the job so the queue retries.
 */
export async function runJudge(
  deps: SiteDeps,
  articleId: number,
  revision: number,
  wiring: JudgeWiring = {},
): Promise<JudgeOutcome> {
  const { db, dialect } = deps.database;
  const story = await loadStory(db, articleId);
  if (!story || story.revision !== revision) return "stale";
  const done = await db
    .selectFrom("check_judge_run")
    .select("id")
    .where("article_id", "=", articleId)
    .where("revision", "=", revision)
    .executeTakeFirst();
  if (done) return "already";
  const provider = await (
    wiring.provider ?? ((d) => createLlmProvider(llmConfigFrom(d.config), d.log))
  )(deps);
  if (!provider) return "off";
  try {
    const input = await storyCheckInput(
      db,
      dialect,
      story.content,
      story.publishedAt ?? deps.clock.now().toISOString(),
      deps.config.TIME_ZONE,
    );
    const key = { articleId, revision, provider: provider.name, model: provider.model };
    let outcome: JudgeOutcome;
    try {
      const report = await judgeArticle(provider, input);
      outcome = await db.transaction().execute(async (trx) => {
        if (!(await stillNewest(trx, dialect, articleId, revision))) return "stale";
        return (await recordJudgeRun(trx, key, report, deps.clock.now())) ? "judged" : "already";
      });
    } catch (error) {
      if (!(error instanceof LlmError)) throw error;
      const reason = `${error.kind}: ${error.message}`;
      outcome = await db.transaction().execute(async (trx) => {
        if (!(await stillNewest(trx, dialect, articleId, revision))) return "stale";
        return (await recordJudgeFailure(trx, key, reason, deps.clock.now()))
          ? "failed"
          : "already";
      });
    }
    deps.log.info({ articleId, revision, outcome }, "claim-check judge finished");
    return outcome;
  } finally {
    await provider.close();
  }
}

/** The `checks.judge` job kind for the worker. */
export function checksJudgeJobHandlers(
  deps: SiteDeps,
  wiring: JudgeWiring = {},
): Record<string, JobHandler> {
  return {
    [CHECKS_JUDGE_JOB]: async (payload) => {
      const { articleId, revision } = judgePayload.parse(payload);
      await runJudge(deps, articleId, revision, wiring);
    },
  };
}
