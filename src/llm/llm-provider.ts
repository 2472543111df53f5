import type { z } from "zod";

/**
 * The one interface every language-model backend implements: the OpenAI-compatible HTTP
 * provider (OpenAI, DeepSeek, Qwen, Ollama, vLLM, llama.cpp server, LM Studio) and the
 * in-process GGUF model. Callers ask for a value of a zod schema and get it validated, or an
 * `LlmError`; they never see half-parsed text.
 */
export interface LlmProvider {
  /** `openai` or `local`; shown in the queue and in evaluation reports. */
  readonly name: LlmProviderName;
  /** Model id as the backend names it (or the GGUF file's base name). */
  readonly model: string;
  /** One structured answer. Retries, timeouts and fallbacks happen inside. */
  generate<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>>;
  /** Releases sockets or the loaded model. */
  close(): Promise<void>;
}

export type LlmProviderName = "openai" | "local";

export interface StructuredRequest<T> {
  /** What the call is for (`translate`, `facts`, `outline`…): logs, usage and cost per stage. */
  task: string;
  system: string;
  user: string;
  /** The answer's shape; also converted to the JSON Schema sent to the backend. */
  schema: z.ZodType<T>;
  /** Name of that schema in `response_format.json_schema.name` (`[a-z0-9_]+`). */
  schemaName: string;
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

export interface LlmUsage {
  promptTokens: number;
  completionTokens: number;
}

export interface StructuredResult<T> {
  value: T;
  /** Summed over every attempt this call made, failed ones included: that is what was paid. */
  usage: LlmUsage;
  model: string;
  /** Requests sent, 1 when the first answer was valid. */
  attempts: number;
  elapsedMs: number;
  /** The accepted answer's text, kept on the story so an editor can see it. */
  raw: string;
}

/** Why a call gave no value; `retryable` ones were already retried within the call's bounds. */
export type LlmErrorKind =
  | "config"
  | "network"
  | "timeout"
  | "rate_limited"
  | "server"
  | "refused"
  | "blank"
  | "invalid_json"
  | "schema_mismatch"
  | "aborted";

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly detail: { status?: number; attempts?: number; usage?: LlmUsage } = {},
  ) {
    super(message);
    this.name = "LlmError";
  }
}
