import type { LlmConfig } from "./llm-config.js";
import type { LlmUsage } from "./llm-provider.js";

/**
 * What a call (or a story's calls, summed) cost in the operator's currency, or `null` when
 * no prices are configured: an unknown cost is shown as unknown, never as zero.
 */
export function costOf(
  usage: LlmUsage,
  config: Pick<LlmConfig, "priceInputPerMTok" | "priceOutputPerMTok">,
): number | null {
  if (config.priceInputPerMTok === undefined && config.priceOutputPerMTok === undefined)
    return null;
  const input = (usage.promptTokens / 1_000_000) * (config.priceInputPerMTok ?? 0);
  const output = (usage.completionTokens / 1_000_000) * (config.priceOutputPerMTok ?? 0);
  return input + output;
}

export function addUsage(a: LlmUsage, b: LlmUsage): LlmUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
  };
}

export const NO_USAGE: LlmUsage = Object.freeze({ promptTokens: 0, completionTokens: 0 });
