import { basename } from "node:path";
import type {
  GbnfJsonSchema,
  Llama,
  LlamaContext,
  LlamaContextSequence,
  LlamaGrammar,
  LlamaModel,
} from "node-llama-cpp";
import type { Logger } from "../core/log.js";
import { exampleOfSchema, strictJsonSchema } from "./json-schema-strict.js";
import { addUsage, NO_USAGE } from "./llm-cost.js";
import {
  LlmError,
  type LlmErrorKind,
  type LlmProvider,
  type LlmUsage,
  type StructuredRequest,
  type StructuredResult,
} from "./llm-provider.js";
import { parseStructured } from "./structured-answer.js";

export interface LocalGgufOptions {
  modelPath: string;
  /** Deadline for one generation. */
  timeoutMs: number;
  /** Extra generations after an answer zod rejects (the grammar cannot express every rule). */
  maxRetries: number;
  log: Logger;
  /** CPU threads; unset lets llama.cpp choose. Tests on a busy 2-core machine use 1. */
  threads?: number;
  contextSize?: number;
}

const DEFAULT_MAX_TOKENS = 1024;

/**
 * A GGUF model run in-process by node-llama-cpp. Output is constrained by a grammar made from
 * the JSON Schema, then re-validated with zod: the grammar admits exponents in integers,
 * impossible dates and whatever refinements JSON Schema cannot say.
 *
 * Loading never builds or downloads: `build: "never"` and `skipDownload` make a missing
 * prebuilt binary an error instead of a compiler run or a fetch.
 */
export class LocalGgufProvider implements LlmProvider {
  readonly name = "local" as const;
  readonly model: string;
  /** One context sequence: calls queue up behind each other. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly grammars = new WeakMap<object, Promise<LlamaGrammar>>();

  private constructor(
    private readonly options: LocalGgufOptions,
    private readonly llama: Llama,
    private readonly loaded: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
  ) {
    this.model = basename(options.modelPath).replace(/\.gguf$/i, "");
  }

  static async open(options: LocalGgufOptions): Promise<LocalGgufProvider> {
    let lib: typeof import("node-llama-cpp");
    try {
      lib = await import("node-llama-cpp");
    } catch (error) {
      throw new LlmError(
        "config",
        `LLM_PROVIDER=local needs the node-llama-cpp package (npm ci installs it): ${(error as Error).message}`,
      );
    }
    try {
      const llama = await lib.getLlama({
        build: "never",
        skipDownload: true,
        usePrebuiltBinaries: true,
        gpu: false,
        progressLogs: false,
        logLevel: lib.LlamaLogLevel.error,
        ...(options.threads ? { maxThreads: options.threads } : {}),
      });
      const model = await llama.loadModel({ modelPath: options.modelPath });
      const context = await model.createContext({
        contextSize: options.contextSize ?? { max: 8192 },
        sequences: 1,
        ...(options.threads ? { threads: options.threads } : {}),
      });
      const sequence = context.getSequence();
      options.log.info(
        { model: options.modelPath, contextSize: context.contextSize },
        "llm: local model loaded",
      );
      return new LocalGgufProvider(options, llama, model, context, sequence);
    } catch (error) {
      if (error instanceof LlmError) throw error;
      throw new LlmError(
        "config",
        `could not load ${options.modelPath}: ${(error as Error).message}`,
      );
    }
  }

  generate<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const run = this.queue.then(() => this.generateNow(request));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.context.dispose();
    await this.loaded.dispose();
    await this.llama.dispose();
  }

  private async grammarFor(request: StructuredRequest<unknown>): Promise<LlamaGrammar> {
    let grammar = this.grammars.get(request.schema);
    if (!grammar) {
      const schema = strictJsonSchema(request.schema) as GbnfJsonSchema;
      // The method's const generic wants a literal schema; ours is built at run time.
      const create = this.llama.createGrammarForJsonSchema.bind(this.llama) as (
        schema: GbnfJsonSchema,
      ) => Promise<LlamaGrammar>;
      grammar = create(schema);
      this.grammars.set(request.schema, grammar);
    }
    try {
      return await grammar;
    } catch (error) {
      this.grammars.delete(request.schema);
      throw new LlmError(
        "config",
        `schema ${request.schemaName} cannot become a grammar: ${(error as Error).message}`,
      );
    }
  }

  private async generateNow<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
    const started = performance.now();
    const { LlamaChatSession } = await import("node-llama-cpp");
    const grammar = await this.grammarFor(request);
    const schema = strictJsonSchema(request.schema);
    const system =
      `${request.system}\n\nAnswer with JSON matching this schema: ${JSON.stringify(schema)}\n` +
      `Example: ${JSON.stringify(exampleOfSchema(schema))}`;
    let usage: LlmUsage = NO_USAGE;
    let repair = "";
    for (let attempt = 1; ; attempt++) {
      if (request.signal?.aborted)
        throw new LlmError("aborted", "the caller cancelled the request", {
          attempts: attempt - 1,
          usage,
        });
      await this.sequence.clearHistory();
      const session = new LlamaChatSession({
        contextSequence: this.sequence,
        systemPrompt: system,
        autoDisposeSequence: false,
      });
      const before = this.sequence.tokenMeter.getState();
      const deadline = AbortSignal.timeout(this.options.timeoutMs);
      const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
      let text: string;
      let stopReason: string;
      try {
        const answer = await session.promptWithMeta(request.user + repair, {
          grammar,
          maxTokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
          temperature: request.temperature ?? 0.2,
          seed: attempt,
          signal,
        });
        text = answer.responseText;
        stopReason = answer.stopReason;
      } catch (error) {
        usage = addUsage(usage, this.usedSince(before));
        const kind: LlmErrorKind = request.signal?.aborted
          ? "aborted"
          : deadline.aborted
            ? "timeout"
            : "server";
        throw new LlmError(
          kind,
          kind === "server"
            ? `local model failed: ${(error as Error).message}`
            : `local generation ${kind === "timeout" ? `exceeded ${this.options.timeoutMs} ms` : "cancelled"}`,
          {
            attempts: attempt,
            usage,
          },
        );
      } finally {
        session.dispose({ disposeSequence: false });
      }
      usage = addUsage(usage, this.usedSince(before));
      const parsed =
        stopReason === "maxTokens"
          ? ({
              ok: false,
              kind: "invalid_json",
              problem: "the answer was cut off at the token limit",
            } as const)
          : parseStructured(text, request.schema);
      if (parsed.ok) {
        return {
          value: parsed.value,
          usage,
          model: this.model,
          attempts: attempt,
          elapsedMs: Math.round(performance.now() - started),
          raw: text,
        };
      }
      if (attempt > this.options.maxRetries) {
        throw new LlmError(
          parsed.kind,
          `${parsed.kind.replace("_", " ")}: ${parsed.problem} (gave up after ${attempt} generations)`,
          {
            attempts: attempt,
            usage,
          },
        );
      }
      this.options.log.warn(
        { task: request.task, kind: parsed.kind, attempt },
        "llm: local answer rejected; generating again",
      );
      repair = `\n\n(An earlier answer was rejected: ${parsed.problem}. Answer again.)`;
    }
  }

  private usedSince(before: { usedInputTokens: number; usedOutputTokens: number }): LlmUsage {
    const now = this.sequence.tokenMeter.getState();
    return {
      promptTokens: now.usedInputTokens - before.usedInputTokens,
      completionTokens: now.usedOutputTokens - before.usedOutputTokens,
    };
  }
}
