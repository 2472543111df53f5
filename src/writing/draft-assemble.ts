import { citationProblems, withMarkers } from "../content/citation-markers.js";
import { type StoryContent, storyContent } from "../newsroom/story-content.js";
import type { CitedSentence, LeadAnswer, SectionAnswer } from "./draft-schemas.js";
import type { DraftSource } from "./draft-source.js";
import { type DraftMode, MODE_SHAPE, type Outline } from "./draft-stages.js";

export interface DraftParts {
  mode: DraftMode;
  outline: Outline;
  lead: LeadAnswer;
  sections: SectionAnswer[];
  hashtagEn: string;
  /** The bundle in story order: citation numbers in the stage answers are 1-based positions. */
  bundle: DraftSource[];
}

/** Thrown when the assembled draft breaks a rule; nothing is saved. */
export class DraftInvalidError extends Error {
  constructor(readonly problems: string[]) {
    super(`the draft is not valid: ${problems.slice(0, 5).join("; ")}`);
    this.name = "DraftInvalidError";
  }
}

/**
 * Turns the stage answers into story content. Citation numbers are renumbered in order of
 * first citation (lead first, then the sections), and the sources list holds exactly the
 * cited sources in that order, so `[n]` is the n-th entry of the list a reader sees.
 */
export function assembleDraft(parts: DraftParts, base: StoryContent): StoryContent {
  const renumber = new Map<number, number>();
  const numberOf = (n: number) => {
    let next = renumber.get(n);
    if (next === undefined) {
      next = renumber.size + 1;
      renumber.set(n, next);
    }
    return next;
  };
  const paragraph = (sentences: CitedSentence[]) =>
    sentences.map((s) => withMarkers(s.text, s.citations.map(numberOf))).join(" ");

  const lead = `${parts.outline.dateline} — ${paragraph(parts.lead.sentences)}`;
  const sections = parts.outline.sections.map((s, i) => ({
    heading: s.heading,
    body: (parts.sections[i]?.paragraphs ?? []).map((p) => paragraph(p.sentences)).join("\n\n"),
  }));
  const sources = [...renumber.entries()]
    .sort((a, b) => a[1] - b[1])
    .map(([old]) => {
      const source = parts.bundle[old - 1];
      if (!source) throw new DraftInvalidError([`citation [${old}] points past the bundle`]);
      return {
        url: source.url,
        title: source.title.slice(0, 300),
        outlet: source.outlet,
        ...(source.publishedAt ? { publishedAt: source.publishedAt } : {}),
        language: source.language,
        sourceId: source.id,
      };
    });
  const tags =
    parts.mode === "brief" && !base.tags.includes("data brief")
      ? [...base.tags, "data brief"].slice(0, 20)
      : base.tags;
  const content: StoryContent = {
    ...base,
    headline: parts.outline.headline,
    dek: parts.outline.dek,
    lead,
    sections,
    tags,
    hashtagEn: base.hashtagEn || parts.hashtagEn,
    sources,
  };
  validateDraft(content, parts.mode);
  return content;
}

/** Every sentence cited, markers in range, the structure the mode asks for, valid content. */
export function validateDraft(content: StoryContent, mode: DraftMode): void {
  const problems: string[] = [];
  const parsed = storyContent.safeParse(content);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  if (!content.headline.trim()) problems.push("no headline");
  if (!content.dek.trim()) problems.push("no dek");
  if (!/^[^—]+ — /.test(content.lead)) problems.push("no dateline");
  const [min, max] = MODE_SHAPE[mode].sections;
  if (content.sections.length < min || content.sections.length > max) {
    problems.push(`${content.sections.length} sections (a ${mode} has ${min} to ${max})`);
  }
  for (const [where, text] of [
    ["lead", content.lead],
    ...content.sections.map((s) => [s.heading, s.body] as const),
  ] as const) {
    if (!text.trim()) problems.push(`${where}: empty`);
    for (const p of citationProblems(text, content.sources.length)) {
      problems.push(
        `${where}: ${p.problem === "uncited" ? "uncited" : "marker out of range"}: “${p.sentence.slice(0, 80)}”`,
      );
    }
  }
  if (problems.length > 0) throw new DraftInvalidError(problems);
}
