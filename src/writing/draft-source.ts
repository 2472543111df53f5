import { z } from "zod";

/**
 * One source as drafting reads it: the fields of research's `StoredSource` that a prompt
 * and the draft's sources list need. `id` is the immutable `research_source.id`.
 */
export const draftSource = z.object({
  id: z.number().int().positive(),
  url: z.url({ protocol: /^https?$/ }),
  outlet: z.string().min(1).max(120),
  language: z.string().max(16),
  title: z.string().max(300),
  publishedAt: z.string().nullable(),
  text: z.string(),
});
export type DraftSource = z.infer<typeof draftSource>;

/** How many characters of each source a prompt carries (keeps prompts within small contexts). */
export const SOURCE_EXCERPT_CHARS = 3_000;

/** Outlets counted once each, case and spacing ignored: the independence rule's unit. */
export function independentOutlets(sources: DraftSource[]): number {
  return new Set(sources.map((s) => s.outlet.trim().toLowerCase())).size;
}

/** An explainer needs this many independent outlets; fewer gets a short data brief. */
export const EXPLAINER_MIN_OUTLETS = 3;

/** The bundle as the prompts show it: id, outlet, language, date, title, then the text. */
export function sourcesBlock(sources: DraftSource[]): string {
  return sources
    .map((s) => {
      const text =
        s.text.length > SOURCE_EXCERPT_CHARS ? `${s.text.slice(0, SOURCE_EXCERPT_CHARS)}…` : s.text;
      return [
        `[source ${s.id}] ${s.outlet} (${s.language}), published ${s.publishedAt ?? "date unknown"}`,
        `Title: ${s.title}`,
        text.trim(),
      ].join("\n");
    })
    .join("\n\n");
}
