import { describe, expect, it } from "vitest";
import type { LlmProvider, StructuredRequest, StructuredResult } from "../llm/llm-provider.js";
import { judgeArticle, type Verdict } from "./entailment-judge.js";

/** An in-test provider whose answers are a function of the request, validated by the request's schema. */
function scripted(
  answer: (user: string) => Verdict,
): LlmProvider & { requests: StructuredRequest<unknown>[] } {
  const requests: StructuredRequest<unknown>[] = [];
  return {
    name: "openai",
    model: "scripted",
    requests,
    async generate<T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> {
      requests.push(request as StructuredRequest<unknown>);
      const raw = JSON.stringify({ verdict: answer(request.user) });
      return {
        value: request.schema.parse(JSON.parse(raw)),
        usage: { promptTokens: 10, completionTokens: 2 },
        model: "scripted",
        attempts: 1,
        elapsedMs: 1,
        raw,
      };
    },
    async close() {},
  };
}

const input = {
  headline: "h",
  dek: "d",
  publishedAt: "2025-08-26T12:00:00+08:00",
  timeZone: "Asia/Shanghai",
  body: "Trump met Kim in Singapore [1][2]. They met again in Hanoi [2]. Commentators were divided.",
  sources: [
    { id: 1, outlet: "A", publishedAt: null, text: "Trump met Kim in Singapore." },
    { id: 2, outlet: "B", publishedAt: null, text: "A second summit followed in Vietnam." },
  ],
};

describe("LLM entailment judge", () => {
  it("computes ALCE citation recall and precision and flags unsupported sentences", async () => {
    const provider = scripted((user) => {
      const sentence = /Sentence: (.*)\n/.exec(user)?.[1] ?? "";
      if (sentence.includes("Singapore")) return user.includes("[1]") ? "yes" : "no";
      if (sentence.includes("Hanoi")) return "partial";
      return "no";
    });
    const report = await judgeArticle(provider, input);
    // Recall: 1 of 3 sentences entailed (the uncited one counts as unsupported).
    expect(report.citationRecall).toBeCloseTo(1 / 3);
    // Precision: of 3 citations, [1] supports sentence 1; [2] is not needed there; sentence 2 is not entailed.
    expect(report.citationPrecision).toBeCloseTo(1 / 3);
    // Sentence 2 is partly supported (info); the uncited sentence is the rule checks' business.
    expect(report.flags.map((f) => [f.sentenceIndex, f.severity])).toEqual([[1, "info"]]);
    expect(report.flags[0]?.evidence).toMatch(
      /^Judge verdict: partial\. Passages looked at: \[2\] A second summit/,
    );
    expect(report).toMatchObject({
      sentences: 3,
      supported: 1,
      partial: 1,
      unsupported: 0,
      citations: 3,
      preciseCitations: 1,
    });
    expect(provider.requests.every((r) => r.schemaName === "entailment_verdict")).toBe(true);
    expect(report.usage.promptTokens).toBe(report.calls * 10);
  });
  it("counts every citation as precise when each sentence is fully supported", async () => {
    const report = await judgeArticle(
      scripted(() => "yes"),
      { ...input, body: "Trump met Kim in Singapore [1][2]." },
    );
    expect([report.citationRecall, report.citationPrecision]).toEqual([1, 1]);
  });
});
