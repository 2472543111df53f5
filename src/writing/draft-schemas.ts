import { z } from "zod";

/**
 * The answer shapes each drafting stage asks the model for. These zod schemas are exactly
 * what the provider receives (converted to JSON Schema) and what every answer is checked
 * against; bounds here are the contract with the model, and the pipeline re-checks the
 * cross-references (fact ids, source ids, citation numbers) the schema cannot express.
 */
const text = (max: number) => z.string().trim().min(1).max(max);

export const translateAnswer = z.object({
  hashtagEn: text(200),
  passages: z
    .array(
      z.object({
        sourceId: z.number().int().positive(),
        original: text(2000),
        english: text(3000),
      }),
    )
    .max(12),
});
export type TranslateAnswer = z.infer<typeof translateAnswer>;

export const factsAnswer = z.object({
  facts: z
    .array(
      z.object({
        text: text(500),
        sourceIds: z.array(z.number().int().positive()).min(1).max(6),
      }),
    )
    .min(1)
    .max(40),
});
export type FactsAnswer = z.infer<typeof factsAnswer>;

export const outlineAnswer = z.object({
  headline: text(140),
  dek: text(300),
  dateline: text(40),
  sections: z
    .array(
      z.object({
        heading: text(100),
        factIds: z.array(z.number().int().positive()).min(1).max(20),
      }),
    )
    .min(1)
    .max(4),
});
export type OutlineAnswer = z.infer<typeof outlineAnswer>;

/** A sentence and the citation numbers it rests on, kept as data until the Markdown is made. */
export const citedSentence = z.object({
  text: text(600),
  citations: z.array(z.number().int().positive()).min(1).max(6),
});
export type CitedSentence = z.infer<typeof citedSentence>;

export const sectionAnswer = z.object({
  paragraphs: z
    .array(z.object({ sentences: z.array(citedSentence).min(1).max(8) }))
    .min(1)
    .max(6),
});
export type SectionAnswer = z.infer<typeof sectionAnswer>;

export const leadAnswer = z.object({
  sentences: z.array(citedSentence).min(1).max(4),
});
export type LeadAnswer = z.infer<typeof leadAnswer>;
