import { z } from "zod";
import type { Logger } from "../core/log.js";
import { exampleOfSchema, type JsonSchema, strictJsonSchema } from "./json-schema-strict.js";
import { addUsage, NO_USAGE } from "./llm-cost.js";
import {
  LlmError,
  type LlmErrorKind,
  type LlmProvider,
  type LlmUsage,
  type StructuredRequest,
  type StructuredResult,
} from "./llm-provider.js";
import { backoffDelay, parseRetryAfter, sleep } from "./retry-timing.js";
import { parseStructured } from "./structured-answer.js";

export interface OpenAiCompatibleOptions {
  /** e.g. `https://api.openai.com/v1`, `http://127.0.0.1:11434/v1`; no trailing slash needed. */
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
  maxRetries: number;
  backoffBaseMs?: number;
  maxRetryAfterMs?: number;
  log: Logger;
  /** Injected in tests to see the waits without waiting. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

type FormatMode = "json_schema" | "json_object";

/** What one HTTP exchange gave. `format_refused` is internal: it switches modes, no retry spent. */
type Attempt =
  | { ok: true; text: string; usage: LlmUsage; model: string }
  | {
      ok: false;
      kind: LlmErrorKind | "format_refused";
      message: string;
      usage: LlmUsage;
      status?: number;
      retryAfterMs?: number;
      /** The model's text when it answered but the answer was unusable (for the re-ask). */
      answer?: string;
    };

const RETRYABLE = new Set<string>([
  "network",
  "timeout",
  "rate_limited",
  "server",
  "blank",
  "invalid_json",
  "schema_mismatch",
]);

/** Servers that lack structured outputs say so in a 400/422 naming the parameter. */
const FORMAT_REFUSAL =
  /response_format|json_schema|structured output|unsupported.*format|format.*(unavailable|not supported)/i;

const answerSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullable().optional(),
          refusal: z.string().nullable().optional(),
        }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.number().int().nonnegative().optional(),
      completion_tokens: z.number().int().nonnegative().optional(),
    })
    .nullable()
    .optional(),
});

