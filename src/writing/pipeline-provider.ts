import type { Config } from "../config/env.js";
import type { Logger } from "../core/log.js";
import { llmConfigFrom } from "../llm/llm-config.js";
import { costOf } from "../llm/llm-cost.js";
import { LlmError, type LlmProvider } from "../llm/llm-provider.js";
import { OpenAiCompatibleProvider } from "../llm/openai-compatible-provider.js";
import type { CostOf } from "./llm-call.js";

/**
 * The provider the configuration names, or null for `LLM_PROVIDER=none`. Built here from the
 * llm folder's OpenAI-compatible provider; the `local` GGUF provider is reported as not
 * available until `src/llm` exports its factory (`createLlmProvider`).
 */
export function pipelineProvider(config: Config, log: Logger): LlmProvider | null {
  const llm = llmConfigFrom(config);
  if (llm.provider === "none") return null;
  if (llm.provider === "openai" && llm.baseUrl && llm.model) {
    return new OpenAiCompatibleProvider({
      baseUrl: llm.baseUrl,
      apiKey: llm.apiKey,
      model: llm.model,
      timeoutMs: llm.timeoutMs,
      maxRetries: llm.maxRetries,
      log,
    });
  }
  throw new LlmError("config", `LLM_PROVIDER=${llm.provider} is not available to the pipeline`);
}

/** Cost per call from the configured prices; unknown prices count as 0 (shown as tokens only). */
export function pipelineCost(config: Config): CostOf {
  const llm = llmConfigFrom(config);
  return (usage) => costOf(usage, llm) ?? 0;
}
