import { z } from "zod";
import {
  type CitedSentence,
  factsAnswer,
  type LeadAnswer,
  leadAnswer,
  outlineAnswer,
  type SectionAnswer,
  sectionAnswer,
  type TranslateAnswer,
  translateAnswer,
} from "./draft-schemas.js";
import { type DraftSource, sourcesBlock } from "./draft-source.js";
import { askStage, StageAnswerError, type StageLlm } from "./llm-call.js";
import type { StageCost } from "./stage-store.js";

/** The template each stage uses now; stored with the stage's output. */
export const TEMPLATES = {
  translate: "translate.v1",
  facts: "facts.v1",
  outline: "outline.v1",
  section: "section.v1",
  lead: "lead.v1",
} as const;

export type DraftMode = "explainer" | "brief";

/** Words the whole draft aims at, and sections, per mode. */
export const MODE_SHAPE: Record<DraftMode, { words: number; sections: [number, number] }> = {
  explainer: { words: 900, sections: [3, 4] },
  brief: { words: 250, sections: [1, 2] },
};

export const translation = z.object({
  template: z.string().nullable(),
  hashtagEn: z.string(),
  passages: translateAnswer.shape.passages,
});
export type Translation = z.infer<typeof translation>;

/** Facts numbered from 1 in the order the model gave them; ids are what the outline cites. */
export const factList = z.object({
  facts: z.array(
    z.object({ id: z.number().int(), text: z.string(), sourceIds: z.array(z.number().int()) }),
  ),
});
export type FactList = z.infer<typeof factList>;
export type Fact = FactList["facts"][number];

export type Outline = z.infer<typeof outlineAnswer>;
export { leadAnswer, outlineAnswer, sectionAnswer };

const isEnglish = (s: DraftSource) => /^en\b/i.test(s.language);

/** Translates the hashtag and key passages of non-English sources (none: no call). */
export async function translateStage(
  llm: StageLlm,
  hashtag: string,
  sources: DraftSource[],
  cost: StageCost,
): Promise<Translation> {
  const foreign = sources.filter((s) => !isEnglish(s));
  if (foreign.length === 0 && /^[\x20-\x7e]*$/.test(hashtag)) {
    return { template: null, hashtagEn: hashtag, passages: [] };
  }
  const ids = new Set(sources.map((s) => s.id));
  const value = await askStage(
    llm,
    {
      task: "translate",
      template: TEMPLATES.translate,
      slots: { hashtag, max_passages: "8", sources: sourcesBlock(foreign) },
      schema: translateAnswer,
      schemaName: "translation",
    },
    (answer: TranslateAnswer) => {
      const passages = answer.passages.filter((p) => ids.has(p.sourceId));
      return { hashtagEn: answer.hashtagEn, passages };
    },
    cost,
  );
  return { template: TEMPLATES.translate, ...value };
}

export async function factsStage(
  llm: StageLlm,
  topic: { hashtag: string; hashtagEn: string },
  sources: DraftSource[],
  translated: Translation,
  cost: StageCost,
): Promise<FactList> {
  const ids = new Set(sources.map((s) => s.id));
  return askStage(
    llm,
    {
      task: "facts",
      template: TEMPLATES.facts,
      slots: {
        hashtag: topic.hashtag,
        hashtag_en: topic.hashtagEn,
        sources: sourcesBlock(sources),
        passages:
          translated.passages
            .map((p) => `[source ${p.sourceId}] ${p.original}\n→ ${p.english}`)
            .join("\n") || "(none)",
        max_facts: "30",
      },
      schema: factsAnswer,
      schemaName: "facts",
    },
    (answer) => {
      // A fact may keep only the sources that exist; one citing none is not a fact we can use.
      const facts = answer.facts
        .map((f) => ({
          text: f.text,
          sourceIds: [...new Set(f.sourceIds)].filter((id) => ids.has(id)),
        }))
        .filter((f) => f.sourceIds.length > 0)
        .map((f, i) => ({ id: i + 1, ...f }));
      if (facts.length === 0) throw new StageAnswerError("no fact cites a source of the bundle");
      return { facts };
    },
    cost,
  );
}

/** The outline's schema for one mode: the section count is part of what the model is told. */
export function outlineSchema(mode: DraftMode) {
  const [min, max] = MODE_SHAPE[mode].sections;
  return outlineAnswer.extend({ sections: outlineAnswer.shape.sections.min(min).max(max) });
}

