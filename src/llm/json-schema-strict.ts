import { z } from "zod";

export type JsonSchema = Record<string, unknown>;

/**
 * The JSON Schema sent as `response_format.json_schema.schema`. OpenAI's strict mode accepts
 * a schema only when every object lists all its properties as required and forbids extra
 * ones, so optional properties become required-but-nullable; `parseStructured` maps those
 * nulls back to "absent" before zod sees them.
 */
export function strictJsonSchema(schema: z.ZodType): JsonSchema {
  const raw = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const { $schema: _ignored, ...rest } = raw;
  return strictify(rest) as JsonSchema;
}

function strictify(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictify);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = strictify(value);
  const properties = out.properties;
  if (out.type === "object" && properties && typeof properties === "object") {
    const required = new Set(Array.isArray(out.required) ? (out.required as string[]) : []);
    const props = properties as Record<string, unknown>;
    for (const [key, value] of Object.entries(props)) {
      if (!required.has(key)) props[key] = { anyOf: [value, { type: "null" }] };
    }
    out.required = Object.keys(props);
    out.additionalProperties = false;
  } else if (out.type === "object" && !properties) {
    // A record (free keys) cannot be strict; leave it open rather than forbid every key.
    if (out.additionalProperties === undefined) out.additionalProperties = {};
  }
  return out;
}

/**
 * A small value of the schema's shape, shown in the prompt when the server only offers
 * `json_object` (DeepSeek asks for "an example of the desired JSON format").
 */
export function exampleOfSchema(node: unknown, depth = 0): unknown {
  if (!node || typeof node !== "object" || depth > 8) return null;
  const s = node as Record<string, unknown>;
  if ("const" in s) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (Array.isArray(s.anyOf) && s.anyOf.length > 0) return exampleOfSchema(s.anyOf[0], depth + 1);
  if (Array.isArray(s.oneOf) && s.oneOf.length > 0) return exampleOfSchema(s.oneOf[0], depth + 1);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object": {
      const props = (s.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(props).map(([k, v]) => [k, exampleOfSchema(v, depth + 1)]),
      );
    }
    case "array": {
      const count = typeof s.minItems === "number" && s.minItems > 1 ? s.minItems : 1;
      return Array.from({ length: Math.min(count, 3) }, () => exampleOfSchema(s.items, depth + 1));
    }
    case "string":
      return typeof s.description === "string" ? `<${s.description}>` : "<text>";
    case "integer":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1.5;
    case "boolean":
      return true;
    case "null":
      return null;
    default:
      return null;
  }
}
