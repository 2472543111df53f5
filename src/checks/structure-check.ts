import { type Check, flag } from "./check-context.js";
import type { CheckFlag } from "./check-types.js";

/** Style targets of a full story (see docs/style.md); briefs under `FULL_STORY_WORDS` skip the shape rules. */
export const STRUCTURE = {
  minSections: 3,
  maxSections: 4,
  minWords: 600,
  maxWords: 1600,
  fullStoryWords: 300,
} as const;

/**
 * Check 10: a headline, a dek, three or four section headings, a length within the target,
 * and no paragraph without a single citation.
 */
export const structureCheck: Check = (ctx) => {
  const flags: CheckFlag[] = [];
  const { input, body } = ctx;
  if (input.headline.trim() === "")
    flags.push(flag("structure", "error", null, "The story has no headline"));
  if (input.dek !== null && input.dek.trim() === "")
    flags.push(flag("structure", "warning", null, "The story has no dek"));
  if (body.wordCount >= STRUCTURE.fullStoryWords) {
    const n = body.headings.length;
    if (n < STRUCTURE.minSections || n > STRUCTURE.maxSections) {
      flags.push({
        ...flag(
          "structure",
          "warning",
          null,
          `The story has ${n} section headings; the style asks for ${STRUCTURE.minSections}–${STRUCTURE.maxSections}`,
        ),
        sentence: body.headings.join(" | "),
      });
    }
    if (body.wordCount < STRUCTURE.minWords || body.wordCount > STRUCTURE.maxWords) {
      flags.push(
        flag(
          "structure",
          "warning",
          null,
          `The story is ${body.wordCount} words; the target is ${STRUCTURE.minWords}–${STRUCTURE.maxWords}`,
        ),
      );
    }
  }
  for (const paragraph of body.paragraphs) {
    if (paragraph.sentences.some((s) => s.citations.length > 0)) continue;
    const first = paragraph.sentences[0];
    if (first) flags.push(flag("structure", "error", first, "This paragraph cites no source"));
  }
  return flags;
};
