import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { silentLogger } from "../core/log.js";
import { createLlmProvider } from "./create-provider.js";
import { LlmError, type LlmProvider } from "./llm-provider.js";
import { writeTinyGguf } from "./testing/write-tiny-gguf.js";

const installed = await import("node-llama-cpp").then(
  () => true,
  () => false,
);

// The only skip: node-llama-cpp is an optional dependency; `npm ci` installs it.
describe.skipIf(!installed)("local GGUF provider with a tiny random-weight model", () => {
  let dir: string;
  let provider: LlmProvider | null = null;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "resou-gguf-"));
    const path = join(dir, "tiny-random.gguf");
    const bytes = writeTinyGguf(path);
    expect(bytes).toBe(statSync(path).size);
    expect(bytes).toBeLessThan(1024 * 1024);
    provider = await createLlmProvider(
      {
        provider: "local",
        apiKey: "",
        modelPath: path,
        timeoutMs: 60_000,
        maxRetries: 1,
        // A busy 2-core machine starves llama.cpp's spinning worker threads.
        threads: 1,
      },
      silentLogger,
    );
  }, 180_000);

  afterAll(async () => {
    await provider?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const mood = z.object({
    mood: z.enum(["calm", "tense", "festive"]),
    trending: z.boolean(),
    tags: z.array(z.enum(["weather", "sport", "film"])).max(2),
  });

  it("returns grammar-constrained JSON that passes zod", async () => {
    if (!provider) throw new Error("provider not loaded");
    expect(provider.name).toBe("local");
    expect(provider.model).toBe("tiny-random");
    const result = await provider.generate({
      task: "test",
      system: "Classify the topic.",
      user: "台风登陆 typhoon lands",
      schema: mood,
      schemaName: "mood",
      maxTokens: 200,
    });
    expect(mood.parse(JSON.parse(result.raw))).toEqual(result.value);
    expect(["calm", "tense", "festive"]).toContain(result.value.mood);
    expect(result.usage.promptTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
  }, 120_000);

  it("fails as schema_mismatch when zod rejects what the grammar allowed, after bounded retries", async () => {
    if (!provider) throw new Error("provider not loaded");
    // JSON Schema cannot carry a refinement: the grammar admits every mood, zod none of them.
    const impossible = mood.refine((v) => v.mood.length > 20, "mood must be longer than 20");
    const error = await provider
      .generate({
        task: "test",
        system: "Classify the topic.",
        user: "台风登陆",
        schema: impossible,
        schemaName: "mood",
        maxTokens: 200,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).kind).toBe("schema_mismatch");
    expect((error as LlmError).detail.attempts).toBe(2);
    expect((error as LlmError).detail.usage?.completionTokens).toBeGreaterThan(0);
  }, 120_000);
});
