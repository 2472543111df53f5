import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../config/env.js";
import { silentLogger } from "../core/log.js";
import { createLlmProvider } from "./create-provider.js";
import { llmConfigFrom } from "./llm-config.js";
import { costOf } from "./llm-cost.js";

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe("LLM settings", () => {
  it("defaults to no provider, and createLlmProvider gives null", async () => {
    const config = loadConfig({});
    expect(config.LLM_PROVIDER).toBe("none");
    expect(await createLlmProvider(llmConfigFrom(config), silentLogger)).toBeNull();
  });

  it("lists missing openai settings together with every other bad setting", () => {
    const found = problems({ LLM_PROVIDER: "openai", PORT: "99999", LLM_MAX_RETRIES: "-1" });
    expect(found.some((p) => p.startsWith("PORT="))).toBe(true);
    expect(found.some((p) => p.startsWith("LLM_MAX_RETRIES="))).toBe(true);
    expect(found.some((p) => p.startsWith("LLM_BASE_URL=") && p.includes("openai"))).toBe(true);
    expect(found.some((p) => p.startsWith("LLM_MODEL=") && p.includes("openai"))).toBe(true);
  });

  it("needs an existing model file for local", () => {
    expect(problems({ LLM_PROVIDER: "local" })[0]).toMatch(/^LLM_MODEL_PATH="": required/);
    expect(problems({ LLM_PROVIDER: "local", LLM_MODEL_PATH: "/nonexistent/m.gguf" })[0]).toMatch(
      /no such file/,
    );
    const dir = mkdtempSync(join(tmpdir(), "resou-cfg-"));
    try {
      const file = join(dir, "m.gguf");
      writeFileSync(file, "GGUF");
      expect(problems({ LLM_PROVIDER: "local", LLM_MODEL_PATH: file })).toEqual([]);
      expect(problems({ LLM_PROVIDER: "local", LLM_MODEL_PATH: dir })[0]).toMatch(/no such file/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds the openai provider from a complete configuration", async () => {
    const config = loadConfig({
      LLM_PROVIDER: "openai",
      LLM_BASE_URL: "http://127.0.0.1:11434/v1/",
      LLM_MODEL: "qwen2.5:7b",
    });
    expect(config.LLM_BASE_URL).toBe("http://127.0.0.1:11434/v1");
    const provider = await createLlmProvider(llmConfigFrom(config), silentLogger);
    expect(provider?.name).toBe("openai");
    expect(provider?.model).toBe("qwen2.5:7b");
    await provider?.close();
  });

  it("prices usage only when prices are set", () => {
    const usage = { promptTokens: 2_000_000, completionTokens: 500_000 };
    expect(costOf(usage, {})).toBeNull();
    expect(costOf(usage, { priceInputPerMTok: 0.27, priceOutputPerMTok: 1.1 })).toBeCloseTo(1.09);
    const config = loadConfig({ LLM_PRICE_INPUT_PER_MTOK: "0.5" });
    expect(costOf(usage, llmConfigFrom(config))).toBeCloseTo(1);
  });
});
