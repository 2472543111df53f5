import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { ChatReply } from "./chat-replay-server.js";

/** Recorded answer shapes in `test/fixtures/llm/` (see its README for each source). */
export type RecordedShape =
  | "openai"
  | "openai-refusal"
  | "openai-json-schema-unsupported"
  | "openai-rate-limited"
  | "openai-server-error"
  | "deepseek"
  | "deepseek-blank"
  | "deepseek-json-schema-unsupported"
  | "ollama"
  | "llama-cpp-server"
  | "vllm";

const FIXTURES = fileURLToPath(new URL("../../../test/fixtures/llm/", import.meta.url));

interface ShapeFile {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

/**
 * One recorded answer with the assistant text filled in where the shape has `{{content}}`.
 * `usage` overrides the recorded token counts so tests can check sums.
 */
export function recordedAnswer(
  shape: RecordedShape,
  content = "",
  options: {
    usage?: { prompt: number; completion: number };
    headers?: Record<string, string>;
  } = {},
): ChatReply {
  const file = JSON.parse(readFileSync(`${FIXTURES}${shape}.json`, "utf8")) as ShapeFile;
  const body = fill(file.body, content) as Record<string, unknown>;
  if (options.usage && typeof body.usage === "object" && body.usage) {
    body.usage = {
      ...(body.usage as object),
      prompt_tokens: options.usage.prompt,
      completion_tokens: options.usage.completion,
      total_tokens: options.usage.prompt + options.usage.completion,
    };
  }
  return { status: file.status, json: body, headers: { ...file.headers, ...options.headers } };
}

function fill(value: unknown, content: string): unknown {
  if (value === "{{content}}") return content;
  if (Array.isArray(value)) return value.map((v) => fill(v, content));
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, content)]));
  return value;
}
