import { z } from "zod";
import type { LlmProvider, LlmUsage } from "../llm/llm-provider.js";
import { buildContext, flag } from "./check-context.js";
import type { CheckFlag, CheckInput } from "./check-types.js";
import { EMPTY_REFERENCE } from "./reference-data.js";

/** The judge's only answer: an enum, so any backend's structured output can carry it. */
export const verdictSchema = z.object({ verdict: z.enum(["yes", "partial", "no"]) });
export type Verdict = z.infer<typeof verdictSchema>["verdict"];

const SYSTEM =
  "You check news sentences against their sources. Answer in JSON with one field, verdict: " +
  '"yes" if the passages fully support every claim in the sentence, "partial" if they support ' +
  'only some of it, "no" if they do not support it. Example: {"verdict":"yes"}';

export interface JudgeReport {
  /** One per cited sentence judged "no" (warning) or "partial" (info); the judge never blocks publishing. */
  flags: CheckFlag[];
  /** Sentences in the article, cited ones judged "yes" / "partial" / "no", and citations counted. */
  sentences: number;
  supported: number;
  partial: number;
  unsupported: number;
  citations: number;
  preciseCitations: number;
  /** ALCE/STORM citation recall: sentences whose citations together entail them, over all sentences. */
  citationRecall: number;
  /** ALCE/STORM citation precision: citations that support their sentence, over all citations. */
  citationPrecision: number;
  usage: LlmUsage;
  calls: number;
}

/**
 * Sentence-level entailment with the configured LLM. Recall: a sentence counts when its
 * cited passages together entail it ("yes"); uncited sentences count as unsupported.
 * Precision: a citation counts when its sentence is entailed and the citation either
 * supports the sentence on its own (at least partly) or is needed (without it the rest no
 * longer entails the sentence), as ALCE defines it.
 */
export async function judgeArticle(provider: LlmProvider, input: CheckInput): Promise<JudgeReport> {
  const ctx = buildContext(input, EMPTY_REFERENCE);
  const usage: LlmUsage = { promptTokens: 0, completionTokens: 0 };
  let calls = 0;
  const passagesOf = (ids: number[]) =>
    ids
      .map((id) => ctx.sources.get(id))
      .filter((p) => p !== undefined)
      .map((p) => `[${p.source.id}] ${p.source.text}`)
      .join("\n\n");
  const ask = async (sentence: string, ids: number[]): Promise<Verdict> => {
    const passages = passagesOf(ids);
    if (!passages) return "no";
    const result = await provider.generate({
      task: "entailment",
      system: SYSTEM,
      user: `Passages:\n${passages}\n\nSentence: ${sentence}\n\nReply in JSON.`,
      schema: verdictSchema,
      schemaName: "entailment_verdict",
      maxTokens: 20,
      temperature: 0,
    });
    calls++;
    usage.promptTokens += result.usage.promptTokens;
    usage.completionTokens += result.usage.completionTokens;
    return result.value.verdict;
  };
  const flags: CheckFlag[] = [];
  let entailed = 0;
  let partial = 0;
  let unsupported = 0;
  let citations = 0;
  let precise = 0;
  for (const sentence of ctx.body.sentences) {
    const ids = sentence.citations;
    citations += ids.length;
    if (ids.length === 0) continue;
    const all = await ask(sentence.plain, ids);
    if (all !== "yes") {
      if (all === "no") unsupported++;
      else partial++;
      // The evidence is what the judge read and what it answered, so an editor can weigh it.
      const evidence = `Judge verdict: ${all}. Passages looked at: ${passagesOf(ids) || "(none)"}`;
      flags.push(
        flag(
          "entailment",
          all === "no" ? "warning" : "info",
          sentence,
          all === "no"
            ? "The cited sources do not support this sentence"
            : "The cited sources support only part of this sentence",
          evidence,
        ),
      );
      continue;
    }
    entailed++;
    if (ids.length === 1) {
      precise++;
      continue;
    }
    for (const id of ids) {
      const alone = await ask(sentence.plain, [id]);
      if (alone !== "no") {
        precise++;
        continue;
      }
      const rest = await ask(
        sentence.plain,
        ids.filter((x) => x !== id),
      );
      // A citation that neither supports alone nor is needed lowers precision; no flag.
      if (rest !== "yes") precise++;
    }
  }
  const sentences = ctx.body.sentences.length;
  return {
    flags,
    sentences,
    supported: entailed,
    partial,
    unsupported,
    citations,
    preciseCitations: precise,
    citationRecall: sentences === 0 ? 0 : entailed / sentences,
    citationPrecision: citations === 0 ? 0 : precise / citations,
    usage,
    calls,
  };
}
