import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { type CheckCase, checkCase } from "./check-case.js";

/**
 * A story on disk for `resou check`: either a case file (JSON, the evaluation's format) or
 * Markdown with front matter naming the headline, dek, publication time and the sources
 * with their text:
 *
 *   ---
 *   headline: …
 *   dek: …
 *   published_at: 2025-08-26T12:00:00+08:00
 *   sources:
 *     - { id: 1, outlet: Xinhua, published_at: 2025-08-26T08:30:00+08:00, text: "…" }
 *   ---
 *   Body with [1] markers…
 */
const markdownFront = z.object({
  headline: z.string().optional(),
  title: z.string().optional(),
  dek: z.string().optional(),
  published_at: z.union([z.string(), z.date()]).optional(),
  date: z.union([z.string(), z.date()]).optional(),
  time_zone: z.string().optional(),
  dateline: z.string().optional(),
  sources: z.array(z.record(z.string(), z.unknown())).default([]),
  reference: z.unknown().optional(),
});

function isoOf(value: string | Date | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Parses a case from file text; the error names the first problem. */
export function parseCheckFile(
  name: string,
  text: string,
): { ok: true; value: CheckCase } | { ok: false; error: string } {
  let raw: unknown;
  try {
    if (name.endsWith(".json")) raw = JSON.parse(text);
    else {
      const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
      if (!m)
        return {
          ok: false,
          error: "Markdown needs front matter (--- … ---) with headline, published_at and sources",
        };
      const front = markdownFront.safeParse(parseYaml(m[1] ?? "", { schema: "core" }) ?? {});
      if (!front.success)
        return {
          ok: false,
          error: front.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
        };
      const f = front.data;
      raw = {
        article: {
          headline: f.headline ?? f.title ?? "",
          ...(f.dek !== undefined ? { dek: f.dek } : {}),
          published_at: isoOf(f.published_at ?? f.date),
          ...(f.time_zone ? { time_zone: f.time_zone } : {}),
          ...(f.dateline ? { dateline: f.dateline } : {}),
          body: m[2] ?? "",
        },
        sources: f.sources.map((s) => ({
          ...s,
          published_at: isoOf(s.published_at as string | Date | undefined),
        })),
        ...(f.reference ? { reference: f.reference } : {}),
      };
    }
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  const parsed = checkCase.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
    };
  return { ok: true, value: parsed.data };
}
