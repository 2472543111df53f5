import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { silentLogger } from "../core/log.js";
import { LlmError, type StructuredRequest } from "./llm-provider.js";
import {
  type OpenAiCompatibleOptions,
  OpenAiCompatibleProvider,
} from "./openai-compatible-provider.js";
import {
  type ChatHandler,
  type ChatReplayServer,
  startChatReplayServer,
} from "./testing/chat-replay-server.js";
import { type RecordedShape, recordedAnswer } from "./testing/chat-shapes.js";

const headline = z.object({
  headline: z.string().min(5),
  words: z.number().int().min(1),
  dek: z.string().optional(),
});

const request: StructuredRequest<z.infer<typeof headline>> = {
  task: "outline",
  system: "You write headlines.",
  user: "Topic: 台风登陆",
  schema: headline,
  schemaName: "headline",
  maxTokens: 200,
};

const good = JSON.stringify({ headline: "Typhoon makes landfall", words: 3 });

let server: ChatReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function providerFor(
  handler: ChatHandler,
  options: Partial<OpenAiCompatibleOptions> = {},
): Promise<{ provider: OpenAiCompatibleProvider; waits: number[]; replay: ChatReplayServer }> {
  const replay = await startChatReplayServer(handler);
  server = replay;
  const waits: number[] = [];
  const provider = new OpenAiCompatibleProvider({
    baseUrl: replay.url,
    apiKey: "sk-test",
    model: "test-model",
    timeoutMs: 5000,
    maxRetries: 3,
    backoffBaseMs: 100,
    log: silentLogger,
    // Record the waits instead of sleeping: the test checks the policy, not the clock.
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 0.5,
    ...options,
  });
  return { provider, waits, replay };
}

async function failure(promise: Promise<unknown>): Promise<LlmError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LlmError);
  return error as LlmError;
}

