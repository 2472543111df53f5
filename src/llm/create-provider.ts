import type { Logger } from "../core/log.js";
import type { LlmConfig } from "./llm-config.js";
import { LlmError, type LlmProvider } from "./llm-provider.js";
import { OpenAiCompatibleProvider } from "./openai-compatible-provider.js";

/**
 * The configured backend, or `null` for `LLM_PROVIDER=none` (callers then skip the steps
 * that need a model and say so). The local model is imported lazily so the HTTP path and
 * `none` never load the native addon.
 */
export async function createLlmProvider(
  config: LlmConfig,
  log: Logger,
): Promise<LlmProvider | null> {
  switch (config.provider) {
    case "none":
      return null;
    case "openai": {
      if (!config.baseUrl || !config.model) {
        throw new LlmError("config", "LLM_PROVIDER=openai needs LLM_BASE_URL and LLM_MODEL");
      }
      return new OpenAiCompatibleProvider({
        baseUrl: config.baseUrl,
        apiKey: config.apiKey,
        model: config.model,
        timeoutMs: config.timeoutMs,
        maxRetries: config.maxRetries,
        backoffBaseMs: config.backoffBaseMs,
        maxRetryAfterMs: config.maxRetryAfterMs,
        log,
      });
    }
    case "local": {
      if (!config.modelPath)
        throw new LlmError("config", "LLM_PROVIDER=local needs LLM_MODEL_PATH");
      const { LocalGgufProvider } = await import("./local-gguf-provider.js");
      return LocalGgufProvider.open({
        modelPath: config.modelPath,
        timeoutMs: config.timeoutMs,
        maxRetries: config.maxRetries,
        threads: config.threads,
        log,
      });
    }
  }
}
