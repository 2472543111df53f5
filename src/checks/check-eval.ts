import { checkArticle } from "./check-article.js";
import { type CheckCase, caseInput, caseReference } from "./check-case.js";
import type { CheckFlag } from "./check-types.js";
import type { ReferenceData } from "./reference-data.js";
import { parseBody } from "./sentence-split.js";
import { canonicalText } from "./text-normalise.js";

/** Flags that count: `info` flags are notes for the editor, not claims that something is wrong. */
export function counts(flag: CheckFlag): boolean {
  return flag.severity !== "info";
}

function norm(s: string): string {
  return canonicalText(s).replace(/\s+/g, " ").toLowerCase();
}

/**
 * Whether a planted slip was caught: a counting flag of its kind on the sentence holding
 * `contains` (article-level flags, which name no sentence, catch a slip whose text is in no
 * body sentence: the headline, the dek, a heading).
 */
export function caught(
  planted: { kind: string; contains: string },
  flags: readonly CheckFlag[],
  bodySentences: readonly string[],
): boolean {
  const needle = norm(planted.contains);
  const inBody = bodySentences.some((s) => norm(s).includes(needle));
  return flags.some(
    (f) =>
      counts(f) &&
      f.kind === planted.kind &&
      (norm(f.sentence).includes(needle) ||
        (f.sentenceIndex < 0 && (!inBody || f.sentence === ""))),
  );
}

export interface CaseResult {
  name: string;
  words: number;
  planted: { kind: string; contains: string; caught: boolean }[];
  flags: CheckFlag[];
  /** Counting flags on a case without planted slips. */
  falseFlags: number;
}

export interface EvalSummary {
  recall: Record<string, number>;
  false_flags_per_1000_words: number;
  cases: number;
}

export function runCase(name: string, c: CheckCase, base: ReferenceData): CaseResult {
  const input = caseInput(c);
  const flags = checkArticle(input, caseReference(c, base));
  const body = parseBody(input.body);
  const sentences = body.sentences.map((s) => s.text);
  return {
    name,
    words: body.wordCount,
    planted: c.planted.map((p) => ({ ...p, caught: caught(p, flags, sentences) })),
    flags,
    falseFlags: c.planted.length === 0 ? flags.filter(counts).length : 0,
  };
}

export function summarise(results: readonly CaseResult[]): EvalSummary {
  const byKind = new Map<string, { n: number; hit: number }>();
  for (const r of results) {
    for (const p of r.planted) {
      const k = byKind.get(p.kind) ?? { n: 0, hit: 0 };
      k.n++;
      if (p.caught) k.hit++;
      byKind.set(p.kind, k);
    }
  }
  const clean = results.filter((r) => r.planted.length === 0);
  const words = clean.reduce((a, r) => a + r.words, 0);
  const falseFlags = clean.reduce((a, r) => a + r.falseFlags, 0);
  return {
    recall: Object.fromEntries(
      [...byKind.entries()].sort().map(([k, v]) => [k, Math.round((v.hit / v.n) * 1000) / 1000]),
    ),
    false_flags_per_1000_words:
      words === 0 ? 0 : Math.round((falseFlags / words) * 1000 * 100) / 100,
    cases: results.length,
  };
}