export async function outlineStage(
  llm: StageLlm,
  topic: { hashtag: string; hashtagEn: string },
  mode: DraftMode,
  facts: FactList,
  cost: StageCost,
): Promise<Outline> {
  const known = new Set(facts.facts.map((f) => f.id));
  const [min, max] = MODE_SHAPE[mode].sections;
  return askStage(
    llm,
    {
      task: "outline",
      template: TEMPLATES.outline,
      slots: {
        hashtag: topic.hashtag,
        hashtag_en: topic.hashtagEn,
        format:
          mode === "explainer"
            ? `explainer of about ${MODE_SHAPE.explainer.words} words`
            : `short data brief of about ${MODE_SHAPE.brief.words} words (few independent sources)`,
        facts: facts.facts.map((f) => `${f.id}: ${f.text} [${f.sourceIds.join(", ")}]`).join("\n"),
        section_range: min === max ? String(min) : `${min} to ${max}`,
      },
      schema: outlineSchema(mode),
      schemaName: "outline",
    },
    (answer) => {
      const used = new Set<number>();
      const sections = answer.sections.map((s) => ({
        heading: s.heading,
        factIds: [...new Set(s.factIds)].filter((id) => {
          if (!known.has(id) || used.has(id)) return false;
          used.add(id);
          return true;
        }),
      }));
      const empty = sections.find((s) => s.factIds.length === 0);
      if (empty) throw new StageAnswerError(`section “${empty.heading}” has no known fact ids`);
      return { ...answer, dateline: answer.dateline.toUpperCase(), sections };
    },
    cost,
  );
}

/** Citation numbers (1-based positions in the bundle) for a set of facts. */
export function factLines(
  facts: Fact[],
  numberOf: Map<number, number>,
): { text: string; allowed: Set<number> } {
  const allowed = new Set<number>();
  const lines = facts.map((f) => {
    const numbers = f.sourceIds.map((id) => numberOf.get(id) ?? 0).filter((n) => n > 0);
    for (const n of numbers) allowed.add(n);
    return `- ${f.text} ${numbers.map((n) => `[${n}]`).join("")}`;
  });
  return { text: lines.join("\n"), allowed };
}

/** Keeps each sentence's citations inside the numbers its facts carry; none left is a reject. */
function keepAllowed(sentences: CitedSentence[], allowed: Set<number>): CitedSentence[] {
  return sentences.map((s) => {
    const citations = [...new Set(s.citations)].filter((n) => allowed.has(n));
    if (citations.length === 0) {
      throw new StageAnswerError(
        `the sentence “${s.text.slice(0, 80)}” cites no number from its facts (${[...allowed].join(", ")})`,
      );
    }
    return { text: s.text, citations };
  });
}

export async function sectionStage(
  llm: StageLlm,
  input: { headline: string; heading: string; facts: Fact[]; targetWords: number },
  numberOf: Map<number, number>,
  cost: StageCost,
): Promise<SectionAnswer> {
  const lines = factLines(input.facts, numberOf);
  return askStage(
    llm,
    {
      task: "section",
      template: TEMPLATES.section,
      slots: {
        headline: input.headline,
        heading: input.heading,
        target_words: String(input.targetWords),
        facts: lines.text,
      },
      schema: sectionAnswer,
      schemaName: "section",
    },
    (answer) => ({
      paragraphs: answer.paragraphs.map((p) => ({
        sentences: keepAllowed(p.sentences, lines.allowed),
      })),
    }),
    cost,
  );
}

export async function leadStage(
  llm: StageLlm,
  input: { outline: Outline; facts: Fact[] },
  numberOf: Map<number, number>,
  cost: StageCost,
): Promise<LeadAnswer> {
  const lines = factLines(input.facts, numberOf);
  return askStage(
    llm,
    {
      task: "lead",
      template: TEMPLATES.lead,
      slots: {
        headline: input.outline.headline,
        dek: input.outline.dek,
        headings: input.outline.sections.map((s) => s.heading).join("; "),
        facts: lines.text,
      },
      schema: leadAnswer,
      schemaName: "lead",
    },
    (answer) => ({ sentences: keepAllowed(answer.sentences, lines.allowed) }),
    cost,
  );
}
