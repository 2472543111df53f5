import type { z } from "zod";

export type ParsedAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; kind: "blank" | "invalid_json" | "schema_mismatch"; problem: string };

/**
 * Turns the model's text into a value of the schema, or says precisely why not. The text is
 * trimmed and a Markdown code fence around it is tolerated (models in `json_object` mode add
 * one); anything else that is not one JSON value is invalid. `null` on an optional property
 * means "absent", because strict JSON Schema makes every property required.
 */
export function parseStructured<T>(text: string, schema: z.ZodType<T>): ParsedAnswer<T> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, kind: "blank", problem: "the answer was empty" };
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(trimmed);
  const body = fenced?.[1] ?? trimmed;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    return { ok: false, kind: "invalid_json", problem: (error as Error).message };
  }
  const first = schema.safeParse(json);
  if (first.success) return { ok: true, value: first.data };
  const second = schema.safeParse(dropNulls(json));
  if (second.success) return { ok: true, value: second.data };
  const problem = first.error.issues
    .slice(0, 8)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  return { ok: false, kind: "schema_mismatch", problem };
}

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null)
        .map(([k, v]) => [k, dropNulls(v)]),
    );
  }
  return value;
}
