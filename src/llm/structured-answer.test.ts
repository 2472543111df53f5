import { describe, expect, it } from "vitest";
import { z } from "zod";
import { exampleOfSchema, strictJsonSchema } from "./json-schema-strict.js";
import { parseRetryAfter } from "./retry-timing.js";
import { parseStructured } from "./structured-answer.js";

const facts = z.object({
  facts: z
    .array(z.object({ text: z.string().min(1), sources: z.array(z.number().int().min(1)).min(1) }))
    .min(1),
  note: z.string().optional(),
});

describe("structured answers", () => {
  it("accepts a fenced answer and says why others fail", () => {
    const value = { facts: [{ text: "A typhoon landed.", sources: [1] }] };
    expect(parseStructured(`\`\`\`json\n${JSON.stringify(value)}\n\`\`\``, facts)).toEqual({
      ok: true,
      value,
    });
    expect(parseStructured("  ", facts)).toMatchObject({ ok: false, kind: "blank" });
    expect(parseStructured("Sure! {", facts)).toMatchObject({ ok: false, kind: "invalid_json" });
    const wrong = parseStructured(
      JSON.stringify({ facts: [{ text: "x", sources: [1.5] }] }),
      facts,
    );
    expect(wrong).toMatchObject({ ok: false, kind: "schema_mismatch" });
    expect(wrong.ok ? "" : wrong.problem).toContain("facts.0.sources.0");
  });

  it("makes nested objects strict and gives an example of the shape", () => {
    const schema = strictJsonSchema(facts);
    const item = (schema.properties as { facts: { items: Record<string, unknown> } }).facts.items;
    expect(item.additionalProperties).toBe(false);
    expect(item.required).toEqual(["text", "sources"]);
    expect(schema.required).toEqual(["facts", "note"]);
    const example = exampleOfSchema(schema) as { facts: { sources: number[] }[]; note: unknown };
    expect(example.facts[0]?.sources).toEqual([1]);
    expect(typeof example.note).toBe("string");
  });

  it("reads retry-after as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("3", now)).toBe(3000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 23:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
