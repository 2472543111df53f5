import { parseDocument } from "yaml";
import type { SectionInput } from "../article-input.js";

/** Front-matter keys and the article fields they fill (aliases included). */
const FIELD_FOR_KEY = new Map<string, string>(
  Object.entries({
    slug: "slug",
    kind: "kind",
    title: "headline",
    headline: "headline",
    dek: "dek",
    description: "dek",
    summary: "dek",
    lead: "lead",
    category: "category",
    byline: "byline",
    author: "byline",
    tags: "tags",
    hashtag: "hashtag",
    hashtag_en: "hashtag_en",
    image: "image_url",
    image_url: "image_url",
    image_alt: "image_alt",
    status: "status",
    date: "published_at",
    published: "published_at",
    published_at: "published_at",
    updated: "updated_at",
    updated_at: "updated_at",
    time_zone: "time_zone",
    timezone: "time_zone",
    demo: "demo",
    sections: "sections",
  }),
);

export interface ParsedDocument {
  fields: Record<string, unknown>;
  /** Keys we do not know; reported, not fatal, so exports from other tools still import. */
  ignoredKeys: string[];
}

export class DocumentSyntaxError extends Error {}

/** Markdown with `---` YAML front matter: metadata above, lead and `## ` sections below. */
export function parseMarkdownDocument(text: string): ParsedDocument {
  const match = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/.exec(text);
  if (!match)
    throw new DocumentSyntaxError("front matter missing: the file must start with a --- block");
  const yaml = parseDocument(match[1] ?? "", { prettyErrors: true, uniqueKeys: true });
  if (yaml.errors.length > 0) {
    throw new DocumentSyntaxError(
      `front matter is not valid YAML: ${yaml.errors[0]?.message ?? ""}`,
    );
  }
  const meta: unknown = yaml.toJS();
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) {
    throw new DocumentSyntaxError("front matter must be a mapping of keys to values");
  }
  const parsed = mapFields(meta as Record<string, unknown>);
  const body = splitBody(match[2] ?? "");
  if (parsed.fields.lead === undefined) parsed.fields.lead = body.lead;
  if (parsed.fields.sections === undefined) parsed.fields.sections = body.sections;
  return parsed;
}

/** A JSON article: the same keys as front matter, with `body` holding the Markdown. */
export function parseJsonDocument(value: unknown): ParsedDocument {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new DocumentSyntaxError("each JSON article must be an object");
  }
  const { body, ...rest } = value as Record<string, unknown>;
  const parsed = mapFields(rest);
  if (typeof body === "string") {
    const split = splitBody(body);
    parsed.fields.lead ??= split.lead;
    parsed.fields.sections ??= split.sections;
  }
  return parsed;
}

function mapFields(meta: Record<string, unknown>): ParsedDocument {
  // No prototype: an own `__proto__` key can never reach Object.prototype through it.
  const fields: Record<string, unknown> = Object.create(null);
  const ignoredKeys: string[] = [];
  for (const [key, value] of Object.entries(meta)) {
    // A Map, not an object literal: `__proto__` or `constructor` must not find inherited members.
    const field = FIELD_FOR_KEY.get(key.toLowerCase());
    if (!field) {
      ignoredKeys.push(key);
      continue;
    }
    // YAML turns `date: 2025-08-26` into a string under the 1.2 core schema, but a
    // number-looking slug or tag must become text too.
    fields[field] = typeof value === "number" && field !== "demo" ? String(value) : value;
  }
  if (typeof fields.tags === "string") fields.tags = fields.tags.split(",").map((t) => t.trim());
  return { fields, ignoredKeys };
}

/** Text before the first `## ` heading is the lead; each `## ` opens a section. */
export function splitBody(markdown: string): { lead: string; sections: SectionInput[] } {
  const lines = markdown.replace(/\r\n/g, "\n").split("\n");
  const lead: string[] = [];
  const sections: SectionInput[] = [];
  let inFence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      sections.push({ heading: heading[1] ?? "", body: "" });
      continue;
    }
    const current = sections.at(-1);
    if (current) current.body += `${line}\n`;
    else lead.push(line);
  }
  return {
    lead: lead
      .join("\n")
      .replace(/^\s*#\s+.*\n/, "")
      .trim(),
    sections: sections.map((s) => ({ heading: s.heading, body: s.body.trim() })),
  };
}
