import type { Config } from "../config/env.js";
import type { Logger } from "../core/log.js";
import { createLlmProvider } from "../llm/create-provider.js";
import { llmConfigFrom } from "../llm/llm-config.js";
import { costOf } from "../llm/llm-cost.js";
import type { LlmProvider } from "../llm/llm-provider.js";
import type { CostOf } from "./llm-call.js";

/** The provider the configuration names (HTTP or the local GGUF model), or null for `none`. */
export function pipelineProvider(config: Config, log: Logger): Promise<LlmProvider | null> {
  return createLlmProvider(llmConfigFrom(config), log);
}

/** Cost per call from the configured prices; unknown prices count as 0 (shown as tokens only). */
export function pipelineCost(config: Config): CostOf {
  const llm = llmConfigFrom(config);
  return (usage) => costOf(usage, llm) ?? 0;
}
