import type { Kysely } from "kysely";
import type { Tables } from "../db/schema.js";

type Db = Kysely<Tables>;

export type PipelineState = "queued" | "running" | "stopped" | "failed" | "done";

/** What one finished stage cost; added to the story's totals when the stage is recorded. */
export interface StageCost {
  provider: string | null;
  model: string | null;
  attempts: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  elapsedMs: number;
}

export const NO_COST: StageCost = {
  provider: null,
  model: null,
  attempts: 0,
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  elapsedMs: 0,
};

/** Creates the story's pipeline row when missing (enqueueing twice keeps one). */
export async function ensurePipeline(db: Db, articleId: number, now: Date): Promise<void> {
  await db
    .insertInto("story_pipeline")
    .values({
      article_id: articleId,
      state: "queued",
      stage: "research",
      mode: null,
      reason: null,
      provider: null,
      model: null,
      draft_revision: null,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .onConflict((oc) => oc.column("article_id").doNothing())
    .execute();
}

export async function loadPipeline(db: Db, articleId: number) {
  return db
    .selectFrom("story_pipeline")
    .selectAll()
    .where("article_id", "=", articleId)
    .executeTakeFirst();
}

export async function setPipeline(
  db: Db,
  articleId: number,
  change: {
    state: PipelineState;
    stage?: string;
    reason?: string | null;
    mode?: string;
    draftRevision?: number;
  },
  now: Date,
): Promise<void> {
  await db
    .updateTable("story_pipeline")
    .set({
      state: change.state,
      ...(change.stage === undefined ? {} : { stage: change.stage }),
      ...(change.reason === undefined ? {} : { reason: change.reason }),
      ...(change.mode === undefined ? {} : { mode: change.mode }),
      ...(change.draftRevision === undefined ? {} : { draft_revision: change.draftRevision }),
      updated_at: now.toISOString(),
    })
    .where("article_id", "=", articleId)
    .execute();
}

/** The finished run of a stage, if any: a resumed pipeline uses it instead of re-running. */
export async function doneStage(db: Db, articleId: number, stage: string) {
  return db
    .selectFrom("story_stage")
    .select(["id", "output", "template"])
    .where("article_id", "=", articleId)
    .where("stage", "=", stage)
    .where("state", "=", "done")
    .orderBy("id", "desc")
    .executeTakeFirst();
}

/**
 * Opens a stage run. A run left `running` by a crashed worker is marked `abandoned` first:
 * its half-done work is redone, and the row stays so the editor sees the crash.
 */
export async function startStage(
  db: Db,
  articleId: number,
  stage: string,
  template: string | null,
  input: unknown,
  now: Date,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await trx
      .updateTable("story_stage")
      .set({ state: "abandoned", finished_at: now.toISOString() })
      .where("article_id", "=", articleId)
      .where("stage", "=", stage)
      .where("state", "=", "running")
      .execute();
    await trx
      .updateTable("story_pipeline")
      .set({ state: "running", stage, reason: null, updated_at: now.toISOString() })
      .where("article_id", "=", articleId)
      .execute();
    const row = await trx
      .insertInto("story_stage")
      .values({
        article_id: articleId,
        stage,
        state: "running",
        template,
        input: JSON.stringify(input),
        output: null,
        error: null,
        provider: null,
        model: null,
        started_at: now.toISOString(),
        finished_at: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Closes a stage run (done or failed) and adds what it cost to the story's totals. */
export async function finishStage(
  db: Db,
  articleId: number,
  runId: number,
  result: { state: "done"; output: unknown } | { state: "failed"; error: string },
  cost: StageCost,
  now: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("story_stage")
      .set({
        state: result.state,
        output: result.state === "done" ? JSON.stringify(result.output) : null,
        error: result.state === "failed" ? result.error.slice(0, 2000) : null,
        provider: cost.provider,
        model: cost.model,
        attempts: cost.attempts,
        prompt_tokens: cost.promptTokens,
        completion_tokens: cost.completionTokens,
        cost_usd: cost.costUsd,
        elapsed_ms: Math.round(cost.elapsedMs),
        finished_at: now.toISOString(),
      })
      .where("id", "=", runId)
      .execute();
    await trx
      .updateTable("story_pipeline")
      .set((eb) => ({
        llm_calls: eb("llm_calls", "+", cost.attempts),
        prompt_tokens: eb("prompt_tokens", "+", cost.promptTokens),
        completion_tokens: eb("completion_tokens", "+", cost.completionTokens),
        cost_usd: eb("cost_usd", "+", cost.costUsd),
        ...(cost.provider ? { provider: cost.provider, model: cost.model } : {}),
        updated_at: now.toISOString(),
      }))
      .where("article_id", "=", articleId)
      .execute();
  });
}

export interface StageRow {
  id: number;
  stage: string;
  state: string;
  template: string | null;
  input: unknown;
  output: unknown;
  error: string | null;
  provider: string | null;
  model: string | null;
  attempts: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  elapsedMs: number;
  startedAt: string;
  finishedAt: string | null;
}

/** Every stage run of a story, oldest first: what the newsroom panel and the CLI show. */
export async function listStages(db: Db, articleId: number): Promise<StageRow[]> {
  const rows = await db
    .selectFrom("story_stage")
    .selectAll()
    .where("article_id", "=", articleId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    stage: r.stage,
    state: r.state,
    template: r.template,
    input: JSON.parse(r.input) as unknown,
    output: r.output === null ? null : (JSON.parse(r.output) as unknown),
    error: r.error,
    provider: r.provider,
    model: r.model,
    attempts: r.attempts,
    promptTokens: r.prompt_tokens,
    completionTokens: r.completion_tokens,
    costUsd: Number(r.cost_usd),
    elapsedMs: r.elapsed_ms,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  }));
}
