import { z } from "zod";
import { type ArticleInput, sectionInput } from "../content/article-input.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const plain = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), "must not contain control characters");

/**
 * One cited source of a story. Citation markers `[n]` in the lead and section bodies point at
 * `sources[n - 1]`: the list's order is the citation numbering, for the drafting pipeline,
 * the claim checks and the public "Sources" list alike. The optional fields come from research
 * (`sourceId` names the stored, immutable source version the draft was written from).
 */
export const sourceEntry = z.object({
  url: z.url({ protocol: /^https?$/, message: "must be an http(s) URL" }).max(2000),
  title: z.string().max(300),
  outlet: z.string().max(120).optional(),
  /** ISO-8601 with zone, when the outlet dates the item. */
  publishedAt: z.iso.datetime({ offset: true }).optional(),
  language: z.string().max(16).optional(),
  sourceId: z.number().int().positive().optional(),
});

/** The editable fields of a story: what a revision stores and the editor shows. */
export const storyContent = z.object({
  headline: plain(200).min(1, "is required"),
  dek: plain(400),
  lead: z.string().max(20_000, "must be at most 20,000 characters"),
  sections: z.array(sectionInput).max(20, "at most 20 sections"),
  category: plain(80).min(1, "is required"),
  tags: z.array(plain(60).min(1)).max(20, "at most 20 tags"),
  hashtag: plain(100),
  hashtagEn: plain(200),
  byline: plain(80),
  sources: z.array(sourceEntry).max(50, "at most 50 sources"),
});
export type StoryContent = z.infer<typeof storyContent>;

/** Raw editor form: sections and sources are one text area each, tags comma separated. */
export interface StoryForm {
  headline: string;
  dek: string;
  lead: string;
  sections: string;
  category: string;
  tags: string;
  hashtag: string;
  hashtagEn: string;
  byline: string;
  sources: string;
}

export const EMPTY_FORM: StoryForm = {
  headline: "",
  dek: "",
  lead: "",
  sections: "",
  category: "",
  tags: "",
  hashtag: "",
  hashtagEn: "",
  byline: "",
  sources: "",
};

/** `## Heading` lines start sections; each runs to the next heading. */
export function parseSections(text: string): { heading: string; body: string }[] | string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const sections: { heading: string; body: string }[] = [];
  for (const line of lines) {
    const heading = /^##\s+(.+?)\s*$/.exec(line);
    if (heading?.[1]) {
      sections.push({ heading: heading[1], body: "" });
      continue;
    }
    const current = sections.at(-1);
    if (!current) {
      if (line.trim() === "") continue;
      return "start each section with a line like “## What happened”";
    }
    current.body += `${line}\n`;
  }
  return sections.map((s) => ({ heading: s.heading, body: s.body.trim() }));
}

export function sectionsText(sections: { heading: string; body: string }[]): string {
  return sections.map((s) => `## ${s.heading}\n\n${s.body}`).join("\n\n");
}

function parseSources(text: string): { url: string; title: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [url = "", ...title] = line.split(/\s+/);
      return { url, title: title.join(" ") };
    });
}

function withKeptMetadata(
  lines: { url: string; title: string }[],
  previous: StoryContent["sources"],
): StoryContent["sources"] {
  const byUrl = new Map(previous.map((s) => [s.url, s]));
  return lines.map((line) => {
    const kept = byUrl.get(line.url);
    if (!kept) return line;
    const { url: _url, title: _title, ...metadata } = kept;
    return { ...metadata, url: line.url, title: line.title };
  });
}

/**
 * Form → content, or the problems keyed by form field. The sources text area holds only
 * URL and title; `previousSources` (the story as saved) gives back the outlet, date,
 * language and research source id of every line whose URL is unchanged, so an editor's save
 * keeps what the drafting pipeline recorded.
 */
export function contentFromForm(
  form: StoryForm,
  previousSources: StoryContent["sources"] = [],
): { ok: true; content: StoryContent } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const sections = parseSections(form.sections);
  if (typeof sections === "string") errors.sections = sections;
  const candidate = {
    headline: form.headline,
    dek: form.dek,
    lead: form.lead,
    sections: typeof sections === "string" ? [] : sections,
    category: form.category,
    tags: form.tags
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    hashtag: form.hashtag.replace(/^#+|#+$/g, ""),
    hashtagEn: form.hashtagEn,
    byline: form.byline,
    sources: withKeptMetadata(parseSources(form.sources), previousSources),
  };
  const parsed = storyContent.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [top, index] = issue.path;
      const key = String(top ?? "form");
      if (errors[key]) continue;
      errors[key] =
        key === "sections" && typeof index === "number"
          ? `section ${index + 1}: ${issue.message}`
          : key === "sources" && typeof index === "number"
            ? `line ${index + 1}: ${issue.message}`
            : key === "tags" && typeof index === "number"
              ? `tag ${index + 1}: ${issue.message}`
              : issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, content: parsed.data };
}

export function formFromContent(content: StoryContent): StoryForm {
  return {
    headline: content.headline,
    dek: content.dek,
    lead: content.lead,
    sections: sectionsText(content.sections),
    category: content.category,
    tags: content.tags.join(", "),
    hashtag: content.hashtag,
    hashtagEn: content.hashtagEn,
    byline: content.byline,
    sources: content.sources.map((s) => `${s.url} ${s.title}`.trim()).join("\n"),
  };
}

/** Picks the editor fields out of a posted form (missing ones are empty). */
export function formFromBody(body: (name: string) => string): StoryForm {
  const form = { ...EMPTY_FORM };
  for (const key of Object.keys(EMPTY_FORM) as (keyof StoryForm)[]) form[key] = body(key);
  return form;
}

/** Content as the article store takes it; the status fields come from the story. */
export function articleInputOf(
  content: StoryContent,
  slug: string,
  status: ArticleInput["status"],
  publishedAt: string | null,
): Record<string, unknown> {
  return {
    slug,
    headline: content.headline,
    dek: content.dek,
    lead: content.lead,
    sections: content.sections,
    category: content.category,
    tags: content.tags,
    hashtag: content.hashtag,
    hashtag_en: content.hashtagEn,
    ...(content.byline ? { byline: content.byline } : {}),
    status,
    ...(publishedAt ? { published_at: publishedAt } : {}),
  };
}

/** Content as labelled plain text, one field after another, for line diffs. */
export function contentAsText(content: StoryContent): string {
  return [
    `Headline: ${content.headline}`,
    `Dek: ${content.dek}`,
    `Category: ${content.category}`,
    `Tags: ${content.tags.join(", ")}`,
    `Hashtag: ${content.hashtag}`,
    `Hashtag (English): ${content.hashtagEn}`,
    `Byline: ${content.byline}`,
    "",
    content.lead,
    "",
    sectionsText(content.sections),
    "",
    ...content.sources.map((s) => `Source: ${s.url} ${s.title}`.trim()),
  ].join("\n");
}