describe("OpenAI-compatible provider against the chat replay server", () => {
  it.each<RecordedShape>(["openai", "deepseek", "ollama", "llama-cpp-server", "vllm"])(
    "accepts a valid answer in the %s shape",
    async (shape) => {
      const { provider, replay } = await providerFor([
        recordedAnswer(shape, good, { usage: { prompt: 11, completion: 7 } }),
      ]);
      const result = await provider.generate(request);
      expect(result.value).toEqual({ headline: "Typhoon makes landfall", words: 3 });
      expect(result.usage).toEqual({ promptTokens: 11, completionTokens: 7 });
      expect(result.attempts).toBe(1);
      expect(result.raw).toBe(good);
      const sent = replay.requests[0]?.body;
      expect(sent?.model).toBe("test-model");
      expect(sent?.max_tokens).toBe(200);
      expect(replay.requests[0]?.headers.authorization).toBe("Bearer sk-test");
      expect(sent?.response_format?.type).toBe("json_schema");
      const spec = sent?.response_format?.json_schema;
      expect(spec?.name).toBe("headline");
      expect(spec?.strict).toBe(true);
      // Strict mode: every property required, no extras, the optional one nullable.
      expect(spec?.schema.additionalProperties).toBe(false);
      expect(spec?.schema.required).toEqual(["headline", "words", "dek"]);
      expect(JSON.stringify(spec?.schema.properties)).toContain('"null"');
    },
  );

  it("maps null on an optional property to absent", async () => {
    const text = JSON.stringify({ headline: "Typhoon makes landfall", words: 3, dek: null });
    const { provider } = await providerFor([recordedAnswer("openai", text)]);
    const result = await provider.generate(request);
    expect(result.value).toEqual({ headline: "Typhoon makes landfall", words: 3 });
  });

  it("re-asks after invalid JSON and sums the usage of every attempt", async () => {
    const { provider, waits, replay } = await providerFor([
      recordedAnswer("openai", '{"headline": "Typhoon', { usage: { prompt: 10, completion: 5 } }),
      recordedAnswer("openai", good, { usage: { prompt: 10, completion: 6 } }),
    ]);
    const result = await provider.generate(request);
    expect(result.attempts).toBe(2);
    expect(result.usage).toEqual({ promptTokens: 20, completionTokens: 11 });
    expect(waits).toHaveLength(1);
    expect(replay.requests).toHaveLength(2);
  });

  it("re-asks with the problem after a schema violation, then accepts the fixed answer", async () => {
    const wrong = JSON.stringify({ headline: "Typhoon makes landfall", words: 1.5 });
    const { provider, replay } = await providerFor([
      recordedAnswer("vllm", wrong),
      recordedAnswer("vllm", good),
    ]);
    const result = await provider.generate(request);
    expect(result.value.words).toBe(3);
    const second = replay.requests[1]?.body.messages ?? [];
    expect(second.at(-2)).toEqual({ role: "assistant", content: wrong });
    expect(second.at(-1)?.content).toMatch(/words/);
  });

  it("gives up on answers that never match the schema, within the retry bound", async () => {
    const wrong = JSON.stringify({ headline: "x", words: 0 });
    const { provider, replay } = await providerFor([recordedAnswer("ollama", wrong)], {
      maxRetries: 2,
    });
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("schema_mismatch");
    expect(error.detail.attempts).toBe(3);
    expect(replay.requests).toHaveLength(3);
  });

  it("retries blank content (DeepSeek) and fails as blank when it persists", async () => {
    const ok = await providerFor([
      recordedAnswer("deepseek-blank"),
      recordedAnswer("deepseek", good),
    ]);
    expect((await ok.provider.generate(request)).attempts).toBe(2);
    await server?.close();
    const bad = await providerFor([recordedAnswer("deepseek-blank")], { maxRetries: 1 });
    const error = await failure(bad.provider.generate(request));
    expect(error.kind).toBe("blank");
    expect(bad.replay.requests).toHaveLength(2);
  });

  it.each<RecordedShape>(["openai-json-schema-unsupported", "deepseek-json-schema-unsupported"])(
    "falls back to json_object after %s and remembers it",
    async (refusal) => {
      const { provider, replay, waits } = await providerFor([
        recordedAnswer(refusal),
        recordedAnswer("deepseek", good),
      ]);
      const result = await provider.generate(request);
      expect(result.value.headline).toBe("Typhoon makes landfall");
      expect(provider.formatMode).toBe("json_object");
      expect(waits).toEqual([]);
      const fallback = replay.requests[1]?.body;
      expect(fallback?.response_format).toEqual({ type: "json_object" });
      const system = fallback?.messages?.[0]?.content ?? "";
      expect(system.toLowerCase()).toContain("json");
      expect(system).toContain('"headline"');
      expect(system).toMatch(/Example/);
      // The next call goes straight to json_object: the refusal is not paid twice.
      await provider.generate(request);
      expect(replay.requests).toHaveLength(3);
      expect(replay.requests[2]?.body.response_format?.type).toBe("json_object");
    },
  );

  it("fails a model refusal at once, without retrying", async () => {
    const { provider, replay } = await providerFor([recordedAnswer("openai-refusal")]);
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("refused");
    expect(error.message).toContain("cannot assist");
    expect(replay.requests).toHaveLength(1);
    expect(error.detail.usage).toEqual({ promptTokens: 81, completionTokens: 11 });
  });

  it("honours retry-after in seconds and as an HTTP date, capped", async () => {
    const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
    const { provider, waits } = await providerFor(
      [
        recordedAnswer("openai-rate-limited", "", { headers: { "retry-after": "7" } }),
        recordedAnswer("openai-rate-limited", "", { headers: { "retry-after": inTwoMinutes } }),
        recordedAnswer("openai", good),
      ],
      { maxRetryAfterMs: 30_000 },
    );
    const result = await provider.generate(request);
    expect(result.attempts).toBe(3);
    expect(waits[0]).toBe(7000);
    expect(waits[1]).toBe(30_000);
  });

  it("fails as rate_limited when 429 persists", async () => {
    const { provider } = await providerFor([recordedAnswer("openai-rate-limited")], {
      maxRetries: 2,
    });
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("rate_limited");
    expect(error.detail.status).toBe(429);
  });

  it("retries a 5xx and succeeds, backing off exponentially", async () => {
    const { provider, waits } = await providerFor([
      recordedAnswer("openai-server-error"),
      recordedAnswer("openai-server-error"),
      recordedAnswer("llama-cpp-server", good),
    ]);
    const result = await provider.generate(request);
    expect(result.attempts).toBe(3);
    // base 100 ms, full jitter at 0.5: 75 then 150.
    expect(waits).toEqual([75, 150]);
  });

  it("stops after the bounded retries when 5xx persists", async () => {
    const { provider, replay } = await providerFor([recordedAnswer("openai-server-error")], {
      maxRetries: 3,
    });
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("server");
    expect(error.detail).toMatchObject({ status: 500, attempts: 4 });
    expect(replay.requests).toHaveLength(4);
  });

  it("does not retry a wrong key or an unknown model", async () => {
    const { provider, replay } = await providerFor([
      {
        status: 401,
        json: { error: { message: "Incorrect API key provided", type: "invalid_request_error" } },
      },
    ]);
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("config");
    expect(error.message).toContain("Incorrect API key");
    expect(replay.requests).toHaveLength(1);
  });

  it("rejects an answer cut off at the token limit even when it parses", async () => {
    const cut = recordedAnswer("openai", '{"headline":"Typhoon makes landfall","words":3}');
    const body = (cut as { json: { choices: { finish_reason: string }[] } }).json;
    body.choices[0] = { ...body.choices[0], finish_reason: "length" };
    const { provider } = await providerFor([cut], { maxRetries: 0 });
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("invalid_json");
  });

  it("times out a body that drips in slower than the deadline", async () => {
    const answer = recordedAnswer("openai", good);
    const slow = { slowJson: (answer as { json: unknown }).json, chunks: 20, delayMs: 200 };
    const { provider, replay } = await providerFor([slow], { timeoutMs: 1000, maxRetries: 1 });
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("timeout");
    expect(replay.requests).toHaveLength(2);
  });

  it("times out a connection that never answers, then succeeds on retry", async () => {
    const { provider } = await providerFor([{ hang: true }, recordedAnswer("openai", good)], {
      timeoutMs: 2000,
    });
    const result = await provider.generate(request);
    expect(result.attempts).toBe(2);
  });

  it("reports a dropped connection as a network error", async () => {
    const { provider } = await providerFor([{ reset: true }], { maxRetries: 1 });
    const error = await failure(provider.generate(request));
    expect(error.kind).toBe("network");
  });

  it("stops at once when the caller aborts, during a request or a backoff", async () => {
    const { provider } = await providerFor([{ hang: true }], { timeoutMs: 60_000 });
    const controller = new AbortController();
    const pending = provider.generate({ ...request, signal: controller.signal });
    while (server?.requests.length === 0) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect((await failure(pending)).kind).toBe("aborted");

    const during = await providerFor([recordedAnswer("openai-server-error")], {
      sleep: (_ms, signal) =>
        new Promise((_resolve, reject) => {
          signal?.addEventListener("abort", () => reject(new Error("aborted")));
          inBackoff.abort();
        }),
    });
    const inBackoff = new AbortController();
    const error = await failure(during.provider.generate({ ...request, signal: inBackoff.signal }));
    expect(error.kind).toBe("aborted");
    expect(during.replay.requests).toHaveLength(1);
  });
});