/**
 * Any server speaking OpenAI's chat-completions protocol. Asks for strict `json_schema`
 * output first and, when the server refuses that, remembers to use `json_object` with the
 * schema and an example in the prompt for the rest of this instance's life.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name = "openai" as const;
  readonly model: string;
  private mode: FormatMode = "json_schema";
  private readonly endpoint: string;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: OpenAiCompatibleOptions) {
    this.model = options.model;
    this.endpoint = `${options.baseUrl.replace(/\/+$/, "")}/chat/completions`;
    this.sleep = options.sleep ?? sleep;
    this.random = options.random ?? Math.random;
  }

  /** The structured-output dialect this instance currently uses (tests and logs). */
  get formatMode(): FormatMode {
    return this.mode;
  }

  async generate<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const started = performance.now();
    const schema = strictJsonSchema(request.schema);
    let usage = NO_USAGE;
    let attempts = 0;
    let retries = 0;
    let repair: { answer: string; problem: string } | null = null;
    for (;;) {
      if (request.signal?.aborted) throw this.aborted(attempts, usage);
      attempts++;
      const mode = this.mode;
      const attempt = await this.send(request, schema, mode, repair);
      usage = addUsage(usage, attempt.usage);
      if (attempt.ok) {
        const parsed = parseStructured(attempt.text, request.schema);
        if (parsed.ok) {
          return {
            value: parsed.value,
            usage,
            model: attempt.model,
            attempts,
            elapsedMs: Math.round(performance.now() - started),
            raw: attempt.text,
          };
        }
        const failed: Attempt = {
          ok: false,
          kind: parsed.kind,
          message: `${parsed.kind.replace("_", " ")}: ${parsed.problem}`,
          usage: NO_USAGE,
          answer: attempt.text,
        };
        repair =
          parsed.kind === "schema_mismatch"
            ? { answer: attempt.text, problem: parsed.problem }
            : null;
        await this.waitOrThrow(request, failed, retries++, attempts, usage);
        continue;
      }
      if (attempt.kind === "format_refused") {
        if (mode === "json_schema") {
          this.mode = "json_object";
          this.options.log.info(
            { task: request.task, status: attempt.status },
            "llm: server refused json_schema output; using json_object from now on",
          );
          continue;
        }
        throw new LlmError(
          "config",
          `the server refused json_object output too: ${attempt.message}`,
          {
            status: attempt.status,
            attempts,
            usage,
          },
        );
      }
      await this.waitOrThrow(request, attempt, retries++, attempts, usage);
    }
  }

  async close(): Promise<void> {
    // fetch keeps no per-instance sockets worth closing: undici's global pool reaps idle ones.
  }

  private async waitOrThrow(
    request: StructuredRequest<unknown>,
    failed: Extract<Attempt, { ok: false }>,
    retry: number,
    attempts: number,
    usage: LlmUsage,
  ): Promise<void> {
    const kind = failed.kind as LlmErrorKind;
    const detail = { status: failed.status, attempts, usage };
    if (!RETRYABLE.has(kind)) throw new LlmError(kind, failed.message, detail);
    if (retry >= this.options.maxRetries) {
      throw new LlmError(kind, `${failed.message} (gave up after ${attempts} requests)`, detail);
    }
    const cap = this.options.maxRetryAfterMs ?? 60_000;
    const delay =
      failed.retryAfterMs !== undefined
        ? Math.min(failed.retryAfterMs, cap)
        : backoffDelay(retry, this.options.backoffBaseMs ?? 500, this.random);
    this.options.log.warn(
      { task: request.task, kind, status: failed.status, attempt: attempts, delayMs: delay },
      "llm: retrying",
    );
    try {
      await this.sleep(delay, request.signal);
    } catch {
      throw this.aborted(attempts, usage);
    }
  }

  private aborted(attempts: number, usage: LlmUsage): LlmError {
    return new LlmError("aborted", "the caller cancelled the request", { attempts, usage });
  }

  private messages(
    request: StructuredRequest<unknown>,
    schema: JsonSchema,
    mode: FormatMode,
    repair: { answer: string; problem: string } | null,
  ): { role: string; content: string }[] {
    let system = request.system;
    if (mode === "json_object") {
      // DeepSeek and DashScope reject json_object unless the prompt says "json"; DeepSeek
      // also asks for an example of the format.
      system +=
        "\n\nReply with one JSON object and nothing else: no prose, no code fence. " +
        `The JSON must match this JSON Schema:\n${JSON.stringify(schema)}\n` +
        `Example of the JSON format (placeholder values):\n${JSON.stringify(exampleOfSchema(schema))}`;
    }
    const messages = [
      { role: "system", content: system },
      { role: "user", content: request.user },
    ];
    if (repair) {
      messages.push(
        { role: "assistant", content: repair.answer },
        {
          role: "user",
          content: `That JSON does not match the required schema (${repair.problem}). Answer again with corrected JSON only.`,
        },
      );
    }
    return messages;
  }

  private async send(
    request: StructuredRequest<unknown>,
    schema: JsonSchema,
    mode: FormatMode,
    repair: { answer: string; problem: string } | null,
  ): Promise<Attempt> {
    const body: Record<string, unknown> = {
      model: this.model,
      messages: this.messages(request, schema, mode, repair),
      response_format:
        mode === "json_schema"
          ? { type: "json_schema", json_schema: { name: request.schemaName, strict: true, schema } }
          : { type: "json_object" },
      stream: false,
    };
    if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    const headers: Record<string, string> = {
      "Content-Type": "application/json",
      Accept: "application/json",
    };
    if (this.options.apiKey) headers.Authorization = `Bearer ${this.options.apiKey}`;

    // One deadline for the whole exchange: a hung connection and a body that drips in
    // slower than the deadline both end here, because the same signal aborts body reading.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs);
    const signal = request.signal
      ? AbortSignal.any([deadline.signal, request.signal])
      : deadline.signal;
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await fetch(this.endpoint, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal,
      });
      status = response.status;
      retryAfter = response.headers.get("retry-after");
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted)
        return {
          ok: false,
          kind: "aborted",
          message: "the caller cancelled the request",
          usage: NO_USAGE,
        };
      if (deadline.signal.aborted) {
        return {
          ok: false,
          kind: "timeout",
          message: `no complete answer within ${this.options.timeoutMs} ms`,
          usage: NO_USAGE,
        };
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      return {
        ok: false,
        kind: "network",
        message: `network error: ${cause?.code ?? cause?.message ?? (error as Error).message}`,
        usage: NO_USAGE,
      };
    } finally {
      clearTimeout(timer);
    }
    return this.interpret(status, text, retryAfter, mode);
  }

  private interpret(
    status: number,
    text: string,
    retryAfter: string | null,
    mode: FormatMode,
  ): Attempt {
    const retryAfterMs = parseRetryAfter(retryAfter, Date.now()) ?? undefined;
    if (status < 200 || status >= 300) {
      const message = `HTTP ${status}: ${errorMessage(text)}`;
      if (status === 429)
        return { ok: false, kind: "rate_limited", message, status, retryAfterMs, usage: NO_USAGE };
      if (
        (status === 400 || status === 422) &&
        mode === "json_schema" &&
        FORMAT_REFUSAL.test(text)
      ) {
        return { ok: false, kind: "format_refused", message, status, usage: NO_USAGE };
      }
      if (status === 408) return { ok: false, kind: "timeout", message, status, usage: NO_USAGE };
      if (status >= 500)
        return { ok: false, kind: "server", message, status, retryAfterMs, usage: NO_USAGE };
      // 401, 403, 404 (unknown model), other 4xx: retrying cannot help; the setup is wrong.
      return { ok: false, kind: "config", message, status, usage: NO_USAGE };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return {
        ok: false,
        kind: "server",
        message: `HTTP ${status} with a body that is not JSON`,
        status,
        usage: NO_USAGE,
      };
    }
    const parsed = answerSchema.safeParse(json);
    if (!parsed.success) {
      return {
        ok: false,
        kind: "server",
        message: `HTTP ${status} with an answer of unknown shape`,
        status,
        usage: NO_USAGE,
      };
    }
    const answer = parsed.data;
    const usage: LlmUsage = {
      promptTokens: answer.usage?.prompt_tokens ?? 0,
      completionTokens: answer.usage?.completion_tokens ?? 0,
    };
    const choice = answer.choices[0];
    if (!choice)
      return { ok: false, kind: "server", message: "no choices in the answer", status, usage };
    if (choice.message.refusal) {
      return {
        ok: false,
        kind: "refused",
        message: `the model refused: ${choice.message.refusal}`,
        status,
        usage,
      };
    }
    const content = choice.message.content ?? "";
    if (content.trim() === "") {
      return {
        ok: false,
        kind: "blank",
        message: "the model returned blank content",
        status,
        usage,
      };
    }
    if (choice.finish_reason === "length") {
      // A cut-off answer may still parse by accident (e.g. a truncated number); never accept it.
      return {
        ok: false,
        kind: "invalid_json",
        message: "the answer was cut off at the token limit",
        status,
        usage,
        answer: content,
      };
    }
    return { ok: true, text: content, usage, model: answer.model ?? this.model };
  }
}

/** The server's own words, short: `error.message` when it sent OpenAI's error object. */
function errorMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message =
      typeof json.error === "string"
        ? json.error
        : typeof json.error?.message === "string"
          ? json.error.message
          : typeof json.message === "string"
            ? json.message
            : text;
    return message.slice(0, 300);
  } catch {
    return text.slice(0, 300);
  }
}
