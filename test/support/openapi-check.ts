import { readFileSync } from "node:fs";
import { z } from "zod";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const doc = JSON.parse(
  readFileSync(new URL("../../src/newsroom/api/openapi.json", import.meta.url), "utf8"),
) as {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema: Json }> }> }>
  >;
  components: { schemas: Record<string, Json> };
};

/** Inlines `#/components/schemas/…` references so the schema stands alone. */
function resolve(schema: Json, depth = 0): Json {
  if (depth > 20) throw new Error("schema nests too deep");
  if (Array.isArray(schema)) return schema.map((s) => resolve(s, depth + 1));
  if (schema === null || typeof schema !== "object") return schema;
  const ref = schema.$ref;
  if (typeof ref === "string") {
    const name = ref.replace("#/components/schemas/", "");
    const target = doc.components.schemas[name];
    if (target === undefined) throw new Error(`unknown schema ${ref}`);
    return resolve(target, depth + 1);
  }
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "description" || key === "format") continue;
    out[key] = resolve(value, depth + 1);
  }
  return out;
}

/** Every documented operation as `METHOD /path/{param}`. */
export const DOCUMENTED = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((m) => ["get", "post", "put", "delete", "patch"].includes(m))
    .map((m) => `${m.toUpperCase()} ${path}`),
);

function operationFor(method: string, path: string): string | undefined {
  return DOCUMENTED.find((op) => {
    const [m, template = ""] = op.split(" ");
    if (m !== method) return false;
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return pattern.test(path);
  });
}

/**
 * Checks a response against the OpenAPI document: the operation and the status must be
 * documented, and the JSON body must match the schema. Returns the operation checked.
 */
export async function expectDocumented(
  method: string,
  path: string,
  response: Response,
): Promise<string> {
  const operation = operationFor(method, path);
  if (!operation) throw new Error(`${method} ${path} is not in openapi.json`);
  const [, template = ""] = operation.split(" ");
  const spec = doc.paths[template]?.[method.toLowerCase()]?.responses?.[String(response.status)];
  if (!spec) throw new Error(`${operation} does not document status ${response.status}`);
  const schema = spec.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`${operation} ${response.status} has no JSON schema`);
  const validator = z.fromJSONSchema(resolve(schema) as Parameters<typeof z.fromJSONSchema>[0]);
  const body: unknown = await response.clone().json();
  const result = validator.safeParse(body);
  if (!result.success) {
    throw new Error(
      `${operation} ${response.status} does not match openapi.json:\n${z.prettifyError(result.error)}\n${JSON.stringify(body).slice(0, 500)}`,
    );
  }
  return operation;
}
