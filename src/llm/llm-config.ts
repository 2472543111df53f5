import type { Config } from "../config/env.js";

/** The slice of the app configuration the language-model code reads; tests build it directly. */
export interface LlmConfig {
  provider: "none" | "openai" | "local";
  baseUrl?: string;
  apiKey: string;
  model?: string;
  modelPath?: string;
  /** Deadline for one request, headers and body together. */
  timeoutMs: number;
  /** Extra tries after a transient failure. */
  maxRetries: number;
  /** Price per million prompt / completion tokens, when the operator set them. */
  priceInputPerMTok?: number;
  priceOutputPerMTok?: number;
  /** First backoff step; doubles per retry, with jitter. Tests shrink it. */
  backoffBaseMs?: number;
  /** Longest wait a `retry-after` header may impose before the call gives up waiting. */
  maxRetryAfterMs?: number;
}

export function llmConfigFrom(config: Config): LlmConfig {
  return {
    provider: config.LLM_PROVIDER,
    baseUrl: config.LLM_BASE_URL,
    apiKey: config.LLM_API_KEY,
    model: config.LLM_MODEL,
    modelPath: config.LLM_MODEL_PATH,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    priceInputPerMTok: config.LLM_PRICE_INPUT_PER_MTOK,
    priceOutputPerMTok: config.LLM_PRICE_OUTPUT_PER_MTOK,
  };
}
