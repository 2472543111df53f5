import type { CheckFlag, CheckInput, CheckKind, CheckSource, Severity } from "./check-types.js";
import { type DateMention, findDates, localDay } from "./date-extract.js";
import { findNumbers, type NumberMention } from "./number-normalise.js";
import type { ReferenceData } from "./reference-data.js";
import {
  type ArticleSentence,
  type ParsedBody,
  parseBody,
  splitSentences,
} from "./sentence-split.js";
import { looseText } from "./text-normalise.js";

/** A source read once for all checks: sentences, numbers and dates found up front. */
export interface PreparedSource {
  source: CheckSource;
  loose: string;
  sentences: string[];
  numbers: NumberMention[];
  dates: DateMention[];
  /** Calendar day the source was published (in the newsroom's zone), when dated. */
  day: { year: number; month: number; day: number } | null;
}

export interface CheckContext {
  input: CheckInput;
  reference: ReferenceData;
  body: ParsedBody;
  sources: Map<number, PreparedSource>;
  all: PreparedSource[];
  publishedDay: { year: number; month: number; day: number };
  /** Lower-cased alias → every spelling of the same entity (loose form). */
  aliasGroups: Map<string, string[]>;
}

export function prepareSource(source: CheckSource, timeZone: string): PreparedSource {
  return {
    source,
    loose: looseText(source.text),
    sentences: splitSentences(source.text),
    numbers: findNumbers(source.text),
    dates: findDates(source.text),
    day: source.publishedAt ? localDay(source.publishedAt, timeZone) : null,
  };
}

function aliasGroups(reference: ReferenceData): Map<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const a of reference.aliases) {
    const key = looseText(a.canonical);
    const group = groups.get(key) ?? new Set([key]);
    group.add(looseText(a.alias));
    groups.set(key, group);
  }
  const out = new Map<string, string[]>();
  for (const group of groups.values()) {
    const list = [...group];
    for (const name of list) out.set(name, list);
  }
  return out;
}

export function buildContext(input: CheckInput, reference: ReferenceData): CheckContext {
  const all = input.sources.map((s) => prepareSource(s, input.timeZone));
  return {
    input,
    reference,
    body: parseBody(input.body),
    sources: new Map(all.map((p) => [p.source.id, p])),
    all,
    publishedDay: localDay(input.publishedAt, input.timeZone),
    aliasGroups: aliasGroups(reference),
  };
}

/**
 * The sources a sentence rests on: its cited ones, or the whole bundle when it cites none
 * (an uncited sentence is flagged for that and still checked against everything we have).
 */
export function evidenceFor(ctx: CheckContext, sentence: ArticleSentence): PreparedSource[] {
  if (sentence.citations.length === 0) return ctx.all;
  const cited = sentence.citations
    .map((n) => ctx.sources.get(n))
    .filter((p): p is PreparedSource => p !== undefined);
  return cited;
}

export function flag(
  kind: CheckKind,
  severity: Severity,
  sentence: ArticleSentence | null,
  message: string,
  evidence = "",
): CheckFlag {
  return {
    kind,
    severity,
    sentenceIndex: sentence ? sentence.index : -1,
    sentence: sentence ? sentence.text : "",
    message,
    evidence: evidence.slice(0, 600),
  };
}

/** The source sentence sharing most words with `text`, as evidence to show. */
export function closestPassage(sources: readonly PreparedSource[], words: Set<string>): string {
  let best = "";
  let bestScore = -1;
  for (const p of sources) {
    for (const s of p.sentences) {
      const loose = ` ${looseText(s)} `;
      let score = 0;
      for (const w of words) if (loose.includes(` ${w}`)) score++;
      if (score > bestScore) {
        bestScore = score;
        best = `[${p.source.id}] ${s}`;
      }
    }
  }
  return best;
}

export type Check = (ctx: CheckContext) => CheckFlag[];
