import { readFileSync } from "node:fs";

/** A prompt template file's name without `.md`, e.g. `outline.v1`: stored with each output. */
export type TemplateId = `${string}.v${number}`;

export interface PromptTemplate {
  id: TemplateId;
  system: string;
  user: string;
  slots: Set<string>;
}

const SPLIT = /^[ \t]*=== user ===[ \t]*$/m;
const SLOT = /\{\{([a-z_]+)\}\}/g;
const cache = new Map<TemplateId, PromptTemplate>();

/** Reads `prompts/<id>.md` beside this module (once per process). */
export function loadTemplate(id: TemplateId): PromptTemplate {
  const cached = cache.get(id);
  if (cached) return cached;
  const text = readFileSync(new URL(`./prompts/${id}.md`, import.meta.url), "utf8");
  const template = parseTemplate(id, text);
  cache.set(id, template);
  return template;
}

export function parseTemplate(id: TemplateId, text: string): PromptTemplate {
  const parts = text.split(SPLIT);
  if (parts.length !== 2) throw new Error(`prompt ${id}: needs exactly one "=== user ===" line`);
  const [system = "", user = ""] = parts;
  const slots = new Set([...text.matchAll(SLOT)].map((m) => m[1] ?? ""));
  return { id, system: system.trim(), user: user.trim(), slots };
}

/**
 * Fills every `{{slot}}`. Both directions are errors — a slot left empty and a value the
 * template has no slot for — so editing a template cannot silently drop the date or the
 * office-holder table from a prompt.
 */
export function fillTemplate(
  template: PromptTemplate,
  values: Record<string, string>,
): { system: string; user: string } {
  const missing = [...template.slots].filter((s) => values[s] === undefined);
  const unused = Object.keys(values).filter((k) => !template.slots.has(k));
  if (missing.length > 0 || unused.length > 0) {
    throw new Error(
      `prompt ${template.id}: ${[
        missing.length ? `no value for ${missing.join(", ")}` : "",
        unused.length ? `no slot for ${unused.join(", ")}` : "",
      ]
        .filter(Boolean)
        .join("; ")}`,
    );
  }
  const fill = (s: string) => s.replace(SLOT, (_, name: string) => values[name] ?? "");
  return { system: fill(template.system), user: fill(template.user) };
}
