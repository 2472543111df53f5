import type { z } from "zod";
import type { LlmProvider, LlmUsage } from "../llm/llm-provider.js";
import type { PromptContext } from "./prompt-context.js";
import { fillTemplate, loadTemplate, type TemplateId } from "./prompt-template.js";
import type { StageCost } from "./stage-store.js";

/** Prices a call; `src/llm/llm-cost.ts`' `costOf` in the app, zero when prices are unknown. */
export type CostOf = (usage: LlmUsage) => number;

/** Thrown when an answer passed the schema but not the pipeline's own cross-checks. */
export class StageAnswerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StageAnswerError";
  }
}

export interface StageLlm {
  provider: LlmProvider;
  context: PromptContext;
  costOf: CostOf;
}

/**
 * Fills a template, asks for one schema-shaped answer and checks it with `accept` (fact ids,
 * source ids, citation numbers: what a JSON Schema cannot say). An answer `accept` rejects
 * is asked again, at most `tries` times; every attempt's tokens count.
 */
export async function askStage<T, R>(
  llm: StageLlm,
  request: {
    task: string;
    template: TemplateId;
    slots: Record<string, string>;
    schema: z.ZodType<T>;
    schemaName: string;
    maxTokens?: number;
  },
  accept: (value: T) => R,
  cost: StageCost,
  tries = 2,
): Promise<R> {
  const prompt = fillTemplate(loadTemplate(request.template), {
    ...llm.context,
    ...request.slots,
  });
  let lastProblem = "";
  for (let attempt = 1; attempt <= tries; attempt++) {
    const result = await llm.provider.generate({
      task: request.task,
      system: prompt.system,
      user: lastProblem
        ? `${prompt.user}\n\nYour previous answer was rejected: ${lastProblem}. Answer again.`
        : prompt.user,
      schema: request.schema,
      schemaName: request.schemaName,
      ...(request.maxTokens ? { maxTokens: request.maxTokens } : {}),
      temperature: 0.2,
    });
    cost.provider = llm.provider.name;
    cost.model = result.model;
    cost.attempts += result.attempts;
    cost.promptTokens += result.usage.promptTokens;
    cost.completionTokens += result.usage.completionTokens;
    cost.costUsd += llm.costOf(result.usage);
    cost.elapsedMs += result.elapsedMs;
    try {
      return accept(result.value);
    } catch (error) {
      if (!(error instanceof StageAnswerError)) throw error;
      lastProblem = error.message;
    }
  }
  throw new StageAnswerError(`${request.task}: ${lastProblem}`);
}
